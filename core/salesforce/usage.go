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
	mu       sync.Mutex
	q        Quota
	known    bool
	inFlight atomic.Int64 // counted requests sent and not yet answered
}

// CallsInFlight is how many counted requests are on their way and not yet
// answered: Salesforce may count them before any figure shows them, so a
// guard adds them to Quota's Used.
func (c *Client) CallsInFlight() int64 { return c.usage.inFlight.Load() }

// noteHeader records a counted call's answer: its Sforce-Limit-Info when
// present; otherwise the call still counted at Salesforce, so the figure
// grows by one and is marked unconfirmed (the header is not guaranteed:
// a gateway may strip it, Force.com-Toolkit-for-NET#190).
func (u *usage) noteHeader(h http.Header, now time.Time) {
	used, max, ok := ParseLimitInfo(h.Get("Sforce-Limit-Info"))
	u.mu.Lock()
	defer u.mu.Unlock()
	switch {
	case ok:
		u.q, u.known = Quota{Used: used, Max: max, At: now, Source: QuotaFromHeader}, true
	case u.known:
		u.q.Used++
		u.q.Unconfirmed++
	}
}

// noteLimits records DailyApiRequests from GET /limits sent at sent,
// unless a response header newer than that already told.
func (u *usage) noteLimits(l Limit, sent, now time.Time) {
	if l.Max <= 0 {
		return
	}
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.known && u.q.Source == QuotaFromHeader && !u.q.At.Before(sent) {
		return
	}
	u.q, u.known = Quota{Used: l.Used(), Max: l.Max, At: now, Source: QuotaFromLimits}, true
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

func beforeCall(ctx context.Context) error {
	if fn, _ := ctx.Value(beforeCallKey{}).(func(context.Context) error); fn != nil {
		return fn(ctx)
	}
	return nil
}
