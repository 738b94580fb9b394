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

// PollPolicy paces GET /jobs/query/{id} while a job runs: Initial, then
// growing by Factor up to Max. The caller's context bounds the total wait.
type PollPolicy struct {
	Initial time.Duration // default 500ms
	Max     time.Duration // default 10s
	Factor  float64       // default 1.5
	Sleep   func(ctx context.Context, d time.Duration) error
}

func (p PollPolicy) withDefaults() PollPolicy {
	if p.Initial <= 0 {
		p.Initial = 500 * time.Millisecond
	}
	if p.Max <= 0 {
		p.Max = 10 * time.Second
	}
	if p.Factor < 1 {
		p.Factor = 1.5
	}
	if p.Sleep == nil {
		p.Sleep = sleepCtx
	}
	return p
}

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
	delay := c.poll.Initial
	for {
		job, err := c.GetJob(ctx, id)
		if err != nil {
			return nil, err
		}
		switch job.State {
		case JobComplete:
			return job, nil
		case JobFailed, JobAborted:
			return job, &JobError{JobID: id, State: job.State, Message: job.ErrorMessage}
		}
		if err := c.poll.Sleep(ctx, delay); err != nil {
			return nil, fmt.Errorf("wait for bulk job %s: %w", id, err)
		}
		delay = min(time.Duration(float64(delay)*c.poll.Factor), c.poll.Max)
	}
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
