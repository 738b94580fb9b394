package engine

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/sfsync/sfsync/core/sfsim"
)

// TestResumedFirstSyncReusesTheSavedJob proves the checkpoint is used (issue
// 7: restarting the object from scratch also ends equal, so equality alone
// proves nothing): a first sync fails after two committed Account pages;
// a new engine on the same store then creates no Account job, asks first
// for the saved locator, and reads only the rows after the checkpoint.
func TestResumedFirstSyncReusesTheSavedJob(t *testing.T) {
	// Objects beyond 100 rows go through Bulk jobs (smaller ones share a
	// composite call); Account's job has several pages.
	h := newHarness(t, sfsim.Options{Seed: sfsim.SeedConfig{Users: 3, Accounts: 650, Leads: 2, Seed: 9}},
		func(c *Config) { c.BulkThreshold = 100 })
	if err := h.e.SetMaxRecords(100); err != nil {
		t.Fatal(err)
	}
	h.connectToken()
	// The third results request of Account's job (its third page, or the
	// second's retry) keeps failing: two pages are committed, or three
	// when the next page was fetched while one committed.
	h.sim.InjectFault(sfsim.Fault{Endpoint: "results", Nth: 3, Times: -1, Kind: sfsim.FaultHTTP500})
	if _, err := h.e.RunOnce(context.Background()); err == nil {
		t.Fatal("the run survived a results endpoint that always fails")
	}
	cp, ok, err := h.st.Checkpoint("Account")
	if err != nil || !ok || cp.Locator == "" || cp.Rows == 0 || cp.Rows%100 != 0 {
		t.Fatalf("checkpoint after Account's first pages: %+v ok=%v err=%v\n%s", cp, ok, err, strings.Join(h.calls.since(0), "\n"))
	}
	stored, _ := h.st.Count("Account")
	h.sim.ClearFaults()
	h.closeEngine()
	h.open()
	mark := h.calls.len()
	h.runOK()
	var jobs, resultsRead int
	firstLocator := "unset"
	for _, c := range h.calls.since(mark) {
		switch {
		case strings.HasPrefix(c, "POST ") && strings.Contains(c, "/jobs/query"):
			jobs++
		case strings.HasPrefix(c, "GET ") && strings.Contains(c, "/jobs/query/"+cp.JobID+"/results"):
			resultsRead++
			if firstLocator == "unset" {
				u, _ := url.Parse(strings.TrimPrefix(c, "GET "))
				firstLocator = u.Query().Get("locator")
			}
		}
	}
	// Every other object synced in the first run (one object's failure
	// stops only its own read): the resumed run needs no new job at all.
	if jobs != 0 {
		t.Errorf("the resumed run created %d Bulk jobs, want 0 (Account reuses %s)", jobs, cp.JobID)
	}
	if firstLocator != cp.Locator {
		t.Errorf("the resumed run first read locator %q, want the saved %q", firstLocator, cp.Locator)
	}
	if want := int((650 - cp.Rows + 99) / 100); resultsRead != want {
		t.Errorf("the resumed run read %d pages of the saved job, want the %d after the checkpoint", resultsRead, want)
	}
	if int64(stored) != cp.Rows {
		t.Errorf("%d Accounts stored before the resume, want the %d of the committed pages", stored, cp.Rows)
	}
	h.assertEqual(nil)
}
