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
	h := newHarness(t, sfsim.Options{Seed: sfsim.SeedConfig{Users: 3, Accounts: 650, Leads: 2, Seed: 9}}, nil)
	if err := h.e.SetMaxRecords(100); err != nil {
		t.Fatal(err)
	}
	h.connectToken()
	// User's results come first (one page), then Account's: the fourth
	// results request is Account's third page; it keeps failing.
	h.sim.InjectFault(sfsim.Fault{Endpoint: "results", Nth: 4, Times: -1, Kind: sfsim.FaultHTTP500})
	if _, err := h.e.RunOnce(context.Background()); err == nil {
		t.Fatal("the run survived a results endpoint that always fails")
	}
	cp, ok, err := h.st.Checkpoint("Account")
	if err != nil || !ok || cp.Locator == "" || cp.Rows != 200 {
		t.Fatalf("checkpoint after two Account pages: %+v ok=%v err=%v\n%s", cp, ok, err, strings.Join(h.calls.since(0), "\n"))
	}
	stored, _ := h.st.Count("Account")
	h.sim.ClearFaults()
	h.closeEngine()
	h.open()
	mark := h.calls.len()
	h.runOK()
	var accountJobs, resultsRead int
	firstLocator := "unset"
	for _, c := range h.calls.since(mark) {
		switch {
		case strings.HasPrefix(c, "POST ") && strings.Contains(c, "/jobs/query"):
			accountJobs++ // the other objects' jobs are counted below
		case strings.HasPrefix(c, "GET ") && strings.Contains(c, "/jobs/query/"+cp.JobID+"/results"):
			resultsRead++
			if firstLocator == "unset" {
				u, _ := url.Parse(strings.TrimPrefix(c, "GET "))
				firstLocator = u.Query().Get("locator")
			}
		}
	}
	// Contact, Lead and Opportunity still need their first jobs; Account none.
	if accountJobs != 3 {
		t.Errorf("the resumed run created %d Bulk jobs, want 3 (Contact, Lead, Opportunity; Account reuses %s)", accountJobs, cp.JobID)
	}
	if firstLocator != cp.Locator {
		t.Errorf("the resumed run first read locator %q, want the saved %q", firstLocator, cp.Locator)
	}
	if want := (650 - 200 + 99) / 100; resultsRead != want {
		t.Errorf("the resumed run read %d pages of the saved job, want the %d after the checkpoint", resultsRead, want)
	}
	if stored != 200 {
		t.Errorf("%d Accounts stored before the resume, want the 200 of the committed pages", stored)
	}
	h.assertEqual(nil)
}
