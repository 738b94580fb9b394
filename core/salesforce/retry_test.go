package salesforce

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// stubClient is a client against a handler, with backoff sleeps recorded
// instead of waited.
func stubClient(t *testing.T, h http.HandlerFunc) (*Client, *[]time.Duration) {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	var sleeps []time.Duration
	c, err := NewClient(Config{
		Token: Token{AccessToken: "stub-access-token", InstanceURL: srv.URL},
		Retry: RetryPolicy{Attempts: 4, Base: 10 * time.Millisecond, Max: 40 * time.Millisecond,
			Sleep: func(_ context.Context, d time.Duration) error { sleeps = append(sleeps, d); return nil }},
	})
	if err != nil {
		t.Fatal(err)
	}
	return c, &sleeps
}

func TestRetryPolicy(t *testing.T) {
	cases := []struct {
		name      string
		failures  []int // statuses answered before a 200
		code      string
		wantCalls int64
		wantErr   error
	}{
		{"500 then ok", []int{500}, "UNKNOWN_EXCEPTION", 2, nil},
		{"503 502 429 then ok", []int{503, 502, 429}, "SERVER_UNAVAILABLE", 4, nil},
		{"exhausted", []int{500, 500, 500, 500, 500}, "UNKNOWN_EXCEPTION", 4, &APIError{Code: "UNKNOWN_EXCEPTION"}},
		{"quota never retried", []int{403}, CodeRequestLimitExceeded, 1, ErrRequestLimitExceeded},
		{"invalid field never retried", []int{400}, CodeInvalidField, 1, ErrInvalidField},
		{"malformed query never retried", []int{400}, CodeMalformedQuery, 1, ErrMalformedQuery},
		{"404 never retried", []int{404}, CodeNotFound, 1, ErrNotFound},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var n atomic.Int32
			client, sleeps := stubClient(t, func(w http.ResponseWriter, r *http.Request) {
				i := int(n.Add(1)) - 1
				w.Header().Set("Sforce-Limit-Info", "api-usage="+itoa(100+i)+"/15000")
				if i < len(c.failures) {
					w.WriteHeader(c.failures[i])
					_, _ = w.Write([]byte(`[{"message":"m","errorCode":"` + c.code + `"}]`))
					return
				}
				_, _ = w.Write([]byte(`{"DailyApiRequests":{"Max":15000,"Remaining":14000}}`))
			})
			var counter CallCounter
			lim, err := client.Limits(WithCallCounter(context.Background(), &counter))
			if c.wantErr == nil && (err != nil || lim.DailyAPIRequests().Remaining != 14000) {
				t.Fatalf("err %v, limits %v", err, lim)
			}
			if c.wantErr != nil && !errors.Is(err, c.wantErr) {
				t.Fatalf("err %v, want %v", err, c.wantErr)
			}
			if counter.Calls() != c.wantCalls || counter.Retries() != c.wantCalls-1 {
				t.Errorf("calls %d retries %d, want %d", counter.Calls(), counter.Retries(), c.wantCalls)
			}
			if client.TotalCalls().Calls() != c.wantCalls {
				t.Errorf("client total %d", client.TotalCalls().Calls())
			}
			if len(*sleeps) != int(c.wantCalls-1) {
				t.Errorf("slept %d times", len(*sleeps))
			}
			for i, d := range *sleeps {
				hi := min(10*time.Millisecond<<i, 40*time.Millisecond)
				if d < hi/2 || d > hi {
					t.Errorf("backoff %d = %v, want in [%v, %v]", i+1, d, hi/2, hi)
				}
			}
			q, ok := client.Quota()
			if !ok || q.Used != int64(100+c.wantCalls-1) || q.Max != 15000 {
				t.Errorf("quota %+v %v", q, ok)
			}
		})
	}
}

// A body cut short of its Content-Length is retried as a whole.
func TestRetryTruncatedBody(t *testing.T) {
	var n atomic.Int32
	client, _ := stubClient(t, func(w http.ResponseWriter, r *http.Request) {
		body := `{"sobjects":[{"name":"Account","queryable":true}]}`
		if n.Add(1) == 1 {
			w.Header().Set("Content-Length", itoa(len(body)))
			_, _ = w.Write([]byte(body[:10]))
			return // the server closes: unexpected EOF for the client
		}
		_, _ = w.Write([]byte(body))
	})
	objs, err := client.DescribeGlobal(context.Background())
	if err != nil || len(objs) != 1 || objs[0].Name != "Account" {
		t.Fatalf("objs %v err %v", objs, err)
	}
	if n.Load() != 2 {
		t.Errorf("%d requests, want 2", n.Load())
	}
}

// A 401 without a way to refresh is returned as INVALID_SESSION_ID that
// needs reauthorization, and the error text never contains the token.
func TestNoRefreshWithoutOAuth(t *testing.T) {
	client, _ := stubClient(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer stub-access-token" {
			t.Errorf("authorization header %q", r.Header.Get("Authorization"))
		}
		w.WriteHeader(401)
		_, _ = w.Write([]byte(`[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]`))
	})
	_, err := client.Describe(context.Background(), "Account")
	if !errors.Is(err, ErrInvalidSession) || !errors.Is(err, ErrReauthorize) {
		t.Fatalf("err %v", err)
	}
	if strings.Contains(err.Error(), "stub-access-token") {
		t.Fatalf("token in error: %v", err)
	}
	if !strings.HasPrefix(err.Error(), "describe Account: ") {
		t.Errorf("no context in %q", err)
	}
}

func itoa(i int) string { return strconv.Itoa(i) }
