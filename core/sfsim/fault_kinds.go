package sfsim

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
)

// subQueryEndpoint names query sub-requests of a composite request for
// fault matching.
const subQueryEndpoint = "composite/query"

// faultError is a fault that answers Salesforce's JSON error array.
type faultError struct {
	status        int
	code, message string
}

// faultErrors are the faults that answer a JSON error; they are the kinds
// a composite sub-response can carry.
var faultErrors = map[FaultKind]faultError{
	FaultHTTP500: {http.StatusInternalServerError, "UNKNOWN_EXCEPTION", "An unexpected error occurred. Please include this ErrorId if you contact support: 1234567890-12345 (-123456789)"},
	FaultHTTP502: {http.StatusBadGateway, "BAD_GATEWAY", "Bad Gateway"},
	FaultHTTP503: {http.StatusServiceUnavailable, "SERVER_UNAVAILABLE", "Server is unavailable, please try again later."},
	// The short-lived concurrency limits share REQUEST_LIMIT_EXCEEDED with
	// the daily total (TotalRequests, quota.go) and differ in the message:
	// SalesforceLabs/OrgCheck#432 ("ConcurrentRequests (Concurrent API
	// Requests) Limit exceeded."), mautic/mautic#5006 ("ConcurrentPerOrgLongTxn
	// Limit exceeded"); docs/salesforce-api.md §9.
	FaultConcurrentRequests: {http.StatusForbidden, "REQUEST_LIMIT_EXCEEDED", "ConcurrentRequests (Concurrent API Requests) Limit exceeded."},
	FaultConcurrentLongTxn:  {http.StatusForbidden, "REQUEST_LIMIT_EXCEEDED", "ConcurrentPerOrgLongTxn Limit exceeded."},
	// QUERY_TIMEOUT's body as reported in airbytehq/airbyte#17503. UNVERIFIED:
	// the status; 400 is what client fixtures of the error use (the docs list
	// none, docs/salesforce-api.md §5).
	FaultQueryTimeout: {http.StatusBadRequest, "QUERY_TIMEOUT", "Your query request was running for too long."},
}

// maintenancePage is the HTML Salesforce serves with a 502/503 during
// maintenance instead of the JSON error array (forcedotcom/cli#2487,
// restforce/restforce#860, wadewegner/Force.com-Toolkit-for-NET#160). No
// source shows a Retry-After header on it; Fault.RetryAfter adds one.
const maintenancePage = `<html>
<body>
<center>
	<table bgcolor="white" cellpadding="0" cellspacing="0" width="758">
		<tbody>
		<tr>
			<td><span style="font-family: Verdana; font-size: medium; font-weight: bold;">We are down for maintenance.</span><br><br>Sorry for the inconvenience. We'll be back shortly.</td><br>
		</tr>
		</tbody>
	</table>
</center>
</body>
</html>
`

func htmlFault(status int) faultAction {
	return func(s *Server, f Fault, w http.ResponseWriter, r *http.Request, next http.HandlerFunc) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(status)
		_, _ = io.WriteString(w, maintenancePage)
	}
}

// moreFaultActions are the kinds that are not a JSON error.
var moreFaultActions = map[FaultKind]faultAction{
	FaultHTML502: htmlFault(http.StatusBadGateway),
	FaultHTML503: htmlFault(http.StatusServiceUnavailable),
	// A job that stays UploadComplete or InProgress (airbytehq/airbyte#17148:
	// jobs InProgress for hours; docs/salesforce-api.md §9): the created job
	// keeps its state for Polls status polls once it reaches State, or for
	// ever with Polls < 0; it can still be aborted.
	FaultJobStuck: func(s *Server, f Fault, w http.ResponseWriter, r *http.Request, next http.HandlerFunc) {
		next(w, r.WithContext(context.WithValue(r.Context(), jobHoldKey{}, &jobHold{state: f.State, polls: f.Polls})))
	},
}

// jobHold keeps a Bulk job in one state for a number of status polls.
type jobHold struct {
	state string
	polls int // < 0: for ever
}

type jobHoldKey struct{}

// requestObject names the sObject a REST call is about, for faults that
// name one ("" when none).
func (s *Server) requestObject(endpoint string, r *http.Request) string {
	rest := strings.Trim(r.PathValue("rest"), "/")
	parts := strings.Split(rest, "/")
	switch endpoint {
	case "query":
		return soqlObject(r.URL.Query().Get("q"))
	case "queryMore":
		id, _, _ := strings.Cut(parts[len(parts)-1], "-")
		if c := s.org.cursors.get(id); c != nil {
			return c.plan.obj.Name
		}
	case "describe", "sobjects":
		if len(parts) > 1 {
			return parts[1]
		}
	case "jobs":
		return jobCreateObject(r)
	case "job", "results", "abort":
		if len(parts) > 2 {
			return s.org.jobObject(parts[2])
		}
	}
	return ""
}

// soqlObject is the FROM object of a query, "" if it does not parse.
func soqlObject(q string) string {
	sq, err := parseSOQL(q)
	if err != nil {
		return ""
	}
	return sq.object.text
}

// jobCreateObject reads the object of a job create request, leaving the
// body for the handler.
func jobCreateObject(r *http.Request) string {
	if r.Method != http.MethodPost || r.Body == nil {
		return ""
	}
	b, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	r.Body = io.NopCloser(bytes.NewReader(b))
	if err != nil {
		return ""
	}
	var req struct {
		Query string `json:"query"`
	}
	_ = json.Unmarshal(b, &req)
	return soqlObject(req.Query)
}

// subFaultKey carries a composite request's fault hook to its sub-requests.
type subFaultKey struct{}

// subQueryFault is the hook: the JSON error a query sub-request about
// object answers instead, if a "composite/query" fault fires.
type subQueryFault func(object string) (faultError, bool)

// withSubFaults arms r's composite sub-requests with this server's faults.
func (s *Server) withSubFaults(r *http.Request) *http.Request {
	hook := subQueryFault(func(object string) (faultError, bool) {
		f, ok := s.faults.match(subQueryEndpoint, func() string { return object })
		if !ok {
			return faultError{}, false
		}
		return faultErrors[f.Kind], true
	})
	return r.WithContext(context.WithValue(r.Context(), subFaultKey{}, hook))
}
