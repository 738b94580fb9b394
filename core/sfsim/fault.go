package sfsim

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// FaultKind names a failure the simulator can inject.
type FaultKind string

// The injectable failures; faultActions says what each does.
const (
	FaultHTTP500             FaultKind = "http_500"              // 500 UNKNOWN_EXCEPTION error array
	FaultHTTP502             FaultKind = "http_502"              // 502 error array
	FaultHTTP503             FaultKind = "http_503"              // 503 SERVER_UNAVAILABLE error array
	FaultHTTP429             FaultKind = "http_429"              // 429 with Retry-After
	FaultSlow                FaultKind = "slow"                  // wait Delay, then answer normally
	FaultReset               FaultKind = "reset"                 // close the connection with a TCP RST, no response
	FaultTruncate            FaultKind = "truncate"              // headers and half the body, then close
	FaultExpiredSession      FaultKind = "expired_session"       // 401 INVALID_SESSION_ID for that call
	FaultRevokedRefreshToken FaultKind = "revoked_refresh_token" // revoke every refresh token; the token endpoint says invalid_grant
	FaultQuotaExhausted      FaultKind = "quota_exhausted"       // usage set to the maximum: 403 REQUEST_LIMIT_EXCEEDED
	FaultJobFailed           FaultKind = "job_failed"            // the next Bulk query job ends Failed
	FaultJobStuck            FaultKind = "job_stuck"             // the created Bulk query job stays in State for Polls status polls (fault_kinds.go)
	FaultConcurrentRequests  FaultKind = "concurrent_requests"   // 403 REQUEST_LIMIT_EXCEEDED ConcurrentRequests (Concurrent API Requests)
	FaultConcurrentLongTxn   FaultKind = "concurrent_long_txn"   // 403 REQUEST_LIMIT_EXCEEDED ConcurrentPerOrgLongTxn
	FaultQueryTimeout        FaultKind = "query_timeout"         // 400 QUERY_TIMEOUT
	FaultHTML502             FaultKind = "html_502"              // 502 with an HTML page, not JSON
	FaultHTML503             FaultKind = "html_503"              // 503 with the HTML maintenance page, not JSON
)

// defaultFaultDelay is how long FaultSlow waits when the fault names no delay.
const defaultFaultDelay = 2 * time.Second

// Fault injects Kind on calls to Endpoint: the Nth matching call from now
// (1-based, default 1) and the Times-1 calls after it (Times default 1;
// negative: every call from the Nth on, until ClearFaults).
//
// Endpoints: "query", "queryMore", "composite", "describe", "sobjects",
// "limits", "jobs" (create/list), "job" (info), "results", "abort" (abort or
// delete a job), "token", "revoke", or "*" for all of them; and
// "composite/query", a query or queryAll sub-request of a composite request,
// whose sub-response carries the fault (kinds that answer a JSON error only).
//
// Object, when set, limits the fault to calls about that sObject: the FROM
// object of a query (and of a composite sub-query, a queryMore's query), a
// Bulk job's object (create, info, results, abort), the object of a
// describe or sobjects call. Calls about no object never match it.
type Fault struct {
	Endpoint   string        `json:"endpoint"`
	Nth        int           `json:"nth,omitempty"`
	Times      int           `json:"times,omitempty"`
	Kind       FaultKind     `json:"kind"`
	Object     string        `json:"object,omitempty"`
	Delay      time.Duration `json:"-"`                    // FaultSlow only; JSON "delay" as a Go duration string ("1.5s")
	State      string        `json:"state,omitempty"`      // FaultJobStuck: UploadComplete or InProgress (default)
	Polls      int           `json:"polls,omitempty"`      // FaultJobStuck: polls the job stays; negative: forever (default 1)
	RetryAfter int           `json:"retryAfter,omitempty"` // seconds: adds a Retry-After header to the fault's answer
}

// UnmarshalJSON reads a Fault with "delay" as a duration string.
func (f *Fault) UnmarshalJSON(b []byte) error {
	type plain Fault
	var wire struct {
		plain
		Delay string `json:"delay"`
	}
	if err := json.Unmarshal(b, &wire); err != nil {
		return err
	}
	*f = Fault(wire.plain)
	if wire.Delay != "" {
		d, err := time.ParseDuration(wire.Delay)
		if err != nil {
			return fmt.Errorf("fault delay %q: %w", wire.Delay, err)
		}
		f.Delay = d
	}
	return nil
}

// faultAction performs a fault in place of (or around) next, the normal handler.
type faultAction func(s *Server, f Fault, w http.ResponseWriter, r *http.Request, next http.HandlerFunc)

// faultActions is the table of kinds: adding a kind is adding a row.
var faultActions = map[FaultKind]faultAction{
	FaultHTTP429: func(s *Server, f Fault, w http.ResponseWriter, r *http.Request, next http.HandlerFunc) {
		w.Header().Set("Retry-After", "1")
		writeError(w, http.StatusTooManyRequests, "REQUEST_RATE_EXCEEDED", "Too many requests, please retry later.")
	},
	FaultSlow: func(s *Server, f Fault, w http.ResponseWriter, r *http.Request, next http.HandlerFunc) {
		delay := f.Delay
		if delay <= 0 {
			delay = defaultFaultDelay
		}
		t := time.NewTimer(delay)
		defer t.Stop()
		select {
		case <-t.C:
			next(w, r)
		case <-r.Context().Done():
		}
	},
	FaultReset: func(s *Server, f Fault, w http.ResponseWriter, r *http.Request, next http.HandlerFunc) {
		resetConnection(w)
	},
	FaultTruncate: func(s *Server, f Fault, w http.ResponseWriter, r *http.Request, next http.HandlerFunc) {
		truncateResponse(w, r, next)
	},
	FaultExpiredSession: func(s *Server, f Fault, w http.ResponseWriter, r *http.Request, next http.HandlerFunc) {
		s.quota.refund() // an unauthenticated call is not counted
		s.setLimitHeader(w)
		writeInvalidSession(w)
	},
	FaultRevokedRefreshToken: func(s *Server, f Fault, w http.ResponseWriter, r *http.Request, next http.HandlerFunc) {
		s.RevokeRefreshTokens()
		next(w, r) // the token endpoint now finds no refresh token: invalid_grant
	},
	FaultQuotaExhausted: func(s *Server, f Fault, w http.ResponseWriter, r *http.Request, next http.HandlerFunc) {
		_, apiMax := s.quota.usage()
		s.quota.set(apiMax)
		s.setLimitHeader(w)
		writeLimitExceeded(w)
	},
	FaultJobFailed: func(s *Server, f Fault, w http.ResponseWriter, r *http.Request, next http.HandlerFunc) {
		s.org.FailNextJobs(1)
		next(w, r)
	},
}

// errorFault answers a fault of faultErrors with its JSON error.
func errorFault(e faultError) faultAction {
	return func(s *Server, f Fault, w http.ResponseWriter, r *http.Request, next http.HandlerFunc) {
		writeError(w, e.status, e.code, e.message)
	}
}

func init() {
	for kind, e := range faultErrors {
		faultActions[kind] = errorFault(e)
	}
	for kind, a := range moreFaultActions {
		faultActions[kind] = a
	}
}

// armedFault is an injected fault with its count of matching calls so far.
type armedFault struct {
	Fault
	seen int
}

// faultInjector holds the armed faults, in injection order.
type faultInjector struct {
	mu    sync.Mutex
	armed []*armedFault
}

// validate normalises a fault and rejects unknown kinds.
func (f Fault) validate() (Fault, error) {
	if _, ok := faultActions[f.Kind]; !ok {
		return f, fmt.Errorf("unknown fault kind %q", f.Kind)
	}
	if f.Endpoint == "" {
		return f, fmt.Errorf("fault %s: endpoint is required", f.Kind)
	}
	if _, ok := faultErrors[f.Kind]; f.Endpoint == subQueryEndpoint && !ok {
		return f, fmt.Errorf("fault %s: a composite sub-request can only answer a JSON error", f.Kind)
	}
	if f.Kind == FaultJobStuck {
		if f.State == "" {
			f.State = stateInProgress
		}
		if f.State != stateInProgress && f.State != stateUploadComplete {
			return f, fmt.Errorf("fault %s: state %q is neither UploadComplete nor InProgress", f.Kind, f.State)
		}
		if f.Polls == 0 {
			f.Polls = 1
		}
	}
	if f.Nth <= 0 {
		f.Nth = 1
	}
	if f.Times == 0 {
		f.Times = 1
	}
	return f, nil
}

func (fi *faultInjector) add(f Fault) error {
	f, err := f.validate()
	if err != nil {
		return err
	}
	fi.mu.Lock()
	defer fi.mu.Unlock()
	fi.armed = append(fi.armed, &armedFault{Fault: f})
	return nil
}

func (fi *faultInjector) clear() {
	fi.mu.Lock()
	defer fi.mu.Unlock()
	fi.armed = nil
}

// match counts one call to endpoint (about the sObject object() names)
// against every armed fault and returns the first that fires (when two fire
// on one call, the first injected wins and the other's turn is spent);
// faults past their last turn are dropped. object is asked only when a
// fault names one.
func (fi *faultInjector) match(endpoint string, object func() string) (Fault, bool) {
	fi.mu.Lock()
	defer fi.mu.Unlock()
	var fired *Fault
	kept := fi.armed[:0]
	known, obj := false, ""
	for _, a := range fi.armed {
		if a.Object != "" && !known {
			known, obj = true, object()
		}
		if a.Endpoint != "*" && a.Endpoint != endpoint || a.Endpoint == "*" && endpoint == subQueryEndpoint ||
			a.Object != "" && !strings.EqualFold(a.Object, obj) {
			kept = append(kept, a)
			continue
		}
		a.seen++
		if a.seen >= a.Nth && (a.Times < 0 || a.seen < a.Nth+a.Times) && fired == nil {
			f := a.Fault
			fired = &f
		}
		if a.Times < 0 || a.seen < a.Nth+a.Times-1 {
			kept = append(kept, a)
		}
	}
	clear(fi.armed[len(kept):])
	fi.armed = kept
	if fired == nil {
		return Fault{}, false
	}
	return *fired, true
}

// InjectFault arms a fault; it panics on an unknown kind or a missing
// endpoint, a programming error (the admin API reports them as 400).
func (s *Server) InjectFault(f Fault) {
	if err := s.faults.add(f); err != nil {
		panic("sfsim: " + err.Error())
	}
}

// ClearFaults disarms every fault.
func (s *Server) ClearFaults() { s.faults.clear() }

// withFaults serves r through next, or through the fault armed for this call.
func (s *Server) withFaults(endpoint string, w http.ResponseWriter, r *http.Request, next http.HandlerFunc) {
	f, ok := s.faults.match(endpoint, func() string { return s.requestObject(endpoint, r) })
	if !ok {
		next(w, r)
		return
	}
	if f.RetryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(f.RetryAfter))
	}
	faultActions[f.Kind](s, f, w, r, next)
}
