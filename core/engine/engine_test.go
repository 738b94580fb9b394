package engine

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/sfsync/sfsync/core/sfsim"
)

// TestEventQueueNeverDropsOrBlocks: with no reader, pushes never block;
// every StatusChanged arrives, in order, and progress is coalesced.
func TestEventQueueNeverDropsOrBlocks(t *testing.T) {
	q := newEventQueue(4)
	for i := range 1000 {
		q.push(Event{Kind: EventProgress, Progress: Progress{Done: int64(i)}})
		if i%100 == 0 {
			q.push(Event{Kind: EventStatusChanged, State: State{Detail: string(rune('a' + i/100))}})
		}
	}
	q.push(Event{Kind: EventRunFinished})
	var statuses []string
	progress, last := 0, Event{}
	for ev := range q.out {
		switch ev.Kind {
		case EventStatusChanged:
			statuses = append(statuses, ev.State.Detail)
		case EventProgress:
			progress++
		}
		last = ev
		if ev.Kind == EventRunFinished {
			break
		}
	}
	if strings.Join(statuses, "") != "abcdefghij" {
		t.Fatalf("status events %v", statuses)
	}
	if progress == 0 || progress > 50 {
		t.Fatalf("%d progress events delivered, want a coalesced few", progress)
	}
	if last.Kind != EventRunFinished {
		t.Fatalf("last event %v", last.Kind)
	}
	q.close()
}

// TestRejectedSettings: frequencies, percentages and sweep intervals
// outside what the window offers are refused with ErrInvalidSetting and a
// sentence naming what is offered.
func TestRejectedSettings(t *testing.T) {
	h := newHarness(t, optsWithSeed(), nil)
	if err := h.e.SetFrequency(45 * time.Minute); !errors.Is(err, ErrInvalidSetting) || !strings.Contains(err.Error(), "choose 30 min, 1, 2, 4, 6, 12 or 24 h") ||
		!strings.Contains(err.Error(), "every 45 minutes") {
		t.Fatalf("45 min: %v, want ErrInvalidSetting saying the value in words and naming the frequencies offered", err)
	}
	if err := h.e.SetQuotaThreshold(120); !errors.Is(err, ErrInvalidSetting) || !strings.Contains(err.Error(), "choose between 1 and 100 %") {
		t.Fatalf("120 %% threshold: %v, want ErrInvalidSetting naming the range", err)
	}
	if err := h.e.SetRunCap(0); !errors.Is(err, ErrInvalidSetting) {
		t.Fatalf("0 %% run cap: %v, want ErrInvalidSetting", err)
	}
	if err := h.e.SetSweepEvery(time.Minute); !errors.Is(err, ErrInvalidSetting) || !strings.Contains(err.Error(), "or never") || !strings.Contains(err.Error(), "every minute:") {
		t.Fatalf("a sweep every minute: %v, want ErrInvalidSetting", err)
	}
}

// TestSchedulerAndSettings: Start runs the first sync at once; statuses
// follow the toggle.
func TestSchedulerAndSettings(t *testing.T) {
	h := newHarness(t, optsWithSeed(), nil)
	if err := h.e.SetFrequency(30 * time.Minute); err != nil {
		t.Fatal(err)
	}
	if got := h.e.State().Status; got != StatusNotConnected {
		t.Fatalf("status before connect %q", got)
	}
	h.connectToken()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	h.e.Start(ctx)
	deadline := time.Now().Add(30 * time.Second)
	for h.e.State().Status != StatusActive {
		if time.Now().After(deadline) {
			t.Fatalf("first sync did not finish: %+v", h.e.State())
		}
		time.Sleep(10 * time.Millisecond)
	}
	st := h.e.State()
	if st.NextSync.IsZero() || st.NextSync.Sub(st.LastSync) > 31*time.Minute || st.Frequency != 30*time.Minute {
		t.Fatalf("next sync %v, last %v, frequency %v", st.NextSync, st.LastSync, st.Frequency)
	}
	h.assertEqual(nil)

	if err := h.e.SetEnabled(false); err != nil {
		t.Fatal(err)
	}
	if st := h.e.State(); st.Status != StatusNotSyncing || !st.NextSync.IsZero() {
		t.Fatalf("paused: %q next %v", st.Status, st.NextSync)
	}
	if err := h.e.SetEnabled(true); err != nil {
		t.Fatal(err)
	}
	if st := h.e.State(); st.Status != StatusActive {
		t.Fatalf("resumed: %q", st.Status)
	}

	// SyncNow reaches the org through the worker.
	id, err := h.sim.Org().Create("Lead", map[string]any{"LastName": "Now", "Company": "Now Inc", "Status": "Open - Not Contacted"})
	if err != nil {
		t.Fatal(err)
	}
	h.e.SyncNow()
	for {
		if rec, _ := h.st.Get("Lead", id); rec != nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("SyncNow did not sync")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestEstimateFirstSync: one composite call of COUNT() queries, and an
// estimate that is what the first sync then costs (at most a few status
// polls more or less per Bulk job).
func TestEstimateFirstSync(t *testing.T) {
	for _, tc := range []struct {
		name      string
		tune      func(*Config)
		bulkTypes int64
	}{{"REST", nil, 0}, {"Bulk", bulkReads, 4}} {
		t.Run(tc.name, func(t *testing.T) { testEstimateFirstSync(t, tc.tune, tc.bulkTypes) })
	}
}

func testEstimateFirstSync(t *testing.T, tune func(*Config), bulkJobs int64) {
	h := newHarness(t, optsWithSeed(), tune)
	h.connectToken()
	before := h.usage()
	est, err := h.e.EstimateFirstSync(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if got := h.usage() - before; got != 1 {
		t.Fatalf("estimate cost %d calls, want 1", got)
	}
	for _, obj := range Objects {
		if want := int64(h.sim.Org().Count(obj, true)); est.Records[obj] != want {
			t.Errorf("%s: estimated %d records, org has %d", obj, est.Records[obj], want)
		}
	}
	if est.ShareOfRemaining <= 0 || est.ShareOfRemaining > 1 {
		t.Fatalf("estimate %+v", est)
	}
	run := h.runOK()
	if d := est.APICalls - int64(run.APICalls); d < 0 || d > 2*bulkJobs {
		t.Fatalf("estimated %d calls, the first sync made %d", est.APICalls, run.APICalls)
	}
}

// TestDisconnectDeletesData: "Disconnect and delete data" leaves nothing.
func TestDisconnectDeletesData(t *testing.T) {
	h := newHarness(t, optsWithSeed(), nil)
	h.connectToken()
	h.runOK()
	if err := h.e.Disconnect(context.Background(), false); err != nil {
		t.Fatal(err)
	}
	for _, obj := range Objects {
		if n, _ := h.st.Count(obj); n != 0 {
			t.Fatalf("%s: %d rows left", obj, n)
		}
	}
	if _, found, _ := h.st.Settings(); found {
		t.Fatal("settings left")
	}
	if st := h.e.State(); st.Status != StatusNotConnected {
		t.Fatalf("status %q", st.Status)
	}
	if _, err := h.e.RunOnce(context.Background()); err == nil {
		t.Fatal("run after disconnect succeeded")
	}
}

// TestConnectReadsOrgName: Connect reads the org's name from its
// Organization record, in one call of the connect's seven (limits, five
// describes, the Organization query).
func TestConnectReadsOrgName(t *testing.T) {
	seed := testSeed
	seed.OrgName = "Acme Demo Org"
	h := newHarness(t, sfsim.Options{Seed: seed}, nil)
	before := h.usage()
	h.connectToken()
	if got := h.usage() - before; got != 7 {
		t.Fatalf("connect cost %d calls, want 7", got)
	}
	if st := h.e.State(); st.OrgName != "Acme Demo Org" || st.OrgID != h.sim.Org().OrgID() {
		t.Fatalf("org %q (%s)", st.OrgName, st.OrgID)
	}
	h.closeEngine()
	h.open()
	if got := h.e.State().OrgName; got != "Acme Demo Org" {
		t.Fatalf("org name after restart %q", got)
	}
}
