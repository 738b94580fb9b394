package engine

import (
	"context"
	"errors"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/sfsync/sfsync/core/salesforce"
	"github.com/sfsync/sfsync/core/sfsim"
)

// firstSyncWithCounts connects and counts the records first (as `sfsync
// sync` and the window do), so bulkReads sends objects to Bulk jobs.
func (h *harness) firstSyncWithCounts() {
	h.t.Helper()
	h.connectToken()
	if _, err := h.e.EstimateFirstSync(context.Background()); err != nil {
		h.t.Fatal(err)
	}
}

func (h *harness) hasBookmark(obj string) bool {
	_, ok, err := h.st.Bookmark(obj)
	if err != nil {
		h.t.Fatal(err)
	}
	return ok
}

// TestHungJobKeepsToTheCap (issue 8, case 1): Salesforce keeps the Account
// job InProgress. The other objects sync beside it, and the job's status
// polls count toward the per-run cap: no run passes 25 calls at a 100-call
// daily maximum. (It waited for ever, Contact, Lead and Opportunity at 0,
// its polls running past the cap.)
func TestHungJobKeepsToTheCap(t *testing.T) {
	opts := optsWithSeed()
	opts.DailyAPIMax = 100
	h := newHarness(t, opts, bulkReads)
	h.firstSyncWithCounts()
	h.sim.InjectFault(sfsim.Fault{Endpoint: "jobs", Object: "Account", Kind: sfsim.FaultJobStuck, Polls: -1})
	for run := 1; run <= 2; run++ {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		before := h.usage()
		_, err := h.e.RunOnce(ctx)
		cancel()
		var qe *quotaError
		if !errors.As(err, &qe) || qe.kind != quotaRunCap {
			t.Fatalf("run %d: %v; want stopped by the per-run cap", run, err)
		}
		if got := h.usage() - before; got > 25 {
			t.Fatalf("run %d made %d calls, its cap is 25", run, got)
		}
	}
	for _, obj := range []string{"User", "Contact", "Lead", "Opportunity"} {
		if !h.hasBookmark(obj) {
			t.Errorf("%s did not sync beside the hung Account job", obj)
		}
	}
	if h.hasBookmark("Account") {
		t.Error("Account has a bookmark although its job never completed")
	}
}

// TestHungJobAborted (issue 8, case 1): a job still InProgress
// JobTimeout (30 minutes, the shipped setting) after its creation is
// aborted; the run reports Account with the reason while every other
// object is synced, and the next run reads Account with a new job. Runs
// on a synctest clock.
func TestHungJobAborted(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newMemHarness(t, optsWithSeed(), &memTransport{}, func(c *Config) {
			bulkReads(c)
			c.Poll = salesforce.PollPolicy{} // shipped pacing
		})
		defer h.closeEngine()
		h.firstSyncWithCounts()
		h.sim.InjectFault(sfsim.Fault{Endpoint: "jobs", Object: "Account", Kind: sfsim.FaultJobStuck, Polls: -1})
		start := time.Now()
		run, err := h.e.RunOnce(context.Background())
		took := time.Since(start)
		var oe *objectsError
		if !errors.As(err, &oe) || run.Result != resultError {
			t.Fatalf("run %+v, err %v; want Account reported", run, err)
		}
		if took < DefaultJobTimeout || took > DefaultJobTimeout+time.Minute {
			t.Fatalf("the run took %v on the clock, want just over %v", took, DefaultJobTimeout)
		}
		why := run.ObjectErrors["Account"]
		if len(run.ObjectErrors) != 1 || !strings.Contains(why, "still InProgress after 30 minutes") {
			t.Fatalf("object errors %v", run.ObjectErrors)
		}
		st := h.e.State()
		if st.Status != StatusError || st.ObjectErrors["Account"] != why || !strings.Contains(st.Detail, "Account") ||
			!strings.Contains(st.Detail, "other objects are up to date") {
			t.Fatalf("state %q %q, object errors %v", st.Status, st.Detail, st.ObjectErrors)
		}
		for _, obj := range []string{"User", "Contact", "Lead", "Opportunity"} {
			if !h.hasBookmark(obj) {
				t.Errorf("%s did not sync beside the hung Account job", obj)
			}
		}
		// A full read stays due (a job-less checkpoint); the job is gone.
		if cp, ok, _ := h.st.Checkpoint("Account"); ok && cp.JobID != "" {
			t.Fatal("the aborted job's checkpoint is left: the next run would wait for it again")
		}
		h.runOK()
		if st := h.e.State(); st.Status != StatusActive || st.ObjectErrors != nil {
			t.Fatalf("after the retry: %q, object errors %v", st.Status, st.ObjectErrors)
		}
		h.assertEqual(nil)
	})
}

// TestOneObjectFailsOthersSync: Contact's results keep failing; the run
// goes on with the others and reports Contact in the history and the
// state. (It returned at the first failing object.)
func TestOneObjectFailsOthersSync(t *testing.T) {
	h := newHarness(t, optsWithSeed(), bulkReads)
	h.firstSyncWithCounts()
	h.sim.InjectFault(sfsim.Fault{Endpoint: "results", Object: "Contact", Kind: sfsim.FaultHTTP500, Times: -1})
	run, err := h.e.RunOnce(context.Background())
	if err == nil || run.Result != resultError {
		t.Fatalf("run %+v, err %v", run, err)
	}
	if len(run.ObjectErrors) != 1 || !strings.Contains(run.ObjectErrors["Contact"], "UNKNOWN_EXCEPTION") {
		t.Fatalf("object errors %v", run.ObjectErrors)
	}
	for _, obj := range []string{"User", "Account", "Lead", "Opportunity"} {
		if !h.hasBookmark(obj) {
			t.Errorf("%s not synced beside the failing Contact", obj)
		}
	}
	runs, err := h.e.History(1)
	if err != nil || len(runs) != 1 || runs[0].ObjectErrors["Contact"] == "" {
		t.Fatalf("history %+v, %v", runs, err)
	}
	if st := h.e.State(); st.ObjectErrors["Contact"] == "" || !strings.Contains(st.Detail, "Contact") {
		t.Fatalf("state %q, object errors %v", st.Detail, st.ObjectErrors)
	}
	h.sim.ClearFaults()
	h.runOK()
	h.assertEqual(nil)
}

// TestQueryTimeoutMovesToBulk (issue 8, case 5): Lead's query times out
// in every composite call, first sync and incremental alike; Lead is read
// with a Bulk job each time and the store stays equal to the org. (It
// never synced again.)
func TestQueryTimeoutMovesToBulk(t *testing.T) {
	h := newHarness(t, optsWithSeed(), nil)
	h.connectToken()
	h.sim.InjectFault(sfsim.Fault{Endpoint: "composite/query", Object: "Lead", Kind: sfsim.FaultQueryTimeout, Times: -1})
	h.runOK()
	h.assertEqual(nil)
	m := newMutator(t, h.sim.Org())
	for range 2 {
		m.round()
		run := h.runOK()
		if c := run.Objects["Lead"]; c.Added+c.Updated+c.Deleted == 0 {
			t.Fatalf("no Lead change synced: %+v", run.Objects)
		}
		h.assertEqual(nil)
	}
}

// TestBulkJobsSpent: with the org's DailyBulkV2QueryJobs spent, the job
// is refused (400 LIMIT_EXCEEDED) and the objects are read with REST pages.
func TestBulkJobsSpent(t *testing.T) {
	h := newHarness(t, optsWithSeed(), bulkReads)
	h.firstSyncWithCounts()
	_, max := h.sim.BulkJobsUsage()
	h.sim.SetBulkJobsUsed(max)
	h.runOK()
	h.assertEqual(nil)
}

// TestEveryObjectFailsSaysSoOnce: when one composite call fails for all
// five objects, the status said the same reason five times (over 1,000
// characters) and then "The other objects are up to date", though none
// was. It now says the run failed, with each distinct reason once.
func TestEveryObjectFailsSaysSoOnce(t *testing.T) {
	h := newHarness(t, optsWithSeed(), nil)
	h.connectToken()
	h.runOK()
	h.sim.InjectFault(sfsim.Fault{Endpoint: "composite", Kind: sfsim.FaultHTTP500, Times: -1})
	run, err := h.e.RunOnce(context.Background())
	var oe *objectsError
	if !errors.As(err, &oe) || len(run.ObjectErrors) != len(Objects) {
		t.Fatalf("run %+v, err %v; want every object reported", run, err)
	}
	st := h.e.State()
	if strings.Contains(st.Detail, "other objects are up to date") || strings.Count(st.Detail, "UNKNOWN_EXCEPTION") != 1 ||
		!strings.HasPrefix(st.Detail, "The last sync failed") {
		t.Errorf("status detail (%d bytes): %s", len(st.Detail), st.Detail)
	}
	if strings.Count(run.Error, "UNKNOWN_EXCEPTION") != 1 || !strings.Contains(run.Error, "User, Account, Contact, Lead and Opportunity: ") {
		t.Errorf("history entry: %s", run.Error)
	}
}
