package engine

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/sfsync/sfsync/core/sfsim"
	"github.com/sfsync/sfsync/core/store"
)

// TestRefreshFailureHoldsBackNoObject: Account's query fails in its
// composite sub-response every time, in the sync and in the daily refresh.
// A QUERY_TIMEOUT (a formula or a large object the org cannot scan in time,
// docs §9) moves Account to a Bulk job, in the refresh as in the sync, so
// its purged record leaves too; any other failure is Account's alone. In
// both cases the other objects' sweeps do not wait for Account: a purged
// Lead leaves the store with the one daily sweep.
func TestRefreshFailureHoldsBackNoObject(t *testing.T) {
	for _, tc := range []struct {
		kind        sfsim.FaultKind
		accountGone bool
	}{{sfsim.FaultQueryTimeout, true}, {sfsim.FaultHTTP500, false}} {
		t.Run(string(tc.kind), func(t *testing.T) {
			clock := &testClock{t: time.Now()}
			h := newHarness(t, sfsim.Options{Seed: smallSeed}, withClock(clock))
			h.connectToken()
			h.runOK()
			org := h.sim.Org()
			acc := org.Snapshot("Account")[5]["Id"].(string)
			lead := org.Snapshot("Lead")[1]["Id"].(string)
			for _, err := range []error{org.HardDelete("Account", acc), org.HardDelete("Lead", lead)} {
				if err != nil {
					t.Fatal(err)
				}
			}
			h.sim.InjectFault(sfsim.Fault{Endpoint: "composite/query", Object: "Account", Kind: tc.kind, Times: -1})
			clock.advance(25 * time.Hour)
			run, err := h.e.RunOnce(context.Background())
			var oe *objectsError
			switch {
			case tc.accountGone && err != nil:
				t.Fatalf("run: %v", err)
			case !tc.accountGone && (!errors.As(err, &oe) || len(run.ObjectErrors) != 1 || run.ObjectErrors["Account"] == ""):
				t.Fatalf("run %+v, err %v; want Account reported alone", run, err)
			}
			if r, _ := h.st.Get("Lead", lead); r != nil {
				t.Errorf("purged Lead %s still stored after the sweep (run %+v)", lead, run.Objects["Lead"])
			}
			if r, _ := h.st.Get("Account", acc); (r == nil) != tc.accountGone {
				t.Errorf("purged Account %s stored: %v, want %v", acc, r != nil, !tc.accountGone)
			}
			if tc.accountGone {
				h.sim.ClearFaults()
				h.assertEqual(nil)
			}
		})
	}
}

// TestSweepWithBulkJobsSpent: the org's DailyBulkV2QueryJobs are spent
// (400 LIMIT_EXCEEDED on job creation, docs §2.6) on the day a large
// object's sweep is due. The sync falls back to REST pages; the sweep must
// too, so the purged Account still leaves with the daily sweep.
func TestSweepWithBulkJobsSpent(t *testing.T) {
	clock := &testClock{t: time.Now()}
	h := newHarness(t, sfsim.Options{Seed: sfsim.SeedConfig{Users: 3, Accounts: refreshRESTMax + 50, Leads: 2, Seed: 3}}, withClock(clock))
	h.connectToken()
	h.runOK()
	org := h.sim.Org()
	gone := org.Snapshot("Account")[700]["Id"].(string)
	if err := org.HardDelete("Account", gone); err != nil {
		t.Fatal(err)
	}
	_, max := h.sim.BulkJobsUsage()
	h.sim.SetBulkJobsUsed(max)
	clock.advance(25 * time.Hour)
	run := h.runOK()
	if r, _ := h.st.Get("Account", gone); r != nil {
		t.Errorf("purged Account still stored after the sweep (counts %+v)", run.Objects["Account"])
	}
	h.assertEqual(nil)
}

// TestRefreshStoppedByTheQuotaGuard: the daily refresh is due on the day
// usage reaches the threshold between the incremental call and the
// refresh: the guard stops the run before the refresh's first call (the
// source pauses). Once usage drops the next run refreshes the formula and
// sweeps the purged Account; nothing was lost or half-swept meanwhile.
func TestRefreshStoppedByTheQuotaGuard(t *testing.T) {
	clock := &testClock{t: time.Now()}
	h := newHarness(t, sfsim.Options{Seed: smallSeed}, withClock(clock))
	h.connectToken()
	sel := h.e.Selection()
	sel["Account"] = append(sel["Account"], "Owner_Email__c")
	if err := h.e.SaveFields(sel); err != nil {
		t.Fatal(err)
	}
	h.customFields = true
	h.runOK()
	org := h.sim.Org()
	accs := org.Snapshot("Account")
	gone := accs[2]["Id"].(string)
	if err := org.HardDelete("Account", gone); err != nil {
		t.Fatal(err)
	}
	if err := org.Update("User", accs[4]["OwnerId"].(string), map[string]any{"Email": "quota.day@example.com"}); err != nil {
		t.Fatal(err)
	}
	before, _ := h.st.Count("Account")
	_, max := h.sim.Usage()
	h.sim.SetUsage(max*80/100 - 1)
	clock.advance(25 * time.Hour)
	run, err := h.e.RunOnce(context.Background())
	if err == nil || run.Result != store.RunPaused || h.e.State().Status != StatusPausedQuota {
		t.Fatalf("run %+v, err %v, status %q; want paused by the guard", run, err, h.e.State().Status)
	}
	if n, _ := h.st.Count("Account"); n != before {
		t.Fatalf("%d Accounts after the stopped run, were %d", n, before)
	}
	h.sim.SetUsage(0)
	clock.advance(20 * time.Minute)
	h.runOK()
	if r, _ := h.st.Get("Account", gone); r != nil {
		t.Error("purged Account still stored after the refresh that followed the pause")
	}
	h.assertEqual(nil)
}
