package sfsim

import (
	"fmt"
	"net/http"
	"sync"
)

// Bulk API 2.0 daily allowances reported by /limits (Salesforce's documented defaults).
const (
	dailyBulkV2QueryJobsMax = 10000
	dailyBulkV2StorageMBMax = 976562
	dailyBulkAPIBatchesMax  = 15000
)

// quota is the org's rolling daily API allowance. Every REST call except
// GET /services/data/ takes one unit; a composite request is one call.
type quota struct {
	mu          sync.Mutex
	used, max   int
	bulkJobs    int // Bulk API 2.0 query jobs created
	bulkJobsMax int // DailyBulkV2QueryJobs
	noHeader    bool
}

func newQuota(max, bulkJobsMax int) *quota { return &quota{max: max, bulkJobsMax: bulkJobsMax} }

// take counts one call, or reports false when the allowance is spent.
func (q *quota) take() bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.used >= q.max {
		return false
	}
	q.used++
	return true
}

// refund gives back a call that was counted but rejected as unauthenticated.
func (q *quota) refund() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.used = max(q.used-1, 0)
}

func (q *quota) usage() (used, max int) {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.used, q.max
}

// set moves the counter, clamped to [0, max] (a test or fault that sets the
// org at its limit, or a new day that resets it).
func (q *quota) set(used int) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.used = min(max(used, 0), q.max)
}

// takeJob counts one Bulk query job, or reports false with the count the
// refused job would have made when DailyBulkV2QueryJobs is spent.
func (q *quota) takeJob() (ok bool, attempted int) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.bulkJobs >= q.bulkJobsMax {
		return false, q.bulkJobs + 1
	}
	q.bulkJobs++
	return true, q.bulkJobs
}

// refundJob gives back a job the org refused.
func (q *quota) refundJob() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.bulkJobs = max(q.bulkJobs-1, 0)
}

// Usage reports the org's API calls used today and the daily maximum.
func (s *Server) Usage() (used, max int) { return s.quota.usage() }

// SetUsage sets today's used API calls (clamped to [0, max]).
func (s *Server) SetUsage(used int) { s.quota.set(used) }

// BulkJobsUsage reports the Bulk API 2.0 query jobs created today and the
// daily maximum (DailyBulkV2QueryJobs).
func (s *Server) BulkJobsUsage() (used, max int) {
	s.quota.mu.Lock()
	defer s.quota.mu.Unlock()
	return s.quota.bulkJobs, s.quota.bulkJobsMax
}

// SetBulkJobsUsed sets today's created Bulk query jobs (clamped to [0, max]).
func (s *Server) SetBulkJobsUsed(n int) {
	s.quota.mu.Lock()
	defer s.quota.mu.Unlock()
	s.quota.bulkJobs = min(max(n, 0), s.quota.bulkJobsMax)
}

// SetLimitHeader turns the Sforce-Limit-Info header on REST responses on
// (the default) or off, as a gateway that strips it does
// (wadewegner/Force.com-Toolkit-for-NET#190; docs/salesforce-api.md §9):
// /limits still reports the usage.
func (s *Server) SetLimitHeader(enabled bool) {
	s.quota.mu.Lock()
	defer s.quota.mu.Unlock()
	s.quota.noHeader = !enabled
}

// setLimitHeader sets Sforce-Limit-Info: api-usage=USED/MAX.
func (s *Server) setLimitHeader(w http.ResponseWriter) {
	s.quota.mu.Lock()
	used, max, off := s.quota.used, s.quota.max, s.quota.noHeader
	s.quota.mu.Unlock()
	if !off {
		w.Header().Set("Sforce-Limit-Info", fmt.Sprintf("api-usage=%d/%d", used, max))
	}
}

func writeLimitExceeded(w http.ResponseWriter) {
	writeError(w, http.StatusForbidden, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.")
}

// serveJobCreate passes a Bulk query job creation to the org and counts the
// job against DailyBulkV2QueryJobs. With the allowance spent Salesforce
// refuses the job: 400 LIMIT_EXCEEDED "Max bulk v2 query jobs (10000) per
// 24 hrs has been reached (10021)." (airbytehq/airbyte#26520 and the
// connector's test of it; Bulk API 2.0 limits: 10,000 query jobs per
// rolling 24 hours).
func (s *Server) serveJobCreate(w http.ResponseWriter, r *http.Request, version, rest string) {
	ok, attempted := s.quota.takeJob()
	if !ok {
		_, jobsMax := s.BulkJobsUsage()
		writeError(w, http.StatusBadRequest, "LIMIT_EXCEEDED",
			fmt.Sprintf("Max bulk v2 query jobs (%d) per 24 hrs has been reached (%d).", jobsMax, attempted))
		return
	}
	sw := &statusWriter{ResponseWriter: w}
	s.org.ServeData(sw, r, version, rest)
	if sw.status != http.StatusOK && sw.status != http.StatusCreated {
		s.quota.refundJob()
	}
}

// statusWriter remembers the status a handler wrote.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}
