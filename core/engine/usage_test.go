package engine

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/sfsync/sfsync/core/salesforce"
	"github.com/sfsync/sfsync/core/store"
)

// TestUsageKnownInNewProcess: after connect and a sync, an engine opened
// anew on the same store (as `sfsync status` in a new process) knows the
// org's usage and daily maximum, with when it was read: from the answers'
// header, or from /limits when the answers carry none.
func TestUsageKnownInNewProcess(t *testing.T) {
	for _, strip := range []bool{false, true} {
		name := map[bool]string{false: "header", true: "limits"}[strip]
		t.Run(name, func(t *testing.T) {
			h := newMemHarness(t, optsWithSeed(), &memTransport{stripUsage: strip}, nil)
			h.connectToken()
			h.runOK()
			used, max := h.sim.Usage()
			h.closeEngine()
			h.open()
			q := h.e.State().Quota
			if q.Max != int64(max) || q.At.IsZero() || q.Source != name {
				t.Fatalf("usage in a new engine = %+v; want the org's maximum %d, read from the %s", q, max, name)
			}
			// Without the header the figure is /limits' plus the calls made
			// after it: exact here, as nothing else uses the org.
			if q.Used != int64(used) {
				t.Fatalf("usage in a new engine = %+v; the org has used %d", q, used)
			}
		})
	}
}

// TestGuardCountsCallsWithoutHeader: the org's answers carry no usage
// header and it is at 78.5 % of 1,000 when sfsync connects: the guard
// counts its own calls onto connect's /limits figure and stops the first
// sync at the 80 % threshold, with the figures it knows.
func TestGuardCountsCallsWithoutHeader(t *testing.T) {
	opts := optsWithSeed()
	opts.DailyAPIMax = 1000
	h := newMemHarness(t, opts, &memTransport{stripUsage: true}, bulkReads)
	if err := h.e.SetMaxRecords(100); err != nil {
		t.Fatal(err)
	}
	h.sim.SetUsage(785)
	h.connectToken()
	if _, err := h.e.EstimateFirstSync(context.Background()); err != nil {
		t.Fatal(err)
	}
	run, err := h.e.RunOnce(context.Background())
	var qe *quotaError
	if !errors.As(err, &qe) || qe.kind != quotaThreshold || run.Result != resultStopped {
		t.Fatalf("run %+v, err %v; want stopped at the threshold", run, err)
	}
	if used := h.usage(); used > 800 {
		t.Fatalf("the run went on to %d calls, past the 800 threshold", used)
	}
	if d := h.e.State().Detail; !strings.Contains(d, "of 1,000 daily API requests") {
		t.Fatalf("detail %q", d)
	}
}

// TestConcurrentLimitIsNotTheQuota: a 403 REQUEST_LIMIT_EXCEEDED for the
// concurrent-request limit, with the header at 40 of 15,000, is retried
// within the run: no pause, no notification, no "used all" text.
func TestConcurrentLimitIsNotTheQuota(t *testing.T) {
	for _, msg := range []string{"ConcurrentRequests (Concurrent API Requests) Limit exceeded.", "ConcurrentPerOrgLongTxn Limit exceeded."} {
		t.Run(strings.Fields(msg)[0], func(t *testing.T) {
			mt := &memTransport{}
			h := newMemHarness(t, optsWithSeed(), mt, nil)
			h.connectToken()
			h.sim.SetUsage(40)
			mt.refuse(msg, 2) // the first sync's composite and its first retry
			run := h.runOK()
			if run.APICalls != 3 {
				t.Fatalf("first sync made %d calls, want 3 (two refused, one through)", run.APICalls)
			}
			st := h.e.State()
			if st.Status != StatusActive || strings.Contains(st.LastError, "used all") || len(h.notes.all()) != 0 {
				t.Fatalf("after a concurrency limit: %q %q, last error %q, notifications %v", st.Status, st.Detail, st.LastError, h.notes.all())
			}
			h.assertEqual(nil)

			// When it outlasts the retries, the run fails for that object
			// with a sentence that names the concurrency limit, still
			// without pausing or notifying.
			mt.refuse(msg, 100)
			_, err := h.e.RunOnce(context.Background())
			mt.refuse("", 0)
			if !errors.Is(err, salesforce.ErrConcurrentLimit) || errors.Is(err, salesforce.ErrRequestLimitExceeded) {
				t.Fatalf("err %v", err)
			}
			st = h.e.State()
			if strings.Contains(st.Detail, "used all") || !strings.Contains(st.Detail, "concurrent-request limit") || len(h.notes.all()) != 0 {
				t.Fatalf("detail %q, notifications %v", st.Detail, h.notes.all())
			}
			h.runOK()
		})
	}
}

// TestDailyLimitWithoutFigures: Salesforce's daily REQUEST_LIMIT_EXCEEDED
// answered without any usage header, before any figure was known: the
// pause sentence names no number it does not know ("used all 0").
func TestDailyLimitWithoutFigures(t *testing.T) {
	mt := &memTransport{}
	h := newMemHarness(t, optsWithSeed(), mt, nil)
	h.connectToken()
	// A store an older sfsync wrote (no usage saved), opened by a new
	// process: it knows no figure, and no answer will bring one.
	if _, err := h.st.UpdateSettings(func(s *store.SourceSettings) { s.Usage = nil }); err != nil {
		t.Fatal(err)
	}
	h.closeEngine()
	h.open()
	mt.setStripUsage(true)
	mt.refuse("TotalRequests Limit exceeded.", 100)
	_, err := h.e.RunOnce(context.Background())
	if !errors.Is(err, salesforce.ErrRequestLimitExceeded) {
		t.Fatalf("err %v", err)
	}
	d := h.e.State().Detail
	if strings.Contains(d, " 0 ") || !strings.Contains(d, "used all of its daily API requests") {
		t.Fatalf("detail %q", d)
	}
}
