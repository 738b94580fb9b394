package sfsim

import (
	"encoding/json"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"
)

// TestRefreshNamesANewInstance: after the org moves, a refresh answers with
// the new instance_url; data calls work on the new host and on the old one
// (both reach this server), and the server lists what it handed out.
func TestRefreshNamesANewInstance(t *testing.T) {
	s, ts := startServer(t, Options{})
	tok := login(t, ts.URL)
	if tok["instance_url"] != ts.URL {
		t.Fatalf("first instance_url %q", tok["instance_url"])
	}
	moved := strings.Replace(ts.URL, "127.0.0.1", "localhost", 1)
	admin(t, ts, "PUT", "/_sim/instance-url", `{"url":"`+moved+`/"}`, http.StatusNoContent)
	status, refreshed := postToken(t, ts.URL, url.Values{"grant_type": {"refresh_token"},
		"refresh_token": {tok["refresh_token"]}, "client_id": {defaultClientID}})
	if status != http.StatusOK || refreshed["instance_url"] != moved {
		t.Fatalf("refresh: %d instance_url %q, want %q", status, refreshed["instance_url"], moved)
	}
	for _, base := range []string{moved, ts.URL} {
		resp, body := call(t, "GET", base+"/services/data/v62.0/limits", refreshed["access_token"], nil)
		if resp.StatusCode != http.StatusOK {
			t.Errorf("data call on %s: %d %s", base, resp.StatusCode, body)
		}
	}
	var got struct{ HandedOut []string }
	if err := json.Unmarshal(admin(t, ts, "GET", "/_sim/instance-url", "", http.StatusOK), &got); err != nil {
		t.Fatal(err)
	}
	if want := []string{ts.URL, moved}; !reflect.DeepEqual(got.HandedOut, want) || !reflect.DeepEqual(s.InstanceURLs(), want) {
		t.Errorf("handed out %v, want %v", got.HandedOut, want)
	}
}
