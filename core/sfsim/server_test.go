package sfsim

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// testSeed is a small org: enough rows for every endpoint, fast to seed.
var testSeed = SeedConfig{Users: 3, Accounts: 6, ContactsPerAccount: 1, OpportunitiesPerAccount: 1, Leads: 4, Seed: 7}

// startServer runs a simulator on loopback for the test.
func startServer(t *testing.T, opts Options) (*Server, *httptest.Server) {
	t.Helper()
	if opts.Seed == (SeedConfig{}) && opts.Org == nil {
		opts.Seed = testSeed
	}
	s := New(opts)
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return s, ts
}

// call sends one request with an optional Bearer token and returns the
// response with its body read.
func call(t *testing.T, method, url, token string, body io.Reader) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, body)
	if err != nil {
		t.Fatalf("new request %s %s: %v", method, url, err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := noRedirectClient().Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("read %s %s: %v", method, url, err)
	}
	return resp, b
}

func noRedirectClient() *http.Client {
	return &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// wantRESTError is wantError with the whole message, when message is not
// empty, rather than a fragment.
func wantRESTError(t *testing.T, resp *http.Response, body []byte, status int, code, message string) {
	t.Helper()
	if got := wantError(t, resp, body, status, code, message); message != "" && got != message {
		t.Fatalf("error message %q, want %q", got, message)
	}
}

const v = "/services/data/v62.0/"

func TestVersionsListIsOpenUncountedAndLabelled(t *testing.T) {
	s, ts := startServer(t, Options{})
	resp, body := call(t, "GET", ts.URL+"/services/data/", "", nil)
	if resp.StatusCode != 200 {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	if h := resp.Header.Get("Sforce-Limit-Info"); h != "" {
		t.Errorf("versions list carries Sforce-Limit-Info %q", h)
	}
	var list []versionInfo
	if err := json.Unmarshal(body, &list); err != nil {
		t.Fatalf("decode %s: %v", body, err)
	}
	if len(list) != len(SupportedVersions()) {
		t.Fatalf("got %d versions, want %d", len(list), len(SupportedVersions()))
	}
	byVersion := map[string]versionInfo{}
	for i, vi := range list {
		byVersion[vi.Version] = vi
		if i > 0 && versionNumber(list[i-1].Version) >= versionNumber(vi.Version) {
			t.Errorf("versions not ascending: %v", list)
		}
	}
	want := versionInfo{Label: "Winter '25", URL: "/services/data/v62.0", Version: "62.0"}
	if byVersion["62.0"] != want {
		t.Errorf("62.0 = %+v, want %+v", byVersion["62.0"], want)
	}
	if used, _ := s.Usage(); used != 0 {
		t.Errorf("versions list counted: used = %d", used)
	}
}

func TestReleaseLabel(t *testing.T) {
	for version, want := range map[string]string{"62.0": "Winter '25", "58.0": "Summer '23", "31.0": "Summer '14", "47.0": "Winter '20", "48.0": "Spring '20"} {
		if got := releaseLabel(version); got != want {
			t.Errorf("releaseLabel(%s) = %q, want %q", version, got, want)
		}
	}
}

func TestUnsupportedVersionIs404(t *testing.T) {
	s, ts := startServer(t, Options{})
	resp, body := call(t, "GET", ts.URL+"/services/data/v20.0/limits", s.IssueAccessToken(), nil)
	wantRESTError(t, resp, body, 404, "NOT_FOUND", "")
}

func TestDataCallsNeedAValidBearer(t *testing.T) {
	s, ts := startServer(t, Options{})
	for _, token := range []string{"", "00Dbogus!ARnotatoken"} {
		resp, body := call(t, "GET", ts.URL+v+"sobjects/", token, nil)
		wantRESTError(t, resp, body, 401, "INVALID_SESSION_ID", "Session expired or invalid")
	}
	if used, _ := s.Usage(); used != 0 {
		t.Errorf("unauthenticated calls counted: used = %d", used)
	}
	resp, body := call(t, "GET", ts.URL+v+"sobjects/", s.IssueAccessToken(), nil)
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"Account"`) {
		t.Fatalf("describeGlobal with a valid token: %d %s", resp.StatusCode, body)
	}
}

func TestClassifyEndpoint(t *testing.T) {
	cases := []struct{ method, rest, want string }{
		{"GET", "query", "query"},
		{"GET", "queryAll/", "query"},
		{"GET", "query/01gD0000002HU6KIAW-2000", "queryMore"},
		{"POST", "composite", "composite"},
		{"GET", "sobjects/", "sobjects"},
		{"GET", "sobjects/Account/describe", "describe"},
		{"GET", "limits/", "limits"},
		{"POST", "jobs/query", "jobs"},
		{"GET", "jobs/query/750x", "job"},
		{"PATCH", "jobs/query/750x", "abort"},
		{"DELETE", "jobs/query/750x", "abort"},
		{"GET", "jobs/query/750x/results", "results"},
	}
	for _, c := range cases {
		if got := classifyEndpoint(c.method, c.rest); got != c.want {
			t.Errorf("classifyEndpoint(%s, %q) = %q, want %q", c.method, c.rest, got, c.want)
		}
	}
}
