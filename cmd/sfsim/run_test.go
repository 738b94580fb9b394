package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// smallOrg keeps the simulator quick to seed.
var smallOrg = []string{"--users", "2", "--accounts", "5", "--contacts-per-account", "1",
	"--opportunities-per-account", "1", "--leads", "3", "--seed", "3"}

// startSim runs the simulator with args and returns its listening line and
// a stop function that cancels it and checks it shut down cleanly.
func startSim(t *testing.T, args ...string) (listening, func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out, stdout := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, args, stdout)
		stdout.Close()
	}()
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		cancel()
		t.Fatalf("read listening line: %v (run: %v)", err, <-done)
	}
	go func() { _, _ = io.Copy(io.Discard, out) }()
	var got listening
	if err := json.Unmarshal([]byte(line), &got); err != nil {
		cancel()
		t.Fatalf("listening line is not JSON: %v", err)
	}
	stop := func() {
		t.Helper()
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("run after cancel: %v", err)
			}
		case <-time.After(30 * time.Second):
			t.Fatal("run did not return after cancel")
		}
	}
	return got, stop
}

// get calls the simulator's REST API and returns the status, the
// Sforce-Limit-Info header and the error code of an error answer.
func get(t *testing.T, sim listening, path string, into any) (status int, limitInfo, errorCode string) {
	t.Helper()
	req, _ := http.NewRequest("GET", sim.BaseURL+"/services/data/v62.0/"+path, nil)
	req.Header.Set("Authorization", "Bearer "+sim.AccessToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		var errs []struct {
			ErrorCode string `json:"errorCode"`
		}
		if json.Unmarshal(body, &errs) == nil && len(errs) > 0 {
			errorCode = errs[0].ErrorCode
		}
	} else if into != nil {
		if err := json.Unmarshal(body, into); err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
	}
	return resp.StatusCode, resp.Header.Get("Sforce-Limit-Info"), errorCode
}

func TestRunPrintsListeningLineAndServes(t *testing.T) {
	got, stop := startSim(t, append(smallOrg, "--client-id", "cli-test",
		"--redirect-uri", "http://localhost:1717/OauthRedirect", "--redirect-uri", "http://localhost:8765/cb")...)
	if !strings.HasPrefix(got.BaseURL, "http://127.0.0.1:") || strings.HasSuffix(got.BaseURL, ":0") || got.ClientID != "cli-test" || got.AccessToken == "" {
		t.Fatalf("listening line: base_url %q client_id %q token present %v", got.BaseURL, got.ClientID, got.AccessToken != "")
	}
	var page struct {
		TotalSize int  `json:"totalSize"`
		Done      bool `json:"done"`
	}
	status, limitInfo, _ := get(t, got, "query?q=SELECT+Id,Name+FROM+Account", &page)
	if status != http.StatusOK || page.TotalSize != 5 || !page.Done {
		t.Fatalf("query: %d %+v", status, page)
	}
	if limitInfo != "api-usage=1/15000" {
		t.Errorf("Sforce-Limit-Info = %q", limitInfo)
	}
	if status, _, code := get(t, got, "limits", nil); status != http.StatusOK {
		t.Errorf("limits without permission flags: %d %s", status, code)
	}
	stop()
	if _, err := http.Get(got.BaseURL + "/services/data/"); err == nil {
		t.Fatal("server still answers after shutdown")
	}
}

// TestRunPermissionFlags: each flag takes one permission away, as
// Salesforce answers a user without it; the others stay.
func TestRunPermissionFlags(t *testing.T) {
	sim, stop := startSim(t, append(smallOrg, "--no-view-setup", "--no-read", "Lead", "--no-read", "contact")...)
	for _, tc := range []struct {
		path   string
		status int
		code   string
	}{
		{"limits", http.StatusForbidden, "INSUFFICIENT_ACCESS"},
		{"sobjects/Lead/describe", http.StatusNotFound, "NOT_FOUND"},
		{"sobjects/Contact/describe", http.StatusNotFound, "NOT_FOUND"},
		{"sobjects/Account/describe", http.StatusOK, ""},
		{"query?q=SELECT+Id+FROM+Lead", http.StatusBadRequest, "INVALID_TYPE"},
	} {
		if status, _, code := get(t, sim, tc.path, nil); status != tc.status || code != tc.code {
			t.Errorf("--no-view-setup --no-read Lead,contact: GET %s = %d %s, want %d %s", tc.path, status, code, tc.status, tc.code)
		}
	}
	stop()

	sim, stop = startSim(t, append(smallOrg, "--api-disabled")...)
	for _, path := range []string{"query?q=SELECT+Id+FROM+Account", "limits", "sobjects/Account/describe"} {
		if status, _, code := get(t, sim, path, nil); status != http.StatusForbidden || code != "API_DISABLED_FOR_ORG" {
			t.Errorf("--api-disabled: GET %s = %d %s, want 403 API_DISABLED_FOR_ORG", path, status, code)
		}
	}
	stop()
}

func TestRunRefusesNonLoopbackAddresses(t *testing.T) {
	for _, addr := range []string{"0.0.0.0:0", ":0", "192.0.2.1:8080", "example.com:80"} {
		var out strings.Builder
		err := run(context.Background(), []string{"--addr", addr, "--users", "1", "--accounts", "0", "--leads", "0"}, &out)
		if err == nil || !strings.Contains(err.Error(), "loopback") {
			t.Errorf("--addr %s: err = %v, want a loopback refusal", addr, err)
		}
		if out.Len() != 0 {
			t.Errorf("--addr %s printed %q", addr, out.String())
		}
	}
}

func TestRunRejectsBadFlags(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--no-such-flag"}, "flag provided but not defined"},
		{[]string{"--no-read", "Leed"}, "--no-read Leed"},
		{[]string{"--api-disabled=maybe"}, "invalid boolean value"},
	} {
		var out strings.Builder
		err := run(context.Background(), append(smallOrg, tc.args...), &out)
		if err == nil || !strings.Contains(err.Error(), tc.want) || out.Len() != 0 {
			t.Errorf("%q: err %v, printed %q; want a refusal naming %q and nothing served", tc.args, err, out.String(), tc.want)
		}
	}
}

// TestRunRealOrgFlags: the flags for real-org behaviours reach the server.
func TestRunRealOrgFlags(t *testing.T) {
	sim, stop := startSim(t, "--users", "4", "--accounts", "2", "--leads", "20", "--queues", "2", "--queue-lead-share", "50",
		"--no-view-all-users", "--no-limit-header", "--plain-json-numbers", "--daily-bulk-jobs-max", "7")
	defer stop()
	var page struct {
		TotalSize int              `json:"totalSize"`
		Records   []map[string]any `json:"records"`
	}
	if status, header, _ := get(t, sim, "query?q=SELECT+Id+FROM+Group", &page); status != 200 || page.TotalSize != 2 || header != "" {
		t.Errorf("queues: %d %d, Sforce-Limit-Info %q", status, page.TotalSize, header)
	}
	if get(t, sim, "query?q=SELECT+PermissionsViewAllUsers+FROM+UserPermissionAccess", &page); page.Records[0]["PermissionsViewAllUsers"] != false {
		t.Errorf("UserPermissionAccess %v", page.Records)
	}
	var limits map[string]map[string]any
	if get(t, sim, "limits", &limits); limits["DailyBulkV2QueryJobs"]["Max"] != 7.0 {
		t.Errorf("DailyBulkV2QueryJobs %v", limits["DailyBulkV2QueryJobs"])
	}
}
