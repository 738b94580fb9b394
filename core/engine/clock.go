package engine

import (
	"net/http"
	"sync"
	"time"
)

// serverClock wraps the transport to learn Salesforce's clock from each
// response's Date header. For a response it records the server time at which
// the request may at the earliest have reached the server: Date minus the
// round trip. Date is truncated to the second, which only moves the estimate
// earlier, so a bookmark taken from it never passes a query's snapshot.
type serverClock struct {
	base http.RoundTripper
	mu   sync.Mutex
	last time.Time
}

func (c *serverClock) RoundTrip(req *http.Request) (*http.Response, error) {
	sent := time.Now()
	resp, err := c.base.RoundTrip(req)
	if err != nil {
		return resp, err
	}
	if d, perr := http.ParseTime(resp.Header.Get("Date")); perr == nil {
		c.mu.Lock()
		c.last = d.Add(-time.Since(sent))
		c.mu.Unlock()
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
