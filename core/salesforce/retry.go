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
// 5xx, 429, connection resets, truncated bodies and timeouts. Quota
// exhaustion and query/field errors are never retried.
type RetryPolicy struct {
	Attempts int           // total attempts per call, first included (default 5)
	Base     time.Duration // first backoff (default 250ms), doubled per retry
	Max      time.Duration // cap on one backoff (default 15s)
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
	if p.Sleep == nil {
		p.Sleep = sleepCtx
	}
	return p
}

// backoff is the wait before retry n (n = 1 for the first retry): full
// exponential with "equal jitter", so concurrent clients spread out but
// never retry immediately.
func (p RetryPolicy) backoff(n int) time.Duration {
	d := p.Base
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

// retryableStatus reports whether an HTTP error answer is transient.
// 420 is Salesforce Edge routing; 406/429 are throttling answers.
func retryableStatus(status int, code string) bool {
	if code == CodeRequestLimitExceeded {
		return false
	}
	switch {
	case status >= 500, status == http.StatusTooManyRequests, status == 420:
		return true
	}
	return false
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
