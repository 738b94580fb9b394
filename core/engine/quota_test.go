package engine

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/sfsync/sfsync/core/sfsim"
	"github.com/sfsync/sfsync/core/store"
)

// TestQuotaThresholdPausesAndResumes: usage over the threshold stops a
// first sync mid-way with the figures, one notification, and the sync
// resumes from its checkpoint once usage drops.
func TestQuotaThresholdPausesAndResumes(t *testing.T) {
	opts := optsWithSeed()
	opts.DailyAPIMax = 1000
	h := newHarness(t, opts, bulkReads)
	if err := h.e.SetMaxRecords(100); err != nil {
		t.Fatal(err)
	}
	h.connectToken()
	// The first sync needs far more than 10 calls: it crosses 80 % on the way.
	h.sim.SetUsage(790)
	run, err := h.e.RunOnce(context.Background())
	var qe *quotaError
	if !errors.As(err, &qe) || run.Result != store.RunPaused {
		t.Fatalf("run = %+v, err %v; want stopped by the quota threshold", run, err)
	}
	st := h.e.State()
	if st.Status != StatusPausedQuota || !strings.Contains(st.Detail, "of 1,000 daily API requests") || !strings.Contains(st.Detail, "at or above your 80 % threshold") {
		t.Fatalf("state %q: %q", st.Status, st.Detail)
	}
	if used := h.usage(); used > 800 {
		t.Fatalf("the run went on to %d calls, past the 800 threshold", used)
	}
	if n := len(h.notes.all()); n != 1 {
		t.Fatalf("%d notifications, want 1: %v", n, h.notes.all())
	}

	// Still over: one /limits call, no data call, no new notification.
	before := h.settledUsage()
	if _, err := h.e.RunOnce(context.Background()); !errors.As(err, &qe) {
		t.Fatalf("run while over the threshold: %v", err)
	}
	if got := h.settledUsage() - before; got != 1 {
		t.Fatalf("a paused attempt cost %d calls, want 1 (/limits)", got)
	}
	if n := len(h.notes.all()); n != 1 {
		t.Fatalf("%d notifications after a second attempt, want 1", n)
	}

	h.sim.SetUsage(100)
	h.runOK()
	if st := h.e.State(); st.Status != StatusActive || st.Detail != "" {
		t.Fatalf("after recovery: %q %q", st.Status, st.Detail)
	}
	h.assertEqual(nil)
}

// TestRunCapStopsAndContinues: one run may use at most RunCap % of the
// daily maximum; later runs continue from the checkpoint.
func TestRunCapStopsAndContinues(t *testing.T) {
	opts := optsWithSeed()
	opts.DailyAPIMax = 1000
	h := newHarness(t, opts, bulkReads)
	if err := h.e.SetMaxRecords(100); err != nil {
		t.Fatal(err)
	}
	if err := h.e.SetRunCap(2); err != nil { // 20 calls per run
		t.Fatal(err)
	}
	h.connectToken()
	var runs int
	for runs = 1; runs < 20; runs++ {
		before := h.usage()
		run, err := h.e.RunOnce(context.Background())
		got := h.usage() - before
		t.Logf("run %d: %d calls, err %v", runs, got, err)
		// The guard runs between data calls; a job's status polls and its
		// delete are not interrupted, so a run may end a few calls past it.
		if got > 20+3 {
			t.Fatalf("run %d used %d calls, cap is 20", runs, got)
		}
		if err == nil {
			break
		}
		var qe *quotaError
		if !errors.As(err, &qe) || qe.kind != quotaRunCap || run.Result != store.RunPaused {
			t.Fatalf("run %d: %+v, %v", runs, run, err)
		}
		if st := h.e.State(); st.Status != StatusPausedQuota || !strings.Contains(st.Detail, "per-run cap") {
			t.Fatalf("run %d state %q %q", runs, st.Status, st.Detail)
		}
	}
	if runs < 2 || runs >= 20 {
		t.Fatalf("first sync took %d runs", runs)
	}
	if n := len(h.notes.all()); n != 1 {
		t.Fatalf("%d notifications, want 1: %v", n, h.notes.all())
	}
	h.assertEqual(nil)
}

// TestRequestLimitExceeded: Salesforce's own refusal pauses like the threshold.
func TestRequestLimitExceeded(t *testing.T) {
	h := newHarness(t, optsWithSeed(), nil)
	h.connectToken()
	h.runOK()
	h.sim.InjectFault(sfsim.Fault{Endpoint: "composite", Kind: sfsim.FaultQuotaExhausted})
	_, err := h.e.RunOnce(context.Background())
	if err == nil || h.e.State().Status != StatusPausedQuota || !strings.Contains(h.e.State().Detail, "REQUEST_LIMIT_EXCEEDED") {
		t.Fatalf("err %v, state %q %q", err, h.e.State().Status, h.e.State().Detail)
	}
	if n := len(h.notes.all()); n != 1 {
		t.Fatalf("%d notifications, want 1", n)
	}
	h.sim.SetUsage(0)
	h.runOK()
	h.assertEqual(nil)
}
