package sfsim

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// dataOrg is a loopback simulator for data-plane tests: the real Server,
// an access token, and the org behind it.
type dataOrg struct {
	t     *testing.T
	srv   *httptest.Server
	sim   *Server
	org   *Org
	token string
}

func newDataOrg(t *testing.T, cfg SeedConfig) *dataOrg {
	t.Helper()
	return newDataOrgWith(t, cfg, Options{DailyAPIMax: 1_000_000})
}

// newDataOrgWith is newDataOrg with options (their Org is seeded from cfg).
func newDataOrgWith(t *testing.T, cfg SeedConfig, opts Options) *dataOrg {
	t.Helper()
	opts.Org = NewOrg(cfg)
	s := New(opts)
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return &dataOrg{t: t, srv: srv, sim: s, org: opts.Org, token: s.IssueAccessToken()}
}

// do sends a request to /services/data/v{version}/{rest} and returns the
// response and its body.
func (d *dataOrg) do(method, version, rest, body string) (*http.Response, []byte) {
	d.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, d.srv.URL+"/services/data/v"+version+"/"+rest, rd)
	if err != nil {
		d.t.Fatalf("new request: %v", err)
	}
	req.Header.Set("Authorization", "Bearer "+d.token)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		d.t.Fatalf("%s %s: %v", method, rest, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		d.t.Fatalf("read %s: %v", rest, err)
	}
	return resp, b
}

// getJSON GETs rest at the pinned version, wants status, decodes into v.
func (d *dataOrg) getJSON(rest string, status int, v any) {
	d.t.Helper()
	resp, body := d.do(http.MethodGet, PinnedVersion, rest, "")
	if resp.StatusCode != status {
		d.t.Fatalf("GET %s: status %d, want %d: %s", rest, resp.StatusCode, status, body)
	}
	if v != nil {
		if err := json.Unmarshal(body, v); err != nil {
			d.t.Fatalf("GET %s: decode: %v: %s", rest, err, body)
		}
	}
}

// queryPage is REST's query response.
type queryPage struct {
	TotalSize      int              `json:"totalSize"`
	Done           bool             `json:"done"`
	NextRecordsURL string           `json:"nextRecordsUrl"`
	Records        []map[string]any `json:"records"`
}

func (d *dataOrg) query(endpoint, soql string) queryPage {
	d.t.Helper()
	var p queryPage
	d.getJSON(endpoint+"?q="+url.QueryEscape(soql), http.StatusOK, &p)
	return p
}

// queryAllPages follows nextRecordsUrl to the end and returns the pages.
func (d *dataOrg) queryAllPages(endpoint, soql string) []queryPage {
	d.t.Helper()
	pages := []queryPage{d.query(endpoint, soql)}
	for !pages[len(pages)-1].Done {
		next := pages[len(pages)-1].NextRecordsURL
		rest, ok := strings.CutPrefix(next, "/services/data/v"+PinnedVersion+"/")
		if !ok {
			d.t.Fatalf("nextRecordsUrl %q is not under the pinned version", next)
		}
		var p queryPage
		d.getJSON(rest, http.StatusOK, &p)
		pages = append(pages, p)
	}
	return pages
}

// wantError checks a REST error array's status and errorCode and that the
// message contains fragment; it returns the message.
func wantError(t *testing.T, resp *http.Response, body []byte, status int, code, fragment string) string {
	t.Helper()
	if resp.StatusCode != status {
		t.Fatalf("status %d, want %d: %s", resp.StatusCode, status, body)
	}
	var errs []apiError
	if err := json.Unmarshal(body, &errs); err != nil || len(errs) != 1 {
		t.Fatalf("error body is not a one-element array: %s", body)
	}
	if errs[0].ErrorCode != code || !strings.Contains(errs[0].Message, fragment) {
		t.Fatalf("error %+v, want code %s with %q", errs[0], code, fragment)
	}
	return errs[0].Message
}

func mustUnmarshal(t *testing.T, b []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("decode: %v: %s", err, b)
	}
}
