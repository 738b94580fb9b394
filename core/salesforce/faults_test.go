package salesforce

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/sfsync/sfsync/core/sfsim"
)

// Every simulator fault kind ends either in a retried success with nothing
// lost, or in a clean typed error; no error text ever carries a token.
func TestFaultsRetriedOrTyped(t *testing.T) {
	type op func(c *Client, e *simEnv, ctx context.Context) error
	bulkRead := func(c *Client, e *simEnv, ctx context.Context) error {
		col := newCollector(e.t, e.sim.Org(), "Account", true)
		if err := c.BulkQuery(ctx, bulkSOQL, true, col.page); err != nil {
			return err
		}
		col.check()
		return nil
	}
	restRead := func(c *Client, e *simEnv, ctx context.Context) error {
		n := 0
		err := c.QueryPages(ctx, "SELECT Id FROM Contact", true, func(r *QueryResult) error { n += len(r.Records); return nil })
		if err == nil && n != e.sim.Org().Count("Contact", true) {
			e.t.Errorf("%d contacts, want %d", n, e.sim.Org().Count("Contact", true))
		}
		return err
	}
	limits := func(c *Client, e *simEnv, ctx context.Context) error { _, err := c.Limits(ctx); return err }
	describe := func(c *Client, e *simEnv, ctx context.Context) error {
		_, err := c.Describe(ctx, "Contact")
		return err
	}

	cases := []struct {
		name    string
		fault   sfsim.Fault
		before  func(e *simEnv)
		run     op
		want    error // nil: success
		retries int64
		refresh int64
	}{
		{"500 on a results page", sfsim.Fault{Endpoint: "results", Nth: 2, Kind: sfsim.FaultHTTP500}, nil, bulkRead, nil, 1, 0},
		{"502 on a results page", sfsim.Fault{Endpoint: "results", Kind: sfsim.FaultHTTP502}, nil, bulkRead, nil, 1, 0},
		{"503 on job poll", sfsim.Fault{Endpoint: "job", Kind: sfsim.FaultHTTP503}, nil, bulkRead, nil, 1, 0},
		{"429 on job create", sfsim.Fault{Endpoint: "jobs", Kind: sfsim.FaultHTTP429}, nil, bulkRead, nil, 1, 0},
		{"reset on a results page", sfsim.Fault{Endpoint: "results", Nth: 3, Kind: sfsim.FaultReset}, nil, bulkRead, nil, 1, 0},
		{"truncated results page", sfsim.Fault{Endpoint: "results", Nth: 2, Times: 2, Kind: sfsim.FaultTruncate}, nil, bulkRead, nil, 2, 0},
		{"truncated query page", sfsim.Fault{Endpoint: "queryMore", Kind: sfsim.FaultTruncate}, nil, restRead, nil, 1, 0},
		{"reset on query", sfsim.Fault{Endpoint: "query", Kind: sfsim.FaultReset}, nil, restRead, nil, 1, 0},
		{"slow describe times out, retried", sfsim.Fault{Endpoint: "describe", Kind: sfsim.FaultSlow, Delay: 5 * time.Second}, nil, describe, nil, 1, 0},
		{"expired session", sfsim.Fault{Endpoint: "limits", Kind: sfsim.FaultExpiredSession}, nil, limits, nil, 0, 1},
		{"expired session on a results page", sfsim.Fault{Endpoint: "results", Nth: 2, Kind: sfsim.FaultExpiredSession}, nil, bulkRead, nil, 0, 1},
		{"revoked refresh token", sfsim.Fault{Endpoint: "token", Kind: sfsim.FaultRevokedRefreshToken},
			func(e *simEnv) { e.sim.ExpireAccessTokens() }, limits, ErrReauthorize, 0, 0},
		{"quota exhausted", sfsim.Fault{Endpoint: "query", Kind: sfsim.FaultQuotaExhausted}, nil, restRead, ErrRequestLimitExceeded, 0, 0},
		{"job failed", sfsim.Fault{Endpoint: "jobs", Kind: sfsim.FaultJobFailed}, nil, bulkRead, ErrJobFailed, 0, 0},
		{"persistent 500", sfsim.Fault{Endpoint: "*", Times: -1, Kind: sfsim.FaultHTTP500}, nil, limits, &APIError{Status: http.StatusInternalServerError, Code: "UNKNOWN_EXCEPTION"}, 4, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := newSimEnv(t, sfsim.Options{Seed: sfsim.SeedConfig{Users: 4, Accounts: 120, ContactsPerAccount: 20, Leads: 5, Seed: 11}})
			c := e.client(func(cfg *Config) {
				cfg.BulkMaxRecords = 25
				if tc.fault.Kind == sfsim.FaultSlow {
					cfg.RequestTimeout = time.Second // well under the fault's delay
				}
			})
			if tc.before != nil {
				tc.before(e)
			}
			e.sim.InjectFault(tc.fault)
			usedBefore, _ := e.sim.Usage()
			var counter CallCounter
			err := tc.run(c, e, WithCallCounter(context.Background(), &counter))
			usedAfter, _ := e.sim.Usage()
			// The client counts what the org counts, retries included; the
			// org does not count calls it rejects for an expired session,
			// which the client counts (erring on the safe side).
			if tc.refresh == 0 && tc.want != ErrRequestLimitExceeded && tc.want != ErrReauthorize &&
				counter.Calls() != int64(usedAfter-usedBefore) {
				t.Errorf("client counted %d calls, org counted %d", counter.Calls(), usedAfter-usedBefore)
			}
			e.noTokenIn(err, c)
			switch {
			case tc.want == nil && err != nil:
				t.Fatalf("err %v", err)
			case tc.want != nil && !errors.Is(err, tc.want):
				t.Fatalf("err %v, want %v", err, tc.want)
			}
			if counter.Retries() != tc.retries || counter.Refreshes() != tc.refresh {
				t.Errorf("retries %d refreshes %d, want %d %d", counter.Retries(), counter.Refreshes(), tc.retries, tc.refresh)
			}
			if errors.Is(err, ErrRequestLimitExceeded) {
				if q, ok := c.Quota(); !ok || q.Used < q.Max {
					t.Errorf("quota after exhaustion %+v", q)
				}
			}
		})
	}
}
