package engine

import (
	"context"
	"testing"
	"time"
)

// progressOfRun waits until the run's RunFinished event was read and
// returns the Progress events read before it (since the last forget).
func (h *harness) progressOfRun() []Progress {
	h.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for len(h.seen(EventRunFinished)) == 0 {
		if time.Now().After(deadline) {
			h.t.Fatal("no RunFinished event")
		}
		time.Sleep(5 * time.Millisecond)
	}
	var out []Progress
	for _, ev := range h.seen(EventProgress) {
		out = append(out, ev.Progress)
	}
	if len(out) == 0 {
		h.t.Fatal("no Progress events")
	}
	return out
}

// checkProgress: done never passes the estimate, and the last event
// reaches it, for the object and overall.
func checkProgress(t *testing.T, evs []Progress) Progress {
	t.Helper()
	for i, p := range evs {
		if p.Done > p.Estimated || p.TotalDone > p.TotalEstimated || p.Done > p.TotalDone {
			t.Fatalf("event %d: %+v", i, p)
		}
	}
	last := evs[len(evs)-1]
	if last.Done != last.Estimated || last.TotalDone != last.TotalEstimated {
		t.Fatalf("last progress event does not reach its estimate: %+v", last)
	}
	return last
}

// TestProgressEstimatesFirstSync: a first sync knows its size from the
// start (one COUNT() composite) and its progress reaches the estimate.
func TestProgressEstimatesFirstSync(t *testing.T) {
	h := newHarness(t, optsWithSeed(), bulkReads)
	if err := h.e.SetMaxRecords(100); err != nil { // several pages per object
		t.Fatal(err)
	}
	h.connectToken()
	var rows int64
	for _, obj := range Objects {
		rows += int64(h.sim.Org().Count(obj, true))
	}
	h.forget()
	h.runOK()
	evs := h.progressOfRun()
	last := checkProgress(t, evs)
	firstSync := 0
	for i, p := range evs {
		// From the first event on, the whole first sync is expected.
		if p.TotalEstimated < rows {
			t.Fatalf("event %d: total estimate %d, the org has %d rows: %+v", i, p.TotalEstimated, rows, p)
		}
		if p.FirstSync {
			firstSync++
		}
	}
	if firstSync == 0 || last.TotalDone < rows {
		t.Fatalf("%d first-sync events; last %+v, org rows %d", firstSync, last, rows)
	}
	if p := h.e.State().Progress; p != (Progress{}) {
		t.Fatalf("progress left in the state after the run: %+v", p)
	}
}

// TestProgressEstimateReusesCounts: counts taken by EstimateFirstSync
// serve the first sync's progress and routing; without them the run spends
// no call on counting either: the first page of each object's query tells
// its size.
func TestProgressEstimateReusesCounts(t *testing.T) {
	calls := func(estimateFirst bool) int {
		h := newHarness(t, optsWithSeed(), bulkReads)
		h.connectToken()
		if estimateFirst {
			if _, err := h.e.EstimateFirstSync(context.Background()); err != nil {
				t.Fatal(err)
			}
		}
		h.forget()
		run := h.runOK()
		checkProgress(t, h.progressOfRun())
		return run.APICalls
	}
	with, without := calls(true), calls(false)
	if without != with {
		t.Fatalf("first sync cost %d calls after EstimateFirstSync and %d without, want the same", with, without)
	}
}

// TestProgressEstimatesIncremental: an incremental run's estimate is each
// query's totalSize.
func TestProgressEstimatesIncremental(t *testing.T) {
	h := newHarness(t, optsWithSeed(), nil)
	h.connectToken()
	h.runOK()
	m := newMutator(t, h.sim.Org())
	m.round()
	m.round()
	h.forget()
	h.runOK()
	evs := h.progressOfRun()
	last := checkProgress(t, evs)
	for i, p := range evs {
		if p.FirstSync {
			t.Fatalf("event %d of an incremental run says first sync: %+v", i, p)
		}
	}
	// Two rounds touch at least one row of each object.
	if last.TotalEstimated < int64(len(Objects)) {
		t.Fatalf("incremental estimate %+v", last)
	}
	h.assertEqual(nil)
}
