package salesforce

import (
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"syscall"
	"time"
)

// RetryPolicy is the jittered exponential backoff for transient failures:
// 5xx, 429, connection resets, truncated bodies, timeouts and the
// concurrency variants of REQUEST_LIMIT_EXCEEDED. A Retry-After header is
// honoured: the wait is at least what it asks, and a call whose
// Retry-After exceeds MaxRetryAfter is not retried. The daily
// REQUEST_LIMIT_EXCEEDED and query/field errors are never retried.
type RetryPolicy struct {
	Attempts int           // total attempts per call, first included (default 5)
	Base     time.Duration // first backoff (default 250ms), doubled per retry
	Max      time.Duration // cap on one backoff (default 15s)
	// ConcurrentBase is the first backoff after a concurrency
	// REQUEST_LIMIT_EXCEEDED (default 1s, doubled per retry, capped by
	// Max): those limits clear only when other long requests of the org end.
	ConcurrentBase time.Duration
	// MaxRetryAfter is the longest Retry-After the client waits out
	// (default 2 min); a longer one ends the call with its error.
	MaxRetryAfter time.Duration
	// Sleep waits d or until ctx ends; tests replace it. Default: a timer.
	Sleep func(ctx context.Context, d time.Duration) error
}

func (p RetryPolicy) withDefaults() RetryPolicy {
	if p.Attempts <= 0 {
		p.Attempts = 5
	}
	if p.Base <= 0 {
		p.Base = 250 * time.Millisecond
	}
	if p.Max <= 0 {
		p.Max = 15 * time.Second
	}
	if p.ConcurrentBase <= 0 {
		p.ConcurrentBase = time.Second
	}
	if p.MaxRetryAfter <= 0 {
		p.MaxRetryAfter = 2 * time.Minute
	}
	if p.Sleep == nil {
		p.Sleep = sleepCtx
	}
	return p
}

// backoff is the wait before retry n (n = 1 for the first retry): full
// exponential with "equal jitter", so concurrent clients spread out but
// never retry immediately.
func (p RetryPolicy) backoff(n int) time.Duration { return p.backoffFrom(p.Base, n) }

func (p RetryPolicy) backoffFrom(base time.Duration, n int) time.Duration {
	d := base
	for i := 1; i < n && d < p.Max; i++ {
		d *= 2
	}
	if d > p.Max {
		d = p.Max
	}
	half := d / 2
	return half + time.Duration(rand.Int64N(int64(half)+1))
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// apiWait says whether an error answer is transient and how long to wait
// before retry n: the backoff (longer for a concurrency limit), at least
// the answer's Retry-After. 420 is Salesforce Edge routing; 429 is
// throttling; HTML 502/503 pages during maintenance have no error code
// (forcedotcom/cli#2487) and are retried by status.
func (p RetryPolicy) apiWait(ae *APIError, n int) (time.Duration, bool) {
	d := p.backoff(n)
	switch {
	case ae.ConcurrentLimit():
		d = max(d, p.backoffFrom(min(p.ConcurrentBase, p.Max), n))
	case ae.Code == CodeRequestLimitExceeded:
		return 0, false
	case ae.Status >= 500, ae.Status == http.StatusTooManyRequests, ae.Status == 420:
	default:
		return 0, false
	}
	if ae.RetryAfter > p.MaxRetryAfter {
		return 0, false
	}
	return max(d, ae.RetryAfter), true
}

// retryableErr reports whether a transport or body-read error is transient.
// The caller's own cancellation is never retried.
func retryableErr(ctx context.Context, err error) bool {
	if err == nil || ctx.Err() != nil {
		return false
	}
	var ne net.Error
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF),
		errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.ECONNREFUSED),
		errors.Is(err, syscall.EPIPE), errors.Is(err, context.DeadlineExceeded),
		errors.Is(err, errTruncated):
		return true
	case errors.As(err, &ne) && ne.Timeout():
		return true
	}
	var oe *net.OpError
	return errors.As(err, &oe)
}

// errTruncated marks a body shorter than its declared Content-Length or a
// results page cut off inside a quoted value.
var errTruncated = errors.New("response body truncated")
