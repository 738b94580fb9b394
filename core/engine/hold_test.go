package engine

import (
	"context"
	"testing"
	"time"
)

// TestHoldFirstSyncWaitsForSyncNow: with HoldFirstSync and the scheduler
// running, Connect leaves the source in Configuring… with no run until
// SyncNow; the estimate can be read meanwhile; SyncNow runs the first sync
// to Active. A reconnect with data already synced is not held.
func TestHoldFirstSyncWaitsForSyncNow(t *testing.T) {
	h, opts := oauthHarness(t, false)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	h.e.Start(ctx)
	opts.HoldFirstSync = true
	if err := h.e.Connect(ctx, opts); err != nil {
		t.Fatalf("connect: %v", err)
	}
	h.checkFirstSyncHeld(ctx)

	h.e.SyncNow()
	waitState(t, h.e, "first sync done", func(s State) bool { return s.FirstSyncDone && !s.Running })
	st := h.e.State()
	if st.Status != StatusActive || st.FirstSyncHeld || st.Detail != "" {
		t.Fatalf("after SyncNow: status %q held %v detail %q", st.Status, st.FirstSyncHeld, st.Detail)
	}
	h.assertEqual(nil)
	var held bool
	for _, ev := range h.seen(EventStatusChanged) {
		held = held || ev.State.FirstSyncHeld
	}
	if !held {
		t.Error("no StatusChanged event showed the held first sync")
	}

	// Reconnecting the same org with its data synced: nothing to hold.
	if err := h.e.Connect(ctx, opts); err != nil {
		t.Fatalf("reconnect: %v", err)
	}
	if st := h.e.State(); st.FirstSyncHeld || st.Status == StatusConfiguring {
		t.Fatalf("reconnect with synced data held: status %q", st.Status)
	}
}

// checkFirstSyncHeld checks a source just connected with HoldFirstSync while
// the scheduler runs: Configuring… with the held detail and no next sync,
// an estimate to read, and no run started by itself.
func (h *harness) checkFirstSyncHeld(ctx context.Context) {
	h.t.Helper()
	st := h.e.State()
	if st.Status != StatusConfiguring || !st.FirstSyncHeld || st.Detail != heldDetail || !st.NextSync.IsZero() {
		h.t.Fatalf("after a held connect: status %q held %v detail %q next %v", st.Status, st.FirstSyncHeld, st.Detail, st.NextSync)
	}
	est, err := h.e.EstimateFirstSync(ctx)
	if err != nil || est.TotalRecords == 0 {
		h.t.Fatalf("estimate while held: %+v, %v", est, err)
	}
	// Without the hold the running scheduler starts the first sync at once
	// (a history entry appears within milliseconds); give it ample time.
	time.Sleep(300 * time.Millisecond)
	if runs, _ := h.e.History(0); len(runs) != 0 {
		h.t.Fatalf("a held first sync ran: %+v", runs)
	}
	if st := h.e.State(); st.Status != StatusConfiguring || st.Running {
		h.t.Fatalf("held source changed by itself: %q running %v", st.Status, st.Running)
	}
}

// TestHoldFirstSyncReleasedByRunOnceAndDisconnect: RunOnce also starts a
// held first sync; Disconnect drops a hold.
func TestHoldFirstSyncReleasedByRunOnceAndDisconnect(t *testing.T) {
	h, opts := oauthHarness(t, false)
	opts.HoldFirstSync = true
	ctx := context.Background()
	if err := h.e.Connect(ctx, opts); err != nil {
		t.Fatalf("connect: %v", err)
	}
	if err := h.e.Disconnect(ctx, true); err != nil {
		t.Fatalf("disconnect: %v", err)
	}
	if st := h.e.State(); st.FirstSyncHeld || st.Status != StatusNotConnected {
		t.Fatalf("after disconnect: status %q held %v", st.Status, st.FirstSyncHeld)
	}
	if err := h.e.Connect(ctx, opts); err != nil {
		t.Fatalf("connect again: %v", err)
	}
	if !h.e.State().FirstSyncHeld {
		t.Fatal("second held connect not held")
	}
	h.runOK()
	if st := h.e.State(); st.Status != StatusActive || st.FirstSyncHeld {
		t.Fatalf("after RunOnce: status %q held %v", st.Status, st.FirstSyncHeld)
	}
}

// waitState polls the engine's state until ok (a minute at most).
func waitState(t *testing.T, e *Engine, what string, ok func(State) bool) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for !ok(e.State()) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s (state %+v)", what, e.State().Status)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestForgetSignsOutWithoutTheOrg: Forget works when the org is gone (the
// Demo org of an earlier run): no revoke attempt, tokens removed, records
// kept, Not connected with the given detail; a restart stays Not connected.
func TestForgetSignsOutWithoutTheOrg(t *testing.T) {
	h, opts := oauthHarness(t, false)
	ctx := context.Background()
	if err := h.e.Connect(ctx, opts); err != nil {
		t.Fatalf("connect: %v", err)
	}
	h.runOK()
	counts := h.e.State().Counts
	h.srv.Close() // the org is gone: Disconnect's revoke would fail
	const detail = "The org is gone."
	if err := h.e.Forget(ctx, detail); err != nil {
		t.Fatalf("forget: %v", err)
	}
	st := h.e.State()
	if st.Status != StatusNotConnected || st.Detail != detail || st.Counts["Account"] != counts["Account"] || counts["Account"] == 0 {
		t.Fatalf("after forget: status %q detail %q accounts %d (had %d)", st.Status, st.Detail, st.Counts["Account"], counts["Account"])
	}
	if rt, err := h.sec.Get(RefreshTokenKey); err == nil || rt != "" {
		t.Fatal("the refresh token stayed in Secrets")
	}
	h.closeEngine()
	h.open()
	if st := h.e.State(); st.Status != StatusNotConnected || st.Counts["Account"] != counts["Account"] {
		t.Fatalf("after restart: status %q accounts %d", st.Status, st.Counts["Account"])
	}
}
