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

func TestRunPrintsListeningLineAndServes(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out, stdout := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"--users", "2", "--accounts", "5", "--contacts-per-account", "1",
			"--opportunities-per-account", "1", "--leads", "3", "--seed", "3", "--client-id", "cli-test",
			"--redirect-uri", "http://localhost:1717/OauthRedirect", "--redirect-uri", "http://localhost:8765/cb"}, stdout)
		stdout.Close()
	}()
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatalf("read listening line: %v (run: %v)", err, <-done)
	}
	go func() { _, _ = io.Copy(io.Discard, out) }()
	var got listening
	if err := json.Unmarshal([]byte(line), &got); err != nil {
		t.Fatalf("listening line is not JSON: %v", err)
	}
	if !strings.HasPrefix(got.BaseURL, "http://127.0.0.1:") || strings.HasSuffix(got.BaseURL, ":0") || got.ClientID != "cli-test" || got.AccessToken == "" {
		t.Fatalf("listening line: base_url %q client_id %q token present %v", got.BaseURL, got.ClientID, got.AccessToken != "")
	}

	req, _ := http.NewRequest("GET", got.BaseURL+"/services/data/v62.0/query?q=SELECT+Id,Name+FROM+Account", nil)
	req.Header.Set("Authorization", "Bearer "+got.AccessToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var page struct {
		TotalSize int  `json:"totalSize"`
		Done      bool `json:"done"`
	}
	err = json.NewDecoder(resp.Body).Decode(&page)
	resp.Body.Close()
	if err != nil || resp.StatusCode != 200 || page.TotalSize != 5 || !page.Done {
		t.Fatalf("query: %d %+v %v", resp.StatusCode, page, err)
	}
	if h := resp.Header.Get("Sforce-Limit-Info"); h != "api-usage=1/15000" {
		t.Errorf("Sforce-Limit-Info = %q", h)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("run after cancel: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("run did not return after cancel")
	}
	if _, err := http.Get(got.BaseURL + "/services/data/"); err == nil {
		t.Fatal("server still answers after shutdown")
	}
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
	var out strings.Builder
	if err := run(context.Background(), []string{"--no-such-flag"}, &out); err == nil {
		t.Fatal("unknown flag accepted")
	}
}
