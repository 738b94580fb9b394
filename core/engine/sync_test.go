package engine

import (
	"context"
	"sync"
	"testing"
	"time"
)

// TestSyncEqualsOrg: first sync, then incremental syncs while the org
// changes during the runs, end with the store equal to the org.
func TestSyncEqualsOrg(t *testing.T) {
	h := newHarness(t, optsWithSeed(), bulkReads)
	if err := h.e.SetMaxRecords(100); err != nil { // several Bulk pages per object
		t.Fatal(err)
	}
	h.connectToken()
	if got := h.e.State().Status; got != StatusSettingUp {
		t.Fatalf("status after connect = %q, want %q", got, StatusSettingUp)
	}
	m := newMutator(t, h.sim.Org())

	// First sync with changes landing while the Bulk jobs run.
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			case <-time.After(2 * time.Millisecond):
				m.round()
			}
		}
	}()
	first := h.runOK()
	close(stop)
	wg.Wait()
	if first.Objects["Account"].Added == 0 || first.APICalls == 0 {
		t.Fatalf("first run recorded nothing: %+v", first)
	}
	if st := h.e.State(); st.Status != StatusActive || !st.FirstSyncDone {
		t.Fatalf("after first sync: status %q, first sync done %v", st.Status, st.FirstSyncDone)
	}
	h.runOK() // picks up what changed during the first sync
	h.assertEqual(nil)

	// Incremental syncs with changes made during the run.
	for i := 0; i < 3; i++ {
		m.round()
		done := make(chan struct{})
		go func() {
			defer close(done)
			m.round()
		}()
		h.runOK()
		<-done
		h.runOK()
		h.assertEqual(nil)
	}
	runs, err := h.e.History(0)
	if err != nil || len(runs) < 8 {
		t.Fatalf("history: %d runs, %v", len(runs), err)
	}
}

// TestIncrementalCostsOneCall: a no-change incremental sync of all five
// objects and one with 100 changed rows each cost exactly one API call.
func TestIncrementalCostsOneCall(t *testing.T) {
	h := newHarness(t, optsWithSeed(), nil)
	h.connectToken()
	h.runOK()
	h.runOK()

	before := h.usage()
	run := h.runOK()
	if got := h.usage() - before; got != 1 || run.APICalls != 1 {
		t.Fatalf("no-change incremental sync cost %d calls (run says %d), want 1", got, run.APICalls)
	}

	ids := newMutator(t, h.sim.Org()).liveIDs("Account")
	for i := 0; i < 100; i++ {
		if err := h.sim.Org().Update("Account", ids[i], map[string]any{"Website": "https://changed.example/" + ids[i]}); err != nil {
			t.Fatal(err)
		}
	}
	before = h.usage()
	run = h.runOK()
	if got := h.usage() - before; got != 1 || run.APICalls != 1 {
		t.Fatalf("incremental sync of 100 changed rows cost %d calls (run says %d), want 1", got, run.APICalls)
	}
	if c := run.Objects["Account"]; c.Updated != 100 || c.Added != 0 {
		t.Fatalf("account counts %+v, want 100 updated", c)
	}
	h.assertEqual(nil)
}

// TestHardDeleteKnownLimit documents the limit: a row purged from the
// Recycle Bin after the last full sync stays in the store.
func TestHardDeleteKnownLimit(t *testing.T) {
	h := newHarness(t, optsWithSeed(), nil)
	h.connectToken()
	h.runOK()
	id := newMutator(t, h.sim.Org()).liveIDs("Lead")[5]
	if err := h.sim.Org().HardDelete("Lead", id); err != nil {
		t.Fatal(err)
	}
	h.runOK()
	rec, err := h.st.Get("Lead", id)
	if err != nil || rec == nil {
		t.Fatalf("hard-deleted lead: got %v, %v; the documented limit says it stays", rec, err)
	}
	h.assertEqual(map[string]bool{id: true})
}

// TestResumeAfterCancel: a run stopped mid-Bulk (as a killed process would
// be) resumes from its committed checkpoint in a new engine and ends equal.
func TestResumeAfterCancel(t *testing.T) {
	h := newHarness(t, optsWithSeed(), bulkReads)
	if err := h.e.SetMaxRecords(100); err != nil {
		t.Fatal(err)
	}
	h.connectToken()
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		for {
			if cp, ok, _ := h.st.Checkpoint("Account"); ok && cp.Rows >= 100 {
				cancel()
				return
			}
			select {
			case <-ctx.Done():
				return
			case <-time.After(time.Millisecond):
			}
		}
	}()
	run, err := h.e.RunOnce(ctx)
	cancel()
	if err == nil {
		t.Fatalf("run was not interrupted: %+v", run)
	}
	cp, ok, err := h.st.Checkpoint("Account")
	if err != nil || !ok || cp.Locator == "" {
		t.Fatalf("no Account checkpoint after the interruption: %+v %v %v", cp, ok, err)
	}
	if _, ok, _ := h.st.Bookmark("Account"); ok {
		t.Fatal("Account bookmark set before its first sync finished")
	}

	h.closeEngine()
	h.open()
	h.connectToken()
	h.runOK()
	if _, ok, _ := h.st.Checkpoint("Account"); ok {
		t.Fatal("checkpoint left after the resumed run")
	}
	h.assertEqual(nil)
}

// TestFirstSyncSmallObjectsInOneCall: objects small enough by their
// COUNT() (here all five of the test org, 1,158 rows) are read through ONE
// composite call of queryAll instead of five Bulk jobs of five or more
// calls each, with or without EstimateFirstSync's counts.
func TestFirstSyncSmallObjectsInOneCall(t *testing.T) {
	for _, estimate := range []bool{false, true} {
		h := newHarness(t, optsWithSeed(), nil)
		h.connectToken()
		if estimate {
			if _, err := h.e.EstimateFirstSync(context.Background()); err != nil {
				t.Fatal(err)
			}
		}
		before := h.usage()
		run := h.runOK()
		if got := h.usage() - before; got != 1 || run.APICalls != 1 {
			t.Fatalf("first sync (estimate first: %v) cost %d calls (run says %d), want 1", estimate, got, run.APICalls)
		}
		if st := h.e.State(); !st.FirstSyncDone || st.Status != StatusActive {
			t.Fatalf("after the first sync: %q, first sync done %v", st.Status, st.FirstSyncDone)
		}
		h.assertEqual(nil)
	}
}

// TestLookbackRereadIsNotAnUpdate: each run reads again the rows changed
// within the lookback (five minutes) before the last one, so that late
// commits are not missed. Such a row, unchanged since, was counted as
// updated in every run within those minutes ("User +0 ~1" again and
// again), though the history says "~ updated in Salesforce since the sync
// before". A row read again exactly as stored is not an update; neither is
// a progress row it skipped.
func TestLookbackRereadIsNotAnUpdate(t *testing.T) {
	h := newHarness(t, optsWithSeed(), nil)
	h.connectToken()
	h.runOK()
	org := h.sim.Org()
	user := org.Users()[2]
	if err := org.Update("User", user, map[string]any{"Title": "Chief Lookback Officer"}); err != nil {
		t.Fatal(err)
	}
	if run := h.runOK(); run.Objects["User"].Updated != 1 {
		t.Fatalf("the changed User: %+v", run.Objects["User"])
	}
	h.forget()
	run := h.runOK()
	if c := run.Objects["User"]; c.Updated != 0 || c.Added != 0 {
		t.Errorf("the unchanged User read again within the lookback counts as %+v", c)
	}
	for _, ev := range h.seen(EventProgress) {
		if ev.Progress.Skipped != 0 {
			t.Errorf("progress says %d rows deleted in Salesforce were skipped", ev.Progress.Skipped)
		}
	}
	h.assertEqual(nil)
}
