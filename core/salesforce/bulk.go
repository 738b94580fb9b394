package salesforce

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"time"
)

// Bulk API 2.0 query job states.
const (
	JobUploadComplete = "UploadComplete"
	JobInProgress     = "InProgress"
	JobComplete       = "JobComplete"
	JobFailed         = "Failed"
	JobAborted        = "Aborted"
)

// DefaultBulkMaxRecords is maxRecords per Bulk results page unless
// Config.BulkMaxRecords says otherwise. Measured on the engine's first sync
// of 1,000,000 Accounts with the default fields (about 230 bytes a row; two
// pages held: one committing, one arriving), peak RSS of the engine in a
// test binary: 10,000 rows 105 calls at 48-50 MB, 15,000 72 calls at 63 MB,
// 20,000 55 calls at 70-74 MB, 25,000 45 calls at 81-90 MB, 30,000 39 calls
// at 100-106 MB; the sfsync binary adds about 10 MB (80-90 MB at 20,000).
// 20,000 halves the calls of 10,000 and is the largest that keeps the app
// under 100 MB; wider field selections take more per row.
const DefaultBulkMaxRecords = 20_000

// Job is a Bulk API 2.0 query job as GET /jobs/query/{id} describes it.
type Job struct {
	ID                     string  `json:"id"`
	Operation              string  `json:"operation"`
	Object                 string  `json:"object"`
	State                  string  `json:"state"`
	CreatedDate            string  `json:"createdDate"`
	SystemModstamp         string  `json:"systemModstamp"`
	APIVersion             float64 `json:"apiVersion"`
	NumberRecordsProcessed int64   `json:"numberRecordsProcessed"`
	Retries                int     `json:"retries"`
	TotalProcessingTime    int64   `json:"totalProcessingTime"`
	ErrorMessage           string  `json:"errorMessage"`
}

// Terminal reports whether the job will not change state any more.
func (j *Job) Terminal() bool {
	return j.State == JobComplete || j.State == JobFailed || j.State == JobAborted
}

// PollPolicy paces GET /jobs/query/{id} while a job runs. The job's own
// state drives it: the first poll comes Initial after the job was created
// (a small job is often done by then), each poll that finds the state
// unchanged multiplies the wait by Factor up to Max, and a poll that finds
// the job moved on (UploadComplete → InProgress) starts again from Initial,
// as the next change tends to follow soon. A job that takes T costs about
// log_Factor(T/Initial) polls per state, then one per Max. The caller's
// context bounds the total wait.
type PollPolicy struct {
	Initial time.Duration // default 10ms
	Max     time.Duration // default 10s
	Factor  float64       // default 2
	Sleep   func(ctx context.Context, d time.Duration) error
}

func (p PollPolicy) withDefaults() PollPolicy {
	if p.Initial <= 0 {
		p.Initial = 10 * time.Millisecond
	}
	if p.Max <= 0 {
		p.Max = 10 * time.Second
	}
	if p.Factor < 1 {
		p.Factor = 2
	}
	if p.Sleep == nil {
		p.Sleep = sleepCtx
	}
	return p
}

// Next is the wait before the next poll, given the wait before the last
// one and whether that poll found the job in a new state.
func (p PollPolicy) Next(last time.Duration, changed bool) time.Duration {
	if changed || last <= 0 {
		return p.Initial
	}
	return min(time.Duration(float64(last)*p.Factor), p.Max)
}

// PollPolicy is the client's poll pacing with defaults filled in.
func (c *Client) PollPolicy() PollPolicy { return c.poll }

func (c *Client) jobPath(id string) string {
	return c.dataPath("jobs/query/" + url.PathEscape(id))
}

// CreateQueryJob starts a Bulk query job; all selects queryAll (soft-deleted
// rows included).
func (c *Client) CreateQueryJob(ctx context.Context, soql string, all bool) (*Job, error) {
	op := "query"
	if all {
		op = "queryAll"
	}
	in := map[string]string{"operation": op, "query": soql, "contentType": "CSV",
		"columnDelimiter": "COMMA", "lineEnding": "LF"}
	var job Job
	if err := c.sendJSON(ctx, http.MethodPost, c.dataPath("jobs/query"), in, &job); err != nil {
		return nil, fmt.Errorf("create bulk %s job: %w", op, err)
	}
	return &job, nil
}

// GetJob reads a job's state.
func (c *Client) GetJob(ctx context.Context, id string) (*Job, error) {
	var job Job
	if err := c.getJSON(ctx, c.jobPath(id), nil, &job); err != nil {
		return nil, fmt.Errorf("get bulk job %s: %w", id, err)
	}
	return &job, nil
}

// WaitJob polls until the job is JobComplete, and returns a *JobError
// (errors.Is ErrJobFailed / ErrJobAborted) when it ends otherwise.
func (c *Client) WaitJob(ctx context.Context, id string) (*Job, error) {
	delay, state := time.Duration(0), ""
	for {
		job, err := c.GetJob(ctx, id)
		if err != nil {
			return nil, err
		}
		if err := job.Err(); err != nil || job.State == JobComplete {
			return job, err
		}
		delay, state = c.poll.Next(delay, job.State != state), job.State
		if err := c.poll.Sleep(ctx, delay); err != nil {
			return nil, fmt.Errorf("wait for bulk job %s: %w", id, err)
		}
	}
}

// Err is a *JobError when the job ended Failed or Aborted, else nil.
func (j *Job) Err() error {
	if j.State == JobFailed || j.State == JobAborted {
		return &JobError{JobID: j.ID, State: j.State, Message: j.ErrorMessage}
	}
	return nil
}

// AbortJob stops a queued or running job.
func (c *Client) AbortJob(ctx context.Context, id string) (*Job, error) {
	var job Job
	if err := c.sendJSON(ctx, http.MethodPatch, c.jobPath(id), map[string]string{"state": JobAborted}, &job); err != nil {
		return nil, fmt.Errorf("abort bulk job %s: %w", id, err)
	}
	return &job, nil
}

// DeleteJob removes a terminal job and its results.
func (c *Client) DeleteJob(ctx context.Context, id string) error {
	if err := c.do(ctx, call{method: http.MethodDelete, path: c.jobPath(id)}, jsonReader(nil)); err != nil {
		return fmt.Errorf("delete bulk job %s: %w", id, err)
	}
	return nil
}
