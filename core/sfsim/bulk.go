package sfsim

import (
	"encoding/json"
	"net/http"
	"sort"
	"sync"
)

// Bulk API 2.0 query job states.
const (
	stateUploadComplete = "UploadComplete"
	stateInProgress     = "InProgress"
	stateJobComplete    = "JobComplete"
	stateFailed         = "Failed"
	stateAborted        = "Aborted"
)

// bulkJob is one query job. It advances one state per GET of its info
// (UploadComplete -> InProgress -> JobComplete), so every polling client sees
// every state; its result rows are a snapshot taken when it completes.
type bulkJob struct {
	id, operation, object, createdByID, apiVersion string
	delimiter, lineEnding                          string
	created, modstamp                              int64
	state, errorMessage                            string
	plan                                           *plan
	fail                                           bool
	hold                                           *jobHold // FaultJobStuck: stay in hold.state for hold.polls polls
	view                                           *orgView
	rows                                           []int32
}

func (j *bulkJob) terminal() bool {
	return j.state == stateJobComplete || j.state == stateFailed || j.state == stateAborted
}

// jobStore holds the org's query jobs.
type jobStore struct {
	mu       sync.Mutex
	seq      int64
	byID     map[string]*bulkJob
	failNext int
}

func newJobStore() *jobStore { return &jobStore{byID: map[string]*bulkJob{}} }

func (s *jobStore) failNextJobs(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failNext = max(n, 0)
}

var delimiters = map[string]byte{"COMMA": ',', "TAB": '\t', "PIPE": '|', "SEMICOLON": ';', "CARET": '^', "BACKQUOTE": '`'}

// serveBulk routes jobs/query[/{id}[/results]].
func (o *Org) serveBulk(w http.ResponseWriter, r *http.Request, version string, parts []string) {
	switch {
	case len(parts) == 0 && r.Method == http.MethodPost:
		o.createJob(w, r, version)
	case len(parts) == 0:
		if allow(w, r, http.MethodGet, http.MethodPost) {
			o.listJobs(w)
		}
	case len(parts) == 1:
		if allow(w, r, http.MethodGet, http.MethodPatch, http.MethodDelete) {
			o.serveJob(w, r, parts[0])
		}
	case len(parts) == 2 && parts[1] == "results":
		if allow(w, r, http.MethodGet) {
			o.serveResults(w, r, version, parts[0])
		}
	default:
		writeError(w, http.StatusNotFound, "NOT_FOUND", "The requested resource does not exist")
	}
}

type createJobRequest struct {
	Operation       string `json:"operation"`
	Query           string `json:"query"`
	ContentType     string `json:"contentType"`
	ColumnDelimiter string `json:"columnDelimiter"`
	LineEnding      string `json:"lineEnding"`
}

func (o *Org) createJob(w http.ResponseWriter, r *http.Request, version string) {
	var req createJobRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		writeError(w, http.StatusBadRequest, "JSON_PARSER_ERROR", "Unable to parse the request body: "+err.Error())
		return
	}
	if req.Operation != "query" && req.Operation != "queryAll" {
		writeError(w, http.StatusBadRequest, "INVALIDJOB", "Invalid operation: '"+req.Operation+"'. Valid values are query and queryAll")
		return
	}
	req.ContentType = defaultTo(req.ContentType, "CSV")
	req.ColumnDelimiter = defaultTo(req.ColumnDelimiter, "COMMA")
	req.LineEnding = defaultTo(req.LineEnding, "LF")
	if req.ContentType != "CSV" {
		writeError(w, http.StatusBadRequest, "INVALIDJOB", "Invalid contentType: '"+req.ContentType+"'. Only CSV is supported")
		return
	}
	if _, ok := delimiters[req.ColumnDelimiter]; !ok {
		writeError(w, http.StatusBadRequest, "INVALIDJOB", "Invalid columnDelimiter: '"+req.ColumnDelimiter+"'")
		return
	}
	if req.LineEnding != "LF" && req.LineEnding != "CRLF" {
		writeError(w, http.StatusBadRequest, "INVALIDJOB", "Invalid lineEnding: '"+req.LineEnding+"'")
		return
	}
	p, err := compileSOQL(o.schema, req.Query)
	if err != nil {
		writeQueryError(w, err)
		return
	}
	if msg := bulkRestriction(p); msg != "" {
		writeError(w, http.StatusBadRequest, "API_ERROR", msg)
		return
	}
	now := o.nowMillis()
	s := o.jobs
	s.mu.Lock()
	s.seq++
	j := &bulkJob{
		id: salesforceID("750", o.pod, s.seq), operation: req.Operation, object: p.obj.Name,
		createdByID: o.actorID(), apiVersion: version, delimiter: req.ColumnDelimiter, lineEnding: req.LineEnding,
		created: now, modstamp: now, state: stateUploadComplete, plan: p, fail: s.failNext > 0,
	}
	if h, ok := r.Context().Value(jobHoldKey{}).(*jobHold); ok {
		j.hold = &jobHold{state: h.state, polls: h.polls}
	}
	if j.fail {
		s.failNext--
	}
	s.byID[j.id] = j
	info := j.info(false)
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, info)
}

// bulkRestriction returns why Bulk API 2.0 refuses an otherwise valid query, or "".
func bulkRestriction(p *plan) string {
	if p.count {
		return "Aggregate queries are not supported in Bulk Query: COUNT()"
	}
	for _, a := range p.cols {
		if a.f.compound() {
			return "Selecting compound data not supported in Bulk Query"
		}
		if a.f.Type == "base64" {
			return "Selecting base64 data not supported in Bulk Query: " + a.name
		}
	}
	return ""
}

func defaultTo(v, d string) string {
	if v == "" {
		return d
	}
	return v
}

// actorID is the integration user, read under the lock.
func (o *Org) actorID() string {
	o.mu.RLock()
	defer o.mu.RUnlock()
	return o.actor()
}

// info renders a job as Salesforce does; full adds the fields GET returns.
func (j *bulkJob) info(full bool) map[string]any {
	m := map[string]any{
		"id": j.id, "operation": j.operation, "object": j.object, "createdById": j.createdByID,
		"createdDate":    string(appendRESTDateTime(nil, j.created)),
		"systemModstamp": string(appendRESTDateTime(nil, j.modstamp)),
		"state":          j.state, "concurrencyMode": "Parallel", "contentType": "CSV",
		"apiVersion": json.Number(j.apiVersion), "lineEnding": j.lineEnding, "columnDelimiter": j.delimiter,
	}
	if full {
		m["jobType"] = "V2Query"
		m["numberRecordsProcessed"] = len(j.rows)
		m["retries"] = 0
		m["totalProcessingTime"] = j.modstamp - j.created
		m["isPkChunkingSupported"] = true
		if j.errorMessage != "" {
			m["errorMessage"] = j.errorMessage
		}
	}
	return m
}

func (o *Org) lookupJob(w http.ResponseWriter, id string) *bulkJob {
	o.jobs.mu.Lock()
	j := o.jobs.byID[id]
	o.jobs.mu.Unlock()
	if j == nil {
		writeError(w, http.StatusNotFound, "NOT_FOUND", "The requested resource does not exist")
	}
	return j
}

func (o *Org) serveJob(w http.ResponseWriter, r *http.Request, id string) {
	j := o.lookupJob(w, id)
	if j == nil {
		return
	}
	switch r.Method {
	case http.MethodGet:
		o.advance(j)
	case http.MethodPatch:
		var body struct {
			State string `json:"state"`
		}
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil || body.State != stateAborted {
			writeError(w, http.StatusBadRequest, "INVALIDJOB", "Only state Aborted can be set on a query job")
			return
		}
		o.jobs.mu.Lock()
		if j.terminal() {
			o.jobs.mu.Unlock()
			writeError(w, http.StatusBadRequest, "API_ERROR", "Job is in state "+j.state+" and can no longer be aborted")
			return
		}
		j.state, j.modstamp = stateAborted, o.nowMillis()
		o.jobs.mu.Unlock()
	case http.MethodDelete:
		o.jobs.mu.Lock()
		defer o.jobs.mu.Unlock()
		if !j.terminal() {
			writeError(w, http.StatusBadRequest, "API_ERROR", "Error encountered when deleting the job because the job is not terminated")
			return
		}
		delete(o.jobs.byID, id)
		w.WriteHeader(http.StatusNoContent)
		return
	}
	o.jobs.mu.Lock()
	info := j.info(true)
	o.jobs.mu.Unlock()
	writeJSON(w, http.StatusOK, info)
}

// advance moves a job one state on. Completion runs the query on a fresh
// snapshot: the result set is the org as it was when the job completed.
func (o *Org) advance(j *bulkJob) {
	o.jobs.mu.Lock()
	state := j.state
	held := j.hold != nil && j.hold.state == state && j.hold.polls != 0
	if held && j.hold.polls > 0 {
		j.hold.polls--
	}
	o.jobs.mu.Unlock()
	if held {
		return
	}
	switch state {
	case stateUploadComplete:
		o.jobs.mu.Lock()
		if j.state == stateUploadComplete {
			j.state, j.modstamp = stateInProgress, o.nowMillis()
		}
		o.jobs.mu.Unlock()
	case stateInProgress:
		var v *orgView
		var rows []int32
		if !j.fail {
			v = o.view()
			rows = j.plan.run(v, j.operation == "queryAll")
		}
		o.jobs.mu.Lock()
		if j.state == stateInProgress {
			j.modstamp = o.nowMillis()
			if j.fail {
				j.state, j.errorMessage = stateFailed, "InternalServerError: Failed to write query result"
			} else {
				j.state, j.view, j.rows = stateJobComplete, v, rows
			}
		}
		o.jobs.mu.Unlock()
	}
}

func (o *Org) listJobs(w http.ResponseWriter) {
	o.jobs.mu.Lock()
	jobs := make([]*bulkJob, 0, len(o.jobs.byID))
	for _, j := range o.jobs.byID {
		jobs = append(jobs, j)
	}
	sort.Slice(jobs, func(a, b int) bool { return jobs[a].id < jobs[b].id })
	records := make([]map[string]any, 0, len(jobs))
	for _, j := range jobs {
		info := j.info(false)
		info["jobType"] = "V2Query"
		records = append(records, info)
	}
	o.jobs.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{"done": true, "records": records, "nextRecordsUrl": nil})
}

// jobObject is the object of job id, "" if there is no such job.
func (o *Org) jobObject(id string) string {
	o.jobs.mu.Lock()
	defer o.jobs.mu.Unlock()
	if j := o.jobs.byID[id]; j != nil {
		return j.object
	}
	return ""
}
