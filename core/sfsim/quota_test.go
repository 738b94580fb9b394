package sfsim

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func wantUsageHeader(t *testing.T, resp *http.Response, used, max int) {
	t.Helper()
	want := fmt.Sprintf("api-usage=%d/%d", used, max)
	if got := resp.Header.Get("Sforce-Limit-Info"); got != want {
		t.Fatalf("%s %s: Sforce-Limit-Info = %q, want %q", resp.Request.Method, resp.Request.URL.Path, got, want)
	}
}

const compositeTwoQueries = `{"allOrNone":false,"compositeRequest":[
 {"method":"GET","url":"/services/data/v62.0/query?q=SELECT+Id+FROM+Account","referenceId":"accounts"},
 {"method":"GET","url":"/services/data/v62.0/query?q=SELECT+Id+FROM+Lead","referenceId":"leads"}]}`

func TestEveryCountedCallIsOneAndCarriesTheHeader(t *testing.T) {
	s, ts := startServer(t, Options{DailyAPIMax: 500})
	token := s.IssueAccessToken()
	calls := []struct{ method, path, body string }{
		{"GET", "limits", ""},
		{"GET", "sobjects/", ""},
		{"GET", "sobjects/Account/describe", ""},
		{"GET", "query?q=SELECT+Id+FROM+Account", ""},
		{"POST", "composite", compositeTwoQueries},
		{"GET", "limits/", ""},
	}
	for i, c := range calls {
		var body io.Reader
		if c.body != "" {
			body = strings.NewReader(c.body)
		}
		resp, got := call(t, c.method, ts.URL+v+c.path, token, body)
		if resp.StatusCode != 200 {
			t.Fatalf("%s %s: %d %s", c.method, c.path, resp.StatusCode, got)
		}
		wantUsageHeader(t, resp, i+1, 500)
	}
	if used, _ := s.Usage(); used != len(calls) {
		t.Fatalf("used = %d after %d calls (composite must count once)", used, len(calls))
	}
}

func TestErrorResponsesCarryTheHeaderButAreNotCounted(t *testing.T) {
	s, ts := startServer(t, Options{DailyAPIMax: 100})
	s.SetUsage(10)
	resp, _ := call(t, "GET", ts.URL+v+"limits", "bad-token", nil)
	wantUsageHeader(t, resp, 10, 100)
	resp, _ = call(t, "GET", ts.URL+"/services/data/v1.0/limits", s.IssueAccessToken(), nil)
	wantUsageHeader(t, resp, 10, 100)
	resp, _ = call(t, "GET", ts.URL+v+"sobjects/NoSuchObject__c/describe", s.IssueAccessToken(), nil)
	if resp.StatusCode < 400 {
		t.Fatalf("describe of an unknown object: %d", resp.StatusCode)
	}
	wantUsageHeader(t, resp, 11, 100) // a call that reached the org counts, even when it fails
}

// limit is one entry of GET /limits (per-app sub-limits left out).
type limit struct {
	Max       int `json:"Max"`
	Remaining int `json:"Remaining"`
}

func TestRequestLimitExceededAtTheMaximum(t *testing.T) {
	s, ts := startServer(t, Options{DailyAPIMax: 3})
	token := s.IssueAccessToken()
	for i := 1; i <= 3; i++ {
		resp, body := call(t, "GET", ts.URL+v+"limits", token, nil)
		if resp.StatusCode != 200 {
			t.Fatalf("call %d: %d %s", i, resp.StatusCode, body)
		}
		var limits map[string]limit
		if err := json.Unmarshal(body, &limits); err != nil {
			t.Fatal(err)
		}
		if got := limits["DailyApiRequests"]; got != (limit{Max: 3, Remaining: 3 - i}) {
			t.Fatalf("call %d: DailyApiRequests = %+v", i, got)
		}
		wantUsageHeader(t, resp, i, 3)
	}
	resp, body := call(t, "GET", ts.URL+v+"sobjects/", token, nil)
	wantRESTError(t, resp, body, 403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.")
	wantUsageHeader(t, resp, 3, 3)
	resp, _ = call(t, "GET", ts.URL+"/services/data/", "", nil)
	if resp.StatusCode != 200 {
		t.Fatalf("versions list refused at the limit: %d", resp.StatusCode)
	}
	s.SetUsage(0) // a new day
	if resp, _ := call(t, "GET", ts.URL+v+"sobjects/", token, nil); resp.StatusCode != 200 {
		t.Fatalf("after reset: %d", resp.StatusCode)
	}
}

func TestLimitsReportsBulkJobs(t *testing.T) {
	s, ts := startServer(t, Options{})
	token := s.IssueAccessToken()
	job := `{"operation":"queryAll","query":"SELECT Id FROM Account"}`
	resp, body := call(t, "POST", ts.URL+v+"jobs/query", token, strings.NewReader(job))
	if resp.StatusCode != 200 {
		t.Fatalf("create job: %d %s", resp.StatusCode, body)
	}
	resp, body = call(t, "POST", ts.URL+v+"jobs/query", token, strings.NewReader(`{"operation":"query","query":"SELECT COUNT() FROM Account"}`))
	if resp.StatusCode == 200 {
		t.Fatalf("aggregate bulk query accepted: %s", body)
	}
	_, body = call(t, "GET", ts.URL+v+"limits", token, nil)
	var limits map[string]limit
	if err := json.Unmarshal(body, &limits); err != nil {
		t.Fatal(err)
	}
	if got := limits["DailyBulkV2QueryJobs"]; got != (limit{Max: 10000, Remaining: 9999}) {
		t.Fatalf("DailyBulkV2QueryJobs = %+v, want one job used", got)
	}
	for _, k := range []string{"DailyBulkV2QueryFileStorageMB", "DailyBulkApiBatches"} {
		if limits[k].Max == 0 {
			t.Errorf("limits lacks %s", k)
		}
	}
}

// BenchmarkCountedCall measures one authenticated, counted REST call
// (GET /limits) through the whole pipeline over loopback HTTP.
func BenchmarkCountedCall(b *testing.B) {
	s := New(Options{Seed: testSeed, DailyAPIMax: 1 << 30})
	ts := httptest.NewServer(s)
	defer ts.Close()
	req, _ := http.NewRequest("GET", ts.URL+v+"limits", nil)
	req.Header.Set("Authorization", "Bearer "+s.IssueAccessToken())
	for b.Loop() {
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			b.Fatalf("status %d", resp.StatusCode)
		}
	}
}
