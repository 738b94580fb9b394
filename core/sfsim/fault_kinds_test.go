package sfsim

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// pollStates polls a job n times and returns the states seen.
func (d *dataOrg) pollStates(id string, n int) []string {
	var states []string
	for range n {
		states = append(states, d.jobInfo(id).State)
	}
	return states
}

// TestStuckBulkJob: a job_stuck fault keeps the next Account job InProgress
// for three more polls (a Contact job is unaffected), or UploadComplete for
// ever until it is aborted.
func TestStuckBulkJob(t *testing.T) {
	d := newDataOrg(t, SeedConfig{Users: 2, Accounts: 5, ContactsPerAccount: 1, Seed: 1})
	d.sim.InjectFault(Fault{Endpoint: "jobs", Kind: FaultJobStuck, Object: "Account", Polls: 3})
	contact := d.createJob("query", "SELECT Id FROM Contact")
	if got := strings.Join(d.pollStates(contact.ID, 2), ","); got != "InProgress,JobComplete" {
		t.Fatalf("Contact job states %s", got)
	}
	acc := d.createJob("query", "SELECT Id FROM Account")
	if got := strings.Join(d.pollStates(acc.ID, 5), ","); got != "InProgress,InProgress,InProgress,InProgress,JobComplete" {
		t.Fatalf("Account job states %s", got)
	}
	admin(t, d.srv, "POST", "/_sim/faults", `{"endpoint":"jobs","kind":"job_stuck","state":"UploadComplete","polls":-1}`, http.StatusCreated)
	forever := d.createJob("queryAll", "SELECT Id FROM Account")
	for _, s := range d.pollStates(forever.ID, 25) {
		if s != stateUploadComplete {
			t.Fatalf("stuck job moved to %s", s)
		}
	}
	resp, body := d.do(http.MethodPatch, PinnedVersion, "jobs/query/"+forever.ID, `{"state":"Aborted"}`)
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), `"Aborted"`) {
		t.Fatalf("abort a stuck job: %d %s", resp.StatusCode, body)
	}
	if _, err := (Fault{Endpoint: "jobs", Kind: FaultJobStuck, State: "JobComplete"}).validate(); err == nil {
		t.Error("a job held in JobComplete accepted")
	}
}

// TestNoLimitHeader: with the header stripped, no REST response carries
// Sforce-Limit-Info, and /limits still reports the usage.
func TestNoLimitHeader(t *testing.T) {
	s, ts := startServer(t, Options{NoLimitHeader: true, DailyAPIMax: 500})
	token := s.IssueAccessToken()
	s.SetUsage(434)
	for _, path := range []string{"limits", "sobjects", "query?q=SELECT+Id+FROM+Account"} {
		resp, _ := call(t, "GET", ts.URL+v+path, token, nil)
		if h := resp.Header.Get("Sforce-Limit-Info"); resp.StatusCode != 200 || h != "" {
			t.Fatalf("%s: %d Sforce-Limit-Info %q", path, resp.StatusCode, h)
		}
	}
	_, body := call(t, "GET", ts.URL+v+"limits", token, nil)
	var limits map[string]limit
	if err := json.Unmarshal(body, &limits); err != nil || limits["DailyApiRequests"] != (limit{Max: 500, Remaining: 500 - 438}) {
		t.Fatalf("limits without the header: %+v %v", limits["DailyApiRequests"], err)
	}
	admin(t, ts, "PUT", "/_sim/limit-header", `{"enabled":true}`, http.StatusNoContent)
	resp, _ := call(t, "GET", ts.URL+v+"limits", token, nil)
	wantUsageHeader(t, resp, 439, 500)
}

// TestLimitsPerAppSubLimits: /limits nests per-app sub-limits inside
// DailyApiRequests (and the Bulk batch and streaming limits) as real orgs do.
func TestLimitsPerAppSubLimits(t *testing.T) {
	s, ts := startServer(t, Options{AppName: "sfsync"})
	_, body := call(t, "GET", ts.URL+v+"limits", s.IssueAccessToken(), nil)
	var limits map[string]map[string]json.RawMessage
	if err := json.Unmarshal(body, &limits); err != nil {
		t.Fatal(err)
	}
	api := limits["DailyApiRequests"]
	for _, app := range []string{"Ant Migration Tool", "Salesforce CLI", "Workbench", "sfsync"} {
		if string(api[app]) != `{"Max":0,"Remaining":0}` {
			t.Errorf("DailyApiRequests[%q] = %s", app, api[app])
		}
	}
	if string(api["Max"]) != "15000" || string(api["Remaining"]) != "14999" {
		t.Errorf("DailyApiRequests Max %s Remaining %s", api["Max"], api["Remaining"])
	}
	if _, ok := limits["DailyBulkApiBatches"]["Salesforce CLI"]; !ok {
		t.Error("DailyBulkApiBatches has no per-app sub-limits")
	}
	if _, ok := limits["DailyBulkV2QueryJobs"]["Salesforce CLI"]; ok {
		t.Error("DailyBulkV2QueryJobs has per-app sub-limits; real orgs print none")
	}
}

// TestConcurrentLimitFaults: the concurrency limits answer 403
// REQUEST_LIMIT_EXCEEDED with their own messages, not the daily one's, and
// leave the daily usage as it is.
func TestConcurrentLimitFaults(t *testing.T) {
	for kind, msg := range map[FaultKind]string{
		FaultConcurrentRequests: "ConcurrentRequests (Concurrent API Requests) Limit exceeded.",
		FaultConcurrentLongTxn:  "ConcurrentPerOrgLongTxn Limit exceeded.",
	} {
		s, ts := startServer(t, Options{})
		token := s.IssueAccessToken()
		admin(t, ts, "POST", "/_sim/faults", `{"endpoint":"query","kind":"`+string(kind)+`"}`, http.StatusCreated)
		resp, body := mustHit(t, ts.URL, token, "query")
		wantRESTError(t, resp, body, http.StatusForbidden, "REQUEST_LIMIT_EXCEEDED", msg)
		wantUsageHeader(t, resp, 1, defaultDailyAPIMax)
		if resp, _ := mustHit(t, ts.URL, token, "query"); resp.StatusCode != 200 {
			t.Errorf("%s: the next call failed too", kind)
		}
	}
}

// TestQueryTimeoutFault: QUERY_TIMEOUT on one object's REST query and inside
// a composite sub-response, the other objects answering normally.
func TestQueryTimeoutFault(t *testing.T) {
	d := newDataOrg(t, SeedConfig{Users: 2, Accounts: 4, ContactsPerAccount: 1, Seed: 1})
	d.sim.InjectFault(Fault{Endpoint: "query", Kind: FaultQueryTimeout, Object: "account", Times: -1})
	for range 2 {
		resp, body := d.do(http.MethodGet, PinnedVersion, "query?q=SELECT+Id+FROM+Account", "")
		wantError(t, resp, body, http.StatusBadRequest, "QUERY_TIMEOUT", "Your query request was running for too long.")
	}
	d.query("query", "SELECT Id FROM Contact")
	d.sim.ClearFaults()
	admin(t, d.srv, "POST", "/_sim/faults", `{"endpoint":"composite/query","kind":"query_timeout","object":"Account"}`, http.StatusCreated)
	before, _ := d.sim.Usage()
	resp, body := d.do(http.MethodPost, PinnedVersion, "composite", compositeBody(false,
		querySub("c", "queryAll", "SELECT Id FROM Contact"), querySub("a", "queryAll", "SELECT Id FROM Account")))
	if after, _ := d.sim.Usage(); resp.StatusCode != 200 || after-before != 1 {
		t.Fatalf("composite: %d, %d calls: %s", resp.StatusCode, after-before, body)
	}
	var ans compositeAnswer
	mustUnmarshal(t, body, &ans)
	c, a := ans.CompositeResponse[0], ans.CompositeResponse[1]
	if c.HTTPStatusCode != 200 || a.HTTPStatusCode != 400 ||
		string(a.Body) != `[{"message":"Your query request was running for too long.","errorCode":"QUERY_TIMEOUT"}]` {
		t.Fatalf("sub-responses: %d %s / %d %s", c.HTTPStatusCode, c.Body, a.HTTPStatusCode, a.Body)
	}
	d.query("query", "SELECT Id FROM Account") // a top-level query is not a sub-request
	for _, kind := range []FaultKind{FaultSlow, FaultReset, FaultJobStuck} {
		if _, err := (Fault{Endpoint: subQueryEndpoint, Kind: kind}).validate(); err == nil {
			t.Errorf("%s accepted in a sub-response", kind)
		}
	}
}

// TestHTMLFaults: maintenance answers come as HTML pages, with Retry-After
// only when the fault asks for one.
func TestHTMLFaults(t *testing.T) {
	s, ts := startServer(t, Options{})
	token := s.IssueAccessToken()
	s.InjectFault(Fault{Endpoint: "limits", Kind: FaultHTML503})
	s.InjectFault(Fault{Endpoint: "sobjects", Kind: FaultHTML502, RetryAfter: 120})
	resp, body := mustHit(t, ts.URL, token, "limits")
	if resp.StatusCode != 503 || resp.Header.Get("Content-Type") != "text/html" ||
		!strings.Contains(string(body), "We are down for maintenance.") || resp.Header.Get("Retry-After") != "" {
		t.Fatalf("html_503: %d %q Retry-After %q %s", resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("Retry-After"), body)
	}
	if json.Valid(body) {
		t.Fatal("the maintenance page is JSON")
	}
	resp, _ = mustHit(t, ts.URL, token, "sobjects")
	if resp.StatusCode != 502 || resp.Header.Get("Retry-After") != "120" {
		t.Fatalf("html_502: %d Retry-After %q", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
}

// TestBulkJobQuotaSpent: each created job lowers DailyBulkV2QueryJobs; with
// none left the create answers 400 LIMIT_EXCEEDED as Salesforce does, and a
// job the org refuses for its query costs none.
func TestBulkJobQuotaSpent(t *testing.T) {
	d := newDataOrgWith(t, SeedConfig{Users: 2, Accounts: 3, Seed: 1}, Options{DailyBulkJobsMax: 2})
	remaining := func() int {
		var limits map[string]limit
		d.getJSON("limits", http.StatusOK, &limits)
		return limits["DailyBulkV2QueryJobs"].Remaining
	}
	resp, body := d.do(http.MethodPost, PinnedVersion, "jobs/query", jobBody("query", "SELECT COUNT() FROM Account"))
	wantError(t, resp, body, http.StatusBadRequest, "API_ERROR", "Aggregate")
	for want := 2; want > 0; want-- {
		if got := remaining(); got != want {
			t.Fatalf("DailyBulkV2QueryJobs Remaining %d, want %d", got, want)
		}
		d.createJob("query", "SELECT Id FROM Account")
	}
	if got := remaining(); got != 0 {
		t.Fatalf("Remaining %d after two jobs", got)
	}
	resp, body = d.do(http.MethodPost, PinnedVersion, "jobs/query", jobBody("query", "SELECT Id FROM Account"))
	wantError(t, resp, body, http.StatusBadRequest, "LIMIT_EXCEEDED", "Max bulk v2 query jobs (2) per 24 hrs has been reached (3).")
	admin(t, d.srv, "PUT", "/_sim/usage", `{"bulkJobs":1}`, http.StatusOK)
	d.createJob("query", "SELECT Id FROM Account")
}
