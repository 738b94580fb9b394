package engine

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/sfsync/sfsync/core/format"
	"github.com/sfsync/sfsync/core/salesforce"
	"github.com/sfsync/sfsync/core/store"
)

// quotaMaxAge is how old a usage figure may be before the guard reads
// /limits rather than trust it, when no answer's header refreshed it (or it
// would stop the run): one call per five minutes at most.
const quotaMaxAge = 5 * time.Minute

// quotaKind says which guard stopped a run.
type quotaKind int

const (
	quotaThreshold quotaKind = iota + 1 // org usage at or above the threshold
	quotaRunCap                         // this run used its share
	quotaExhausted                      // Salesforce answered REQUEST_LIMIT_EXCEEDED for the daily total
)

// quotaError stops a run before it spends more of the org's API requests.
// Its message is the sentence shown in State.Detail; every figure in it is
// one Salesforce reported.
type quotaError struct {
	kind           quotaKind
	used, max      int64 // max 0: not known
	threshold, cap float64
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
		all := "all of its daily API requests"
		if q.max > 0 {
			all = "all " + format.Thousands(q.max) + " of its daily API requests"
		}
		return "Syncing paused: Salesforce refused a request because the org has used " + all +
			" (REQUEST_LIMIT_EXCEEDED). It resumes by itself when usage drops."
	}
	return fmt.Sprintf("Syncing paused: the org has used %s of %s daily API requests (%s), above your %s threshold. "+
		"It resumes by itself when usage drops; raise the threshold in Settings to sync now.",
		format.Thousands(q.used), format.Thousands(q.max), format.Percent(100*float64(q.used)/float64(max(q.max, 1))), format.Percent(q.threshold))
}

// pausesSource: threshold and exhaustion pause the source until usage
// drops; the run cap only ends this run.
func (q *quotaError) pausesSource() bool { return q.kind != quotaRunCap }

// overThreshold reports whether used is at or above pct % of max.
func overThreshold(used, max int64, pct float64) bool {
	return max > 0 && float64(used)*100 >= pct*float64(max)
}

// quotaGuard sees every call of a run before it is sent (before, the
// client's salesforce.WithBeforeCall hook: polls, retries and page reads
// included) and refuses it when the org's usage is at the threshold or the
// run has used its cap. Usage is what the client last learned: each
// answer's Sforce-Limit-Info, else GET /limits, read when the figure is
// older than quotaMaxAge and no header confirmed it since, or before
// stopping on an old figure. It is safe for concurrent use.
type quotaGuard struct {
	client         *salesforce.Client
	now            func() time.Time
	log            *slog.Logger
	threshold, cap float64

	mu          sync.Mutex
	calls       int64     // calls let through in this run, /limits included
	limitsError time.Time // when /limits last failed (no View Setup, or down)
}

func newQuotaGuard(e *Engine, sess *session, set store.SourceSettings) *quotaGuard {
	return &quotaGuard{client: sess.client, now: e.now, log: e.log,
		threshold: float64(set.QuotaThreshold), cap: float64(set.RunCap)}
}

// before runs before each call of the run.
func (g *quotaGuard) before(ctx context.Context) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.needsLimits() {
		if err := g.readLimits(ctx, false); err != nil {
			return err
		}
	}
	if err := g.overThreshold(); err != nil {
		return err
	}
	if err := g.overCap(); err != nil {
		return err
	}
	g.calls++
	return nil
}

// precheck runs before a run: it stops one that would start over the
// threshold. When the source is paused for quota (paused) the figure is
// stale by design, so it spends one /limits call to learn whether usage
// dropped; otherwise it costs nothing unless the figure is old and
// unconfirmed.
func (g *quotaGuard) precheck(ctx context.Context, paused bool) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if paused || g.needsLimits() {
		if err := g.readLimits(ctx, paused); err != nil {
			return err
		}
	}
	return g.overThreshold()
}

// needsLimits: no figure at all, or an old one that no header confirmed
// (or that would stop the run), and /limits did not just fail.
func (g *quotaGuard) needsLimits() bool {
	now := g.now()
	if !g.limitsError.IsZero() && now.Sub(g.limitsError) < quotaMaxAge {
		return false
	}
	q, ok := g.client.Quota()
	if !ok {
		return true
	}
	if now.Sub(q.At) <= quotaMaxAge {
		return false
	}
	return q.Source != salesforce.QuotaFromHeader || q.Unconfirmed > 0 || overThreshold(q.Used, q.Max, g.threshold)
}

// readLimits spends one call on /limits (the cap permitting). Unless
// strict, a failure other than quota or sign-in leaves the guard with the
// figure it had: the run's answers may still carry the header.
func (g *quotaGuard) readLimits(ctx context.Context, strict bool) error {
	if err := g.overCap(); err != nil {
		return err
	}
	g.calls++
	_, err := g.client.Limits(salesforce.WithBeforeCall(ctx, nil))
	switch {
	case err == nil:
		g.limitsError = time.Time{}
		return nil
	case strict || ctx.Err() != nil || errors.Is(err, salesforce.ErrReauthorize) || errors.Is(err, salesforce.ErrRequestLimitExceeded):
		return err
	}
	g.limitsError = g.now()
	g.log.Info("API usage unavailable from /limits; going on with the last figure", "err", err)
	return nil
}

// overThreshold refuses when the known usage, with the calls on their way
// (the run's calls go side by side), is at the threshold; without a figure
// nothing is refused. The message gives the figure Salesforce reported.
func (g *quotaGuard) overThreshold() error {
	q, ok := g.client.Quota()
	if ok && overThreshold(q.Used+g.client.CallsInFlight(), q.Max, g.threshold) {
		return &quotaError{kind: quotaThreshold, used: q.Used, max: q.Max, threshold: g.threshold}
	}
	return nil
}

// overCap refuses when this run's calls reached its cap.
func (g *quotaGuard) overCap() error {
	if q, ok := g.client.Quota(); ok && overThreshold(g.calls, q.Max, g.cap) {
		return &quotaError{kind: quotaRunCap, used: q.Used, max: q.Max, cap: g.cap, runCalls: g.calls}
	}
	return nil
}

// quotaOf and usageOf convert between the client's figure and the stored one.
func quotaOf(u store.Usage) salesforce.Quota {
	return salesforce.Quota{Used: u.Used, Max: u.Max, At: u.At, Source: u.Source, Unconfirmed: u.Unconfirmed}
}

func usageOf(q salesforce.Quota) *store.Usage {
	return &store.Usage{Used: q.Used, Max: q.Max, At: q.At, Source: q.Source, Unconfirmed: q.Unconfirmed}
}
