package sfsim

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

// freshConnClient never reuses a connection, so Go's transport cannot
// silently replay a request whose connection was reset.
func freshConnClient() *http.Client {
	return &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
}

// rawCall returns the response (body read) or the transport/read error.
func rawCall(t *testing.T, method, url, token, body string) (*http.Response, []byte, error) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, url, rd)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := freshConnClient().Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp, b, err
}

// endpointPaths are a method, path and body that reach each fault endpoint.
var endpointPaths = map[string][3]string{
	"limits":    {"GET", "limits", ""},
	"sobjects":  {"GET", "sobjects/", ""},
	"describe":  {"GET", "sobjects/Account/describe", ""},
	"query":     {"GET", "query?q=SELECT+Id,Name+FROM+Account", ""},
	"composite": {"POST", "composite", compositeTwoQueries},
}

func hit(t *testing.T, base, token, endpoint string) (*http.Response, []byte, error) {
	t.Helper()
	p := endpointPaths[endpoint]
	return rawCall(t, p[0], base+v+p[1], token, p[2])
}

func mustHit(t *testing.T, base, token, endpoint string) (*http.Response, []byte) {
	t.Helper()
	resp, body, err := hit(t, base, token, endpoint)
	if err != nil {
		t.Fatalf("%s: %v", endpoint, err)
	}
	return resp, body
}

func TestErrorStatusFaults(t *testing.T) {
	cases := []struct {
		kind   FaultKind
		status int
		code   string
		used   int // a server error is a counted call; an invalid session is not
	}{
		{FaultHTTP500, 500, "UNKNOWN_EXCEPTION", 1},
		{FaultHTTP502, 502, "BAD_GATEWAY", 1},
		{FaultHTTP503, 503, "SERVER_UNAVAILABLE", 1},
		{FaultHTTP429, 429, "REQUEST_RATE_EXCEEDED", 1},
		{FaultExpiredSession, 401, "INVALID_SESSION_ID", 0},
	}
	for _, c := range cases {
		for _, endpoint := range []string{"limits", "query", "composite"} {
			t.Run(string(c.kind)+"/"+endpoint, func(t *testing.T) {
				s, ts := startServer(t, Options{})
				token := s.IssueAccessToken()
				s.InjectFault(Fault{Endpoint: endpoint, Kind: c.kind})
				resp, body := mustHit(t, ts.URL, token, endpoint)
				wantRESTError(t, resp, body, c.status, c.code, "")
				wantUsageHeader(t, resp, c.used, defaultDailyAPIMax)
				if resp, body := mustHit(t, ts.URL, token, endpoint); resp.StatusCode != 200 {
					t.Fatalf("call after the fault: %d %s", resp.StatusCode, body)
				}
			})
		}
	}
}

func TestNthCallSemantics(t *testing.T) {
	s, ts := startServer(t, Options{})
	token := s.IssueAccessToken()
	s.InjectFault(Fault{Endpoint: "limits", Nth: 2, Times: 2, Kind: FaultHTTP503})
	var got []int
	for i := 0; i < 5; i++ {
		resp, _ := mustHit(t, ts.URL, token, "limits")
		got = append(got, resp.StatusCode)
		if resp, _ := mustHit(t, ts.URL, token, "sobjects"); resp.StatusCode != 200 {
			t.Fatalf("other endpoint affected: %d", resp.StatusCode)
		}
	}
	if want := []int{200, 503, 503, 200, 200}; !slices.Equal(got, want) {
		t.Fatalf("limits statuses = %v, want %v", got, want)
	}
}

func TestFaultForeverUntilCleared(t *testing.T) {
	s, ts := startServer(t, Options{})
	token := s.IssueAccessToken()
	s.InjectFault(Fault{Endpoint: "*", Times: -1, Kind: FaultHTTP502})
	for _, endpoint := range []string{"limits", "describe", "query", "limits"} {
		if resp, _ := mustHit(t, ts.URL, token, endpoint); resp.StatusCode != 502 {
			t.Fatalf("%s: %d, want 502", endpoint, resp.StatusCode)
		}
	}
	s.ClearFaults()
	if resp, _ := mustHit(t, ts.URL, token, "limits"); resp.StatusCode != 200 {
		t.Fatalf("after ClearFaults: %d", resp.StatusCode)
	}
}

func TestSlowFaultAnswersNormallyAfterTheDelay(t *testing.T) {
	for _, endpoint := range []string{"sobjects", "query"} {
		s, ts := startServer(t, Options{})
		token := s.IssueAccessToken()
		const delay = 150 * time.Millisecond
		s.InjectFault(Fault{Endpoint: endpoint, Kind: FaultSlow, Delay: delay})
		start := time.Now()
		resp, body := mustHit(t, ts.URL, token, endpoint)
		if elapsed := time.Since(start); elapsed < delay {
			t.Errorf("%s answered in %v, before the %v delay", endpoint, elapsed, delay)
		}
		if resp.StatusCode != 200 || !json.Valid(body) {
			t.Fatalf("%s slow answer: %d %s", endpoint, resp.StatusCode, body)
		}
	}
}

func TestResetFault(t *testing.T) {
	for _, endpoint := range []string{"query", "describe"} {
		s, ts := startServer(t, Options{})
		token := s.IssueAccessToken()
		s.InjectFault(Fault{Endpoint: endpoint, Kind: FaultReset})
		if resp, _, err := hit(t, ts.URL, token, endpoint); err == nil {
			t.Fatalf("%s: got a response %d, want a connection error", endpoint, resp.StatusCode)
		}
		if resp, _ := mustHit(t, ts.URL, token, endpoint); resp.StatusCode != 200 {
			t.Fatalf("%s after reset: %d", endpoint, resp.StatusCode)
		}
	}
}

func TestTruncateFault(t *testing.T) {
	for _, endpoint := range []string{"describe", "query"} {
		s, ts := startServer(t, Options{})
		token := s.IssueAccessToken()
		s.InjectFault(Fault{Endpoint: endpoint, Kind: FaultTruncate})
		resp, body, err := hit(t, ts.URL, token, endpoint)
		if resp == nil || resp.StatusCode != 200 {
			t.Fatalf("%s: want the headers of a 200, got %v %v", endpoint, resp, err)
		}
		if !errors.Is(err, io.ErrUnexpectedEOF) {
			t.Fatalf("%s: read error %v, want unexpected EOF", endpoint, err)
		}
		if len(body) == 0 || json.Valid(body) {
			t.Fatalf("%s: got %d bytes (valid JSON: %v), want a partial body", endpoint, len(body), json.Valid(body))
		}
	}
}

func TestQuotaExhaustedFault(t *testing.T) {
	s, ts := startServer(t, Options{DailyAPIMax: 1000})
	token := s.IssueAccessToken()
	s.InjectFault(Fault{Endpoint: "query", Nth: 2, Kind: FaultQuotaExhausted})
	for i, want := range []int{200, 403} {
		resp, body := mustHit(t, ts.URL, token, "query")
		if resp.StatusCode != want {
			t.Fatalf("query %d: %d %s", i+1, resp.StatusCode, body)
		}
		if want == 403 {
			wantRESTError(t, resp, body, 403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.")
			wantUsageHeader(t, resp, 1000, 1000)
		}
	}
	resp, body := mustHit(t, ts.URL, token, "limits")
	wantRESTError(t, resp, body, 403, "REQUEST_LIMIT_EXCEEDED", "")
}

func TestTokenEndpointFaults(t *testing.T) {
	s, ts := startServer(t, Options{})
	tok := login(t, ts.URL)
	s.InjectFault(Fault{Endpoint: "token", Kind: FaultHTTP503})
	resp, err := freshConnClient().PostForm(ts.URL+"/services/oauth2/token", refreshForm(tok["refresh_token"]))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 503 {
		t.Fatalf("token under a 503 fault: %d", resp.StatusCode)
	}
	if status, _ := postToken(t, ts.URL, refreshForm(tok["refresh_token"])); status != 200 {
		t.Fatalf("token after the fault: %d", status)
	}

	s.InjectFault(Fault{Endpoint: "token", Kind: FaultRevokedRefreshToken})
	status, body := postToken(t, ts.URL, refreshForm(tok["refresh_token"]))
	wantExpiredRefresh(t, status, body)
	status, body = postToken(t, ts.URL, refreshForm(tok["refresh_token"]))
	wantExpiredRefresh(t, status, body) // the token stays revoked after the fault
}

func TestRevokedRefreshFaultOnADataCall(t *testing.T) {
	s, ts := startServer(t, Options{})
	tok := login(t, ts.URL)
	s.InjectFault(Fault{Endpoint: "limits", Kind: FaultRevokedRefreshToken})
	if resp, _ := mustHit(t, ts.URL, tok["access_token"], "limits"); resp.StatusCode != 200 {
		t.Fatalf("the call itself is served: %d", resp.StatusCode)
	}
	status, body := postToken(t, ts.URL, refreshForm(tok["refresh_token"]))
	wantExpiredRefresh(t, status, body)
}

func TestJobFailedFault(t *testing.T) {
	s, ts := startServer(t, Options{})
	token := s.IssueAccessToken()
	s.InjectFault(Fault{Endpoint: "jobs", Kind: FaultJobFailed})
	resp, body, err := rawCall(t, "POST", ts.URL+v+"jobs/query", token, `{"operation":"queryAll","query":"SELECT Id FROM Account"}`)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("create job: %v %s", err, body)
	}
	var job struct{ ID, State, ErrorMessage string }
	if err := json.Unmarshal(body, &job); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for job.State != "Failed" && time.Now().Before(deadline) {
		if job.State == "JobComplete" || job.State == "Aborted" {
			t.Fatalf("job ended %s, want Failed", job.State)
		}
		time.Sleep(20 * time.Millisecond)
		_, body, err := rawCall(t, "GET", ts.URL+v+"jobs/query/"+job.ID, token, "")
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(body, &job); err != nil {
			t.Fatalf("job info %s: %v", body, err)
		}
	}
	if job.State != "Failed" || job.ErrorMessage == "" {
		t.Fatalf("job = %+v, want Failed with an errorMessage", job)
	}
}

func TestFaultValidation(t *testing.T) {
	for _, f := range []Fault{{Endpoint: "query", Kind: "meteor"}, {Kind: FaultHTTP500}} {
		if _, err := f.validate(); err == nil {
			t.Errorf("%+v accepted", f)
		}
	}
	var f Fault
	if err := json.Unmarshal([]byte(`{"endpoint":"query","kind":"slow","delay":"1.5s","nth":3}`), &f); err != nil {
		t.Fatal(err)
	}
	if f != (Fault{Endpoint: "query", Kind: FaultSlow, Nth: 3, Delay: 1500 * time.Millisecond}) {
		t.Fatalf("decoded %+v", f)
	}
}
