package engine

import (
	"strings"
	"testing"
	"time"

	"github.com/sfsync/sfsync/core/store"
)

// waitFor waits until cond holds for the engine's state.
func waitFor(t *testing.T, h *harness, what string, cond func(State) bool) State {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		st := h.e.State()
		if cond(st) {
			return st
		}
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s: %q %q", what, st.Status, st.Detail)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestPausesAsSoonAsAnAnswerShowsTheThreshold: a run whose answers show
// usage at the threshold pauses when it ends, as "Paused: API quota" with
// the figures and one notification, not at the next run (issue 10: the
// card stayed Active at 83 % until a second run).
func TestPausesAsSoonAsAnAnswerShowsTheThreshold(t *testing.T) {
	opts := optsWithSeed()
	opts.DailyAPIMax = 1000
	h := newHarness(t, opts, nil)
	h.connectToken()
	h.runOK()
	h.sim.SetUsage(830)
	run := h.runOK() // nothing changed: one call, its answer says 831 of 1,000
	st := h.e.State()
	if run.Result != store.RunOK || st.Status != StatusPausedQuota || !strings.HasPrefix(st.Detail, "Paused: API quota. ") ||
		!strings.Contains(st.Detail, "of 1,000 daily API requests") {
		t.Fatalf("after a run that reached 83 %%: run %q, state %q %q", run.Result, st.Status, st.Detail)
	}
	if n := len(h.notes.all()); n != 1 {
		t.Fatalf("%d notifications, want 1: %v", n, h.notes.all())
	}
}

// TestThresholdChangesApplyOnSave: raising the threshold above the usage
// while paused re-checks the usage and resumes at once, with no Sync now;
// lowering it under the usage pauses at once (issue 10: it stayed Error
// until Sync now).
func TestThresholdChangesApplyOnSave(t *testing.T) {
	opts := optsWithSeed()
	opts.DailyAPIMax = 1000
	h := newHarness(t, opts, nil)
	h.connectToken()
	h.runOK()
	h.sim.SetUsage(850)
	h.runOK()
	if st := h.e.State(); st.Status != StatusPausedQuota {
		t.Fatalf("at 85 %%: %q %q", st.Status, st.Detail)
	}
	runs, _ := h.e.History(0)
	if err := h.e.SetQuotaThreshold(90); err != nil {
		t.Fatal(err)
	}
	st := waitFor(t, h, "the resumed sync", func(s State) bool {
		after, _ := h.e.History(0)
		return s.Status == StatusActive && !s.Running && len(after) > len(runs) && after[0].Result != store.RunRunning
	})
	if after, _ := h.e.History(0); len(after) != len(runs)+1 || after[0].Result != store.RunOK {
		t.Fatalf("raising the threshold made %d runs (last %q), want one that succeeded", len(after)-len(runs), after[0].Result)
	}
	if st.Detail != "" {
		t.Errorf("detail after resuming: %q", st.Detail)
	}
	if err := h.e.SetQuotaThreshold(50); err != nil {
		t.Fatal(err)
	}
	if st := h.e.State(); st.Status != StatusPausedQuota || !strings.Contains(st.Detail, "your 50 % threshold") {
		t.Fatalf("lowered under the usage: %q %q", st.Status, st.Detail)
	}
}

// TestProgressCountsDeletedRowsSkipped: a first sync reads the org's
// soft-deleted rows too (queryAll) and stores none of them; progress says
// how many it skipped, so its counts and the stored ones can differ
// visibly (issue 10: "N deleted in Salesforce skipped").
func TestProgressCountsDeletedRowsSkipped(t *testing.T) {
	h := newHarness(t, optsWithSeed(), nil)
	deleted := h.sim.Org().Count("Account", true) - h.sim.Org().Count("Account", false)
	for _, row := range h.sim.Org().Snapshot("Account")[:3] {
		if row["IsDeleted"] != true {
			if err := h.sim.Org().Delete("Account", row["Id"].(string)); err != nil {
				t.Fatal(err)
			}
			deleted++
		}
	}
	h.connectToken()
	h.runOK()
	var last Progress
	for _, ev := range h.seen(EventProgress) {
		if ev.Progress.Object == "Account" {
			last = ev.Progress
		}
	}
	stored := h.e.State().Counts["Account"]
	if deleted == 0 || last.Skipped != int64(deleted) || last.Done != int64(stored+deleted) {
		t.Fatalf("Account progress %+v; the org has %d deleted, %d stored", last, deleted, stored)
	}
}
