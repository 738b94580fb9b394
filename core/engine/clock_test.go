package engine

import (
	"context"
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

// These tests run the engine inside a testing/synctest bubble: its clock
// (scheduler, quota recheck, job polls, backoffs) is fake and moves only
// when every goroutine waits, so hours pass without sleeping.

func (h *harness) runCount() int {
	h.t.Helper()
	runs, err := h.e.History(0)
	if err != nil {
		h.t.Fatal(err)
	}
	return len(runs)
}

// TestScheduleOnTheClock: the scheduler syncs at once after connect, then
// every Frequency; a new frequency applies from the last attempt.
func TestScheduleOnTheClock(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newMemHarness(t, optsWithSeed(), &memTransport{}, nil)
		defer h.closeEngine()
		h.connectToken()
		ctx, cancel := context.WithCancel(t.Context())
		defer cancel()
		h.e.Start(ctx)
		synctest.Wait()
		steps := []struct {
			wait time.Duration
			runs int
		}{{0, 1}, {59 * time.Minute, 1}, {2 * time.Minute, 2}}
		for _, s := range steps {
			time.Sleep(s.wait)
			synctest.Wait()
			if got := h.runCount(); got != s.runs {
				t.Fatalf("after %v more: %d runs, want %d", s.wait, got, s.runs)
			}
		}
		if err := h.e.SetFrequency(30 * time.Minute); err != nil {
			t.Fatal(err)
		}
		time.Sleep(28 * time.Minute) // the last run began 61 min in: the next is due at 91
		synctest.Wait()
		if got := h.runCount(); got != 2 {
			t.Fatalf("%d runs 89 minutes in, want 2", got)
		}
		time.Sleep(3 * time.Minute)
		synctest.Wait()
		if got := h.runCount(); got != 3 {
			t.Fatalf("%d runs 92 minutes in, want 3", got)
		}
		cancel()
	})
}

// TestQuotaRecheckOnTheClock: the org is at 90 % of its daily requests and
// its answers carry no usage header (a gateway stripped it). Connect's
// /limits figure stops the first sync before any data call; a source
// paused for quota looks again (one /limits call) every 15 minutes although
// its frequency is a day, and syncs once usage dropped.
func TestQuotaRecheckOnTheClock(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		opts := optsWithSeed()
		opts.DailyAPIMax = 1000
		mt := &memTransport{stripUsage: true}
		h := newMemHarness(t, opts, mt, nil)
		defer h.closeEngine()
		h.sim.SetUsage(900)
		h.connectToken()
		if err := h.e.SetFrequency(24 * time.Hour); err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(t.Context())
		defer cancel()
		before := h.usage()
		h.e.Start(ctx)
		synctest.Wait()
		st := h.e.State()
		if got := h.usage() - before; got != 0 || st.Status != StatusError || !strings.Contains(st.Detail, "above your 80 % threshold") {
			t.Fatalf("first sync at 90 %% without the header: %d calls, %q %q", got, st.Status, st.Detail)
		}
		if n := len(h.notes.all()); n != 1 {
			t.Fatalf("%d notifications, want 1", n)
		}
		before = h.usage()
		time.Sleep(14 * time.Minute)
		synctest.Wait()
		if got := h.usage() - before; got != 0 {
			t.Fatalf("%d calls before the 15-minute recheck", got)
		}
		time.Sleep(2 * time.Minute)
		synctest.Wait()
		if got := h.usage() - before; got != 1 {
			t.Fatalf("the recheck cost %d calls, want 1 (/limits)", got)
		}
		if n := len(h.notes.all()); n != 1 || h.e.State().Status != StatusError {
			t.Fatalf("still over: %d notifications, status %q", n, h.e.State().Status)
		}
		h.sim.SetUsage(100)
		time.Sleep(15 * time.Minute)
		synctest.Wait()
		if st := h.e.State(); st.Status != StatusActive || !st.FirstSyncDone {
			t.Fatalf("after usage dropped: %q %q, first sync done %v", st.Status, st.Detail, st.FirstSyncDone)
		}
		cancel()
		h.assertEqual(nil)
	})
}

// TestJobPollsOnTheClock: a Bulk job is polled first Initial after its
// creation, again Initial after each change of state, and its object is
// read as soon as it completes; the other objects' reads do not wait.
func TestJobPollsOnTheClock(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		mt := &memTransport{}
		h := newMemHarness(t, optsWithSeed(), mt, func(c *Config) {
			bulkReads(c)
			c.Poll.Initial, c.Poll.Max = 40*time.Millisecond, time.Second
		})
		defer h.closeEngine()
		h.connectToken()
		if _, err := h.e.EstimateFirstSync(t.Context()); err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		h.runOK()
		// The simulator moves a job one state per poll: UploadComplete,
		// InProgress, JobComplete. Four jobs polled side by side take two
		// polls' worth of time, not eight.
		if took := time.Since(start); took != 80*time.Millisecond {
			t.Fatalf("first sync took %v on the clock, want 80ms (two polls, the jobs side by side)", took)
		}
		h.assertEqual(nil)
	})
}
