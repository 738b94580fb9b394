package engine

import (
	"context"
	"fmt"

	"github.com/sfsync/sfsync/core/format"
	"github.com/sfsync/sfsync/core/salesforce"
)

// quotaKind says which guard stopped a run.
type quotaKind int

const (
	quotaThreshold quotaKind = iota + 1 // org usage at or above the threshold
	quotaRunCap                         // this run used its share
	quotaExhausted                      // Salesforce answered REQUEST_LIMIT_EXCEEDED
)

// quotaError stops a run before it spends more of the org's API requests.
// Its message is the sentence shown in State.Detail.
type quotaError struct {
	kind           quotaKind
	used, max      int64
	threshold, cap float64 // percent
	runCalls       int64
	detail         string // restored from the store, when the figures are gone
}

func (q *quotaError) Error() string {
	if q.detail != "" {
		return q.detail
	}
	switch q.kind {
	case quotaRunCap:
		return fmt.Sprintf("Syncing paused: this sync used %s API requests, its cap of %s of the org's %s daily requests. "+
			"It continues where it stopped at the next sync; raise the per-run cap in Settings to sync more at once.",
			format.Thousands(q.runCalls), format.Percent(q.cap), format.Thousands(q.max))
	case quotaExhausted:
		return fmt.Sprintf("Syncing paused: Salesforce refused a request because the org has used all %s of its daily API requests (REQUEST_LIMIT_EXCEEDED). "+
			"It resumes by itself when usage drops.", format.Thousands(q.max))
	}
	return fmt.Sprintf("Syncing paused: the org has used %s of %s daily API requests (%s), above your %s threshold. "+
		"It resumes by itself when usage drops; raise the threshold in Settings to sync now.",
		format.Thousands(q.used), format.Thousands(q.max), format.Percent(100*float64(q.used)/float64(max(q.max, 1))), format.Percent(q.threshold))
}

// pausesSource: threshold and exhaustion pause the source until usage
// drops; the run cap only ends this run.
func (q *quotaError) pausesSource() bool { return q.kind != quotaRunCap }

// overThreshold reports whether usage is at or above pct % of the maximum.
func overThreshold(used, max int64, pct float64) bool {
	return max > 0 && float64(used)*100 >= pct*float64(max)
}

// quotaGuard checks the usage the client tracks (no API call) and this
// run's calls against the threshold and the per-run cap.
type quotaGuard struct {
	client         *salesforce.Client
	counter        *salesforce.CallCounter
	threshold, cap float64
}

func (g *quotaGuard) check() error {
	q, ok := g.client.Quota()
	if !ok || q.Max <= 0 {
		return nil
	}
	if overThreshold(q.Used, q.Max, g.threshold) {
		return &quotaError{kind: quotaThreshold, used: q.Used, max: q.Max, threshold: g.threshold}
	}
	if calls := g.counter.Calls(); overThreshold(calls, q.Max, g.cap) {
		return &quotaError{kind: quotaRunCap, used: q.Used, max: q.Max, cap: g.cap, runCalls: calls}
	}
	return nil
}

// precheck runs before a run. Usually it costs nothing: the usage last
// seen in a Sforce-Limit-Info header decides. When the source is paused for
// quota (paused=true) that figure is stale by design, so it spends one
// /limits call to learn whether usage dropped.
func (g *quotaGuard) precheck(ctx context.Context, paused bool) error {
	if !paused {
		if q, ok := g.client.Quota(); ok && overThreshold(q.Used, q.Max, g.threshold) {
			return &quotaError{kind: quotaThreshold, used: q.Used, max: q.Max, threshold: g.threshold}
		}
		return nil
	}
	lim, err := g.client.Limits(ctx)
	if err != nil {
		return err
	}
	d := lim.DailyAPIRequests()
	if overThreshold(d.Used(), d.Max, g.threshold) {
		return &quotaError{kind: quotaThreshold, used: d.Used(), max: d.Max, threshold: g.threshold}
	}
	return nil
}
