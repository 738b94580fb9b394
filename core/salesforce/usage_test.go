package salesforce

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// realLimitsBody is the shape GET /limits answers in real orgs: per-app
// sub-limits nested in DailyApiRequests and a few other entries (REST API
// Developer Guide, "List Organization Limits").
const realLimitsBody = `{
 "ConcurrentAsyncGetReportInstances":{"Max":200,"Remaining":200},
 "DailyApiRequests":{"Max":15000,"Remaining":13050,
   "Ant Migration Tool":{"Max":0,"Remaining":0},
   "Chatter Desktop":{"Max":0,"Remaining":0},
   "Salesforce CLI":{"Max":0,"Remaining":0},
   "sfsync":{"Max":5000,"Remaining":4990}},
 "DailyBulkV2QueryJobs":{"Max":10000,"Remaining":9998},
 "PermissionSets":{"Max":1500,"Remaining":1499,"CreateCustom":{"Max":1000,"Remaining":999}}}`

// TestLimitsRealBodyBecomesUsage: the real /limits body (per-app
// sub-limits) is read without error, its sub-limits are kept, and its
// DailyApiRequests becomes the client's usage figure when no header says
// otherwise.
func TestLimitsRealBodyBecomesUsage(t *testing.T) {
	client, _ := stubClient(t, func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(realLimitsBody)) // no Sforce-Limit-Info: a gateway stripped it
	})
	lim, err := client.Limits(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	d := lim.DailyAPIRequests()
	if d.Max != 15000 || d.Used() != 1950 || d.Apps["sfsync"].Used() != 10 || len(d.Apps) != 4 {
		t.Fatalf("DailyApiRequests = %+v", d)
	}
	if got := lim["PermissionSets"].Apps["CreateCustom"]; got.Max != 1000 {
		t.Errorf("nested entry = %+v", got)
	}
	q, ok := client.Quota()
	if !ok || q.Used != 1950 || q.Max != 15000 || q.Source != QuotaFromLimits || q.At.IsZero() {
		t.Fatalf("quota after /limits = %+v, %v", q, ok)
	}
}

// TestUsageWithoutHeader: calls answered without Sforce-Limit-Info still
// count: the last figure grows by one per call and says so.
func TestUsageWithoutHeader(t *testing.T) {
	var n atomic.Int32
	client, _ := stubClient(t, func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			w.Header().Set("Sforce-Limit-Info", "api-usage=100/1000")
		}
		_, _ = w.Write([]byte(`{"sobjects":[]}`))
	})
	for range 3 {
		if _, err := client.DescribeGlobal(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	q, ok := client.Quota()
	if !ok || q.Used != 102 || q.Max != 1000 || q.Unconfirmed != 2 || q.Source != QuotaFromHeader {
		t.Fatalf("quota = %+v, %v; want 102/1000 with 2 unconfirmed", q, ok)
	}
	// A saved older figure does not replace a newer one; a newer one does.
	client.SetQuota(Quota{Used: 5, Max: 1000, At: q.At.Add(-time.Hour)})
	if got, _ := client.Quota(); got.Used != 102 {
		t.Errorf("an older figure replaced the newer one: %+v", got)
	}
	client.SetQuota(Quota{Used: 7, Max: 1000, At: q.At.Add(time.Hour)})
	if got, _ := client.Quota(); got.Used != 7 {
		t.Errorf("a newer figure was ignored: %+v", got)
	}
}

// TestBeforeCallSeesEveryAttempt: the hook runs before each attempt of a
// counted call (retries included) and its refusal keeps the request
// unsent.
func TestBeforeCallSeesEveryAttempt(t *testing.T) {
	var served atomic.Int32
	client, _ := stubClient(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/services/data/" {
			_, _ = w.Write([]byte(`[]`))
			return
		}
		if served.Add(1) == 1 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		_, _ = w.Write([]byte(`{"sobjects":[]}`))
	})
	var hooks int
	ctx := WithBeforeCall(context.Background(), func(context.Context) error { hooks++; return nil })
	if _, err := client.DescribeGlobal(ctx); err != nil {
		t.Fatal(err)
	}
	if hooks != 2 || served.Load() != 2 {
		t.Fatalf("hook ran %d times for %d requests, want 2 and 2", hooks, served.Load())
	}
	stop := errors.New("over the cap")
	ctx = WithBeforeCall(context.Background(), func(context.Context) error { return stop })
	if _, err := client.DescribeGlobal(ctx); !errors.Is(err, stop) {
		t.Fatalf("err %v, want the hook's", err)
	}
	if served.Load() != 2 {
		t.Fatalf("a refused call reached the server (%d requests)", served.Load())
	}
	if _, err := client.Versions(ctx); err != nil {
		t.Fatalf("an uncounted call went through the hook: %v", err)
	}
}

// TestRequestLimitKinds: the daily REQUEST_LIMIT_EXCEEDED is returned at
// once; the concurrency variants are retried after a backoff of at least
// half the concurrency base (the backoff is jittered); Retry-After is waited out, and one longer than
// MaxRetryAfter ends the call.
func TestRequestLimitKinds(t *testing.T) {
	cases := []struct {
		name, message, retryAfter string
		wantCalls                 int
		wantErr                   error
		minSleep                  time.Duration
	}{
		{"daily", "TotalRequests Limit exceeded.", "", 1, ErrRequestLimitExceeded, 0},
		{"concurrent", "ConcurrentRequests (Concurrent API Requests) Limit exceeded.", "", 2, nil, 100 * time.Millisecond},
		{"long transactions", "ConcurrentPerOrgLongTxn Limit exceeded.", "", 2, nil, 100 * time.Millisecond},
		{"retry-after honoured", "ConcurrentPerOrgLongTxn Limit exceeded.", "3", 2, nil, 3 * time.Second},
		{"retry-after too long", "ConcurrentPerOrgLongTxn Limit exceeded.", "3600", 1, ErrConcurrentLimit, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var n atomic.Int32
			client, sleeps := stubClient(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Sforce-Limit-Info", "api-usage=40/15000")
				if n.Add(1) == 1 {
					if c.retryAfter != "" {
						w.Header().Set("Retry-After", c.retryAfter)
					}
					w.WriteHeader(http.StatusForbidden)
					_, _ = fmt.Fprintf(w, `[{"message":%q,"errorCode":"REQUEST_LIMIT_EXCEEDED"}]`, c.message)
					return
				}
				_, _ = w.Write([]byte(`{"sobjects":[]}`))
			})
			client.retry.ConcurrentBase, client.retry.Max = 200*time.Millisecond, time.Second
			_, err := client.DescribeGlobal(context.Background())
			if c.wantErr == nil && err != nil || c.wantErr != nil && !errors.Is(err, c.wantErr) {
				t.Fatalf("err %v, want %v", err, c.wantErr)
			}
			if errors.Is(err, ErrConcurrentLimit) && errors.Is(err, ErrRequestLimitExceeded) {
				t.Fatal("a concurrency limit matched the daily one")
			}
			if int(n.Load()) != c.wantCalls {
				t.Fatalf("%d requests, want %d", n.Load(), c.wantCalls)
			}
			if len(*sleeps) > 0 && (*sleeps)[0] < c.minSleep {
				t.Fatalf("waited %v before retrying, want at least %v", (*sleeps)[0], c.minSleep)
			}
		})
	}
}

// TestHTMLErrorPageRetried: a 503 maintenance page in HTML (no JSON
// error array, forcedotcom/cli#2487) is retried and never shows its markup.
func TestHTMLErrorPageRetried(t *testing.T) {
	var n atomic.Int32
	client, sleeps := stubClient(t, func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) <= 4 {
			w.Header().Set("Content-Type", "text/html")
			w.Header().Set("Retry-After", "0")
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = w.Write([]byte("<html><body><h1>Down for maintenance</h1></body></html>"))
			return
		}
		_, _ = w.Write([]byte(`{"sobjects":[]}`))
	})
	_, err := client.DescribeGlobal(context.Background())
	if err == nil || strings.Contains(err.Error(), "<") || !strings.Contains(err.Error(), "503") {
		t.Fatalf("err %v after 4 maintenance pages", err)
	}
	if len(*sleeps) != 3 {
		t.Fatalf("%d retries, want 3", len(*sleeps))
	}
}

func TestPollPolicyFollowsJobState(t *testing.T) {
	p := PollPolicy{}.withDefaults()
	d := p.Next(0, true)
	if d != p.Initial {
		t.Fatalf("first wait %v, want %v", d, p.Initial)
	}
	for range 20 {
		d = p.Next(d, false)
	}
	if d != p.Max {
		t.Fatalf("wait after 20 unchanged polls %v, want the cap %v", d, p.Max)
	}
	if got := p.Next(d, true); got != p.Initial {
		t.Fatalf("wait after a state change %v, want %v", got, p.Initial)
	}
}
