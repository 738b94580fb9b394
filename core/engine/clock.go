package engine

import (
	"context"
	"net/http"
	"sync"
	"time"
)

// serverClock wraps the transport to learn Salesforce's clock from each
// response's Date header. For a response it records the server time at which
// the request may at the earliest have reached the server: Date minus the
// round trip. Date is truncated to the second, which only moves the estimate
// earlier, so a bookmark taken from it never passes a query's snapshot.
// Calls run side by side, so a caller that needs the time of one request
// asks for it with withServerTime.
type serverClock struct {
	base http.RoundTripper
	now  func() time.Time
	mu   sync.Mutex
	last time.Time
}

// serverTime receives the server start time of the requests made under a
// context (the last attempt's, when a call is retried).
type serverTime struct {
	mu sync.Mutex
	t  time.Time
}

func (s *serverTime) get() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.t
}

type serverTimeKey struct{}

// withServerTime returns a context whose requests record their server start
// time in the returned serverTime.
func withServerTime(ctx context.Context) (context.Context, *serverTime) {
	st := &serverTime{}
	return context.WithValue(ctx, serverTimeKey{}, st), st
}

func (c *serverClock) RoundTrip(req *http.Request) (*http.Response, error) {
	sent := c.now()
	resp, err := c.base.RoundTrip(req)
	if err != nil {
		return resp, err
	}
	if d, perr := http.ParseTime(resp.Header.Get("Date")); perr == nil {
		start := d.Add(-c.now().Sub(sent))
		c.mu.Lock()
		c.last = start
		c.mu.Unlock()
		if st, ok := req.Context().Value(serverTimeKey{}).(*serverTime); ok {
			st.mu.Lock()
			st.t = start
			st.mu.Unlock()
		}
	}
	return resp, nil
}

// lastStart is the server time at which the latest answered request was
// sent (zero before any response with a Date header).
func (c *serverClock) lastStart() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.last
}

// wrapClient returns a copy of hc (or a default client) whose transport
// feeds clock.
func wrapClient(hc *http.Client, clock *serverClock) *http.Client {
	var out http.Client
	if hc != nil {
		out = *hc
	}
	clock.base = out.Transport
	if clock.base == nil {
		clock.base = http.DefaultTransport
	}
	out.Transport = clock
	return &out
}
