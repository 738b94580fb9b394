package salesforce

import (
	"context"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// Where a Quota figure was read.
const (
	QuotaFromHeader = "header" // a response's Sforce-Limit-Info
	QuotaFromLimits = "limits" // GET /limits, DailyApiRequests
)

// usage is the client's last known org usage and the calls it made since.
type usage struct {
	mu    sync.Mutex
	q     Quota
	known bool

	gate     sync.Mutex   // a hook's check and the count of calls on their way, as one step
	inFlight atomic.Int64 // counted calls admitted and not yet answered
}

// headerWindow: within it, a header's lower figure than the last one is
// taken for an answer that was overtaken, not for usage that dropped.
const headerWindow = time.Minute

// CallsInFlight is how many counted calls are admitted and not yet
// answered: Salesforce may count them before any figure shows them, so a
// WithBeforeCall hook adds them to Quota's Used. When a hook runs, the
// calls it saw on their way are all the others.
func (c *Client) CallsInFlight() int64 { return c.usage.inFlight.Load() }

// admit runs ctx's hook and counts the call as on its way in one step, so
// calls side by side are checked one at a time, each seeing the others.
func (c *Client) admit(ctx context.Context) error {
	fn, _ := ctx.Value(beforeCallKey{}).(func(context.Context) error)
	if fn == nil {
		c.usage.inFlight.Add(1)
		return nil
	}
	c.usage.gate.Lock()
	defer c.usage.gate.Unlock()
	if err := fn(ctx); err != nil {
		return err
	}
	c.usage.inFlight.Add(1)
	return nil
}

// landing ends an admitted call's time on its way: once its answer's usage
// is noted (h nil: no answer), it stops counting as on its way.
type landing struct {
	c    *Client
	done bool
}

func (l *landing) land(h http.Header) {
	if l.done {
		return
	}
	l.done = true
	if h != nil {
		l.c.usage.noteHeader(h, l.c.now())
	}
	l.c.usage.inFlight.Add(-1)
}

// noteHeader records a counted call's answer: its Sforce-Limit-Info when
// present. Answers of calls side by side arrive out of order, so within
// headerWindow a lower figure does not replace a higher one. Without the
// header the call still counted at Salesforce, so the figure grows by one
// and is marked unconfirmed (the header is not guaranteed: a gateway may
// strip it, Force.com-Toolkit-for-NET#190).
func (u *usage) noteHeader(h http.Header, now time.Time) {
	used, max, ok := ParseLimitInfo(h.Get("Sforce-Limit-Info"))
	u.mu.Lock()
	defer u.mu.Unlock()
	switch {
	case ok && u.known && u.q.Source == QuotaFromHeader && used < u.q.Used && now.Sub(u.q.At) < headerWindow:
	case ok:
		u.q, u.known = Quota{Used: used, Max: max, At: now, Source: QuotaFromHeader}, true
	case u.known:
		u.q.Used++
		u.q.Unconfirmed++
	}
}

// set replaces the figure with one read on purpose (GET /limits).
func (u *usage) set(q Quota) {
	u.mu.Lock()
	defer u.mu.Unlock()
	u.q, u.known = q, true
}

// Quota is the org's usage as last known: from the latest Sforce-Limit-Info
// or /limits answer (or a figure given to SetQuota), plus the calls this
// client made since whose answers lacked the header. ok is false before
// any figure.
func (c *Client) Quota() (q Quota, ok bool) {
	c.usage.mu.Lock()
	defer c.usage.mu.Unlock()
	return c.usage.q, c.usage.known
}

// SetQuota seeds the client with a figure known from before (e.g. saved by
// an earlier process); it is ignored when the client knows a newer one.
func (c *Client) SetQuota(q Quota) {
	if q.Max <= 0 {
		return
	}
	c.usage.mu.Lock()
	defer c.usage.mu.Unlock()
	if !c.usage.known || q.At.After(c.usage.q.At) {
		c.usage.q, c.usage.known = q, true
	}
}

type beforeCallKey struct{}

// WithBeforeCall returns a context under which fn runs before every counted
// request the client sends under it: each attempt, retries and Bulk job
// polls included, from any goroutine. If fn fails, the request is not sent
// and fn's error is returned as is. fn must not make calls under a context
// that carries it (use WithBeforeCall(ctx, nil) to drop it). It replaces
// any hook of a parent context.
func WithBeforeCall(ctx context.Context, fn func(ctx context.Context) error) context.Context {
	return context.WithValue(ctx, beforeCallKey{}, fn)
}
