package engine

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/http/httptrace"
	"strings"
	"sync"
	"time"
)

// memURL is the simulator's address through memTransport.
const memURL = "http://sfsim.test"

// memTransport serves requests with a handler in the caller's goroutine,
// as a server would over the network: it stamps Date (net/http servers
// do), tells the client's trace the request was written (the client counts
// calls there), and can strip the usage header as a gateway may
// (Force.com-Toolkit-for-NET#190).
type memTransport struct {
	h http.Handler

	mu         sync.Mutex
	stripUsage bool
	refusals   int    // data calls still to refuse
	refusal    string // their REQUEST_LIMIT_EXCEEDED message
}

// refuse answers the next n REST calls with 403 REQUEST_LIMIT_EXCEEDED and
// message, before they reach the org, with the org's usage header: the
// answer Salesforce gives for its daily total ("TotalRequests Limit
// exceeded.") and for its concurrency limits ("ConcurrentRequests …",
// "ConcurrentPerOrgLongTxn …"; docs/salesforce-api.md §9).
func (m *memTransport) refuse(message string, n int) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.refusal, m.refusals = message, n
}

// refused takes one refusal for req, if any is left.
func (m *memTransport) refused(req *http.Request) (string, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.refusals <= 0 || !strings.HasPrefix(req.URL.Path, "/services/data/v") {
		return "", false
	}
	m.refusals--
	return m.refusal, true
}

func (m *memTransport) setStripUsage(on bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.stripUsage = on
}

func (m *memTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if err := req.Context().Err(); err != nil {
		return nil, err
	}
	in := req.Clone(req.Context())
	in.Host, in.RequestURI = req.URL.Host, req.URL.RequestURI()
	if trace := httptrace.ContextClientTrace(req.Context()); trace != nil && trace.WroteRequest != nil {
		trace.WroteRequest(httptrace.WroteRequestInfo{})
	}
	rec := httptest.NewRecorder()
	if msg, ok := m.refused(in); ok {
		if sim, isSim := m.h.(interface{ Usage() (int, int) }); isSim {
			used, max := sim.Usage()
			rec.Header().Set("Sforce-Limit-Info", fmt.Sprintf("api-usage=%d/%d", used, max))
		}
		rec.WriteHeader(http.StatusForbidden)
		_, _ = fmt.Fprintf(rec, `[{"message":%q,"errorCode":"REQUEST_LIMIT_EXCEEDED"}]`, msg)
	} else {
		m.h.ServeHTTP(rec, in)
	}
	resp := rec.Result()
	resp.Request = req
	resp.Header.Set("Date", time.Now().UTC().Format(http.TimeFormat))
	m.mu.Lock()
	if m.stripUsage {
		resp.Header.Del("Sforce-Limit-Info")
	}
	m.mu.Unlock()
	return resp, nil
}
