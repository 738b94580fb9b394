package engine

import (
	"sync"
	"testing"
	"time"
)

// TestSettersAgreeWithStore: two goroutines setting the per-run cap at
// once leave memory equal to the store every time, and the last
// StatusChanged event carries the value that stayed (issue 9: the setters
// wrote the store, then memory, outside the worker: 239 of 2,000 trials
// disagreed).
func TestSettersAgreeWithStore(t *testing.T) {
	h := newHarness(t, optsWithSeed(), nil)
	h.closeEngine()
	h.sync = false // 4,000 commits: what is tested is their order, not the disk
	h.open()
	h.connectToken()
	const trials = 2000
	bad := 0
	for i := range trials {
		var wg sync.WaitGroup
		for _, pct := range []float64{float64(1 + i%50), float64(51 + i%50)} {
			wg.Go(func() {
				if err := h.e.SetRunCap(pct); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		set, _, err := h.st.Settings()
		if err != nil {
			t.Fatal(err)
		}
		if got := h.e.State().RunCap; got != float64(set.RunCap) {
			bad++
		}
	}
	if bad > 0 {
		t.Fatalf("memory and store disagreed on the run cap in %d of %d trials", bad, trials)
	}
	set, _, _ := h.st.Settings()
	deadline := time.Now().Add(10 * time.Second)
	for {
		evs := h.seen(EventStatusChanged)
		if n := len(evs); n > 0 && evs[n-1].State.RunCap == float64(set.RunCap) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the last StatusChanged event does not carry the stored run cap %d", set.RunCap)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestSetterDuringRun: a setter called while a run polls a Bulk job
// returns before the run ends (the worker serves it between the run's
// calls) and the run picks nothing up wrong.
func TestSetterDuringRun(t *testing.T) {
	h := newHarness(t, optsWithSeed(), func(c *Config) {
		bulkReads(c)
		c.Poll.Initial, c.Poll.Max = 200*time.Millisecond, 200*time.Millisecond
	})
	h.connectToken()
	if _, err := h.e.EstimateFirstSync(t.Context()); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := h.e.RunOnce(t.Context())
		done <- err
	}()
	for !h.e.State().Running {
		time.Sleep(time.Millisecond)
	}
	if err := h.e.SetFrequency(2 * time.Hour); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		t.Fatalf("the run ended (%v) before the setter returned: the setter waited for it", err)
	default:
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if st := h.e.State(); st.Frequency != 2*time.Hour {
		t.Fatalf("frequency %v", st.Frequency)
	}
	h.assertEqual(nil)
}
