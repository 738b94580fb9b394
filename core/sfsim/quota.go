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
	mu        sync.Mutex
	used, max int
	bulkJobs  int // Bulk API 2.0 query jobs created
}

func newQuota(max int) *quota { return &quota{max: max} }

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

func (q *quota) jobCreated() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.bulkJobs++
}

// Usage reports the org's API calls used today and the daily maximum.
func (s *Server) Usage() (used, max int) { return s.quota.usage() }

// SetUsage sets today's used API calls (clamped to [0, max]).
func (s *Server) SetUsage(used int) { s.quota.set(used) }

// setLimitHeader sets Sforce-Limit-Info: api-usage=USED/MAX.
func (s *Server) setLimitHeader(w http.ResponseWriter) {
	used, max := s.quota.usage()
	w.Header().Set("Sforce-Limit-Info", fmt.Sprintf("api-usage=%d/%d", used, max))
}

func writeLimitExceeded(w http.ResponseWriter) {
	writeError(w, http.StatusForbidden, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.")
}

// limit is one entry of GET /limits.
type limit struct {
	Max       int `json:"Max"`
	Remaining int `json:"Remaining"`
}

// serveLimits answers GET /limits consistently with the usage counter (the
// limits call itself included, as in its own Sforce-Limit-Info header).
func (s *Server) serveLimits(w http.ResponseWriter) {
	s.quota.mu.Lock()
	used, apiMax, jobs := s.quota.used, s.quota.max, s.quota.bulkJobs
	s.quota.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]limit{
		"DailyApiRequests":              {Max: apiMax, Remaining: apiMax - used},
		"DailyBulkApiBatches":           {Max: dailyBulkAPIBatchesMax, Remaining: dailyBulkAPIBatchesMax},
		"DailyBulkV2QueryFileStorageMB": {Max: dailyBulkV2StorageMBMax, Remaining: dailyBulkV2StorageMBMax},
		"DailyBulkV2QueryJobs":          {Max: dailyBulkV2QueryJobsMax, Remaining: max(dailyBulkV2QueryJobsMax-jobs, 0)},
		"DailyAsyncApexExecutions":      {Max: 250000, Remaining: 250000},
		"DataStorageMB":                 {Max: 1024, Remaining: 1024},
		"FileStorageMB":                 {Max: 1024, Remaining: 1024},
	})
}

// serveJobCreate passes a Bulk query job creation to the org and counts the
// job against DailyBulkV2QueryJobs when the org accepted it.
func (s *Server) serveJobCreate(w http.ResponseWriter, r *http.Request, version, rest string) {
	sw := &statusWriter{ResponseWriter: w}
	s.org.ServeData(sw, r, version, rest)
	if sw.status == http.StatusOK || sw.status == http.StatusCreated {
		s.quota.jobCreated()
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
