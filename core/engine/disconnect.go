package engine

import (
	"context"
	"errors"
	"fmt"
	"maps"

	"github.com/sfsync/sfsync/core/salesforce"
	"github.com/sfsync/sfsync/core/secrets"
	"github.com/sfsync/sfsync/core/store"
)

// Disconnect stops any running sync (it can resume later from its last
// committed page if the data is kept), revokes the refresh token at
// Salesforce, removes it from the keyring, and keeps or deletes the local
// data. A failed revoke is reported but the source is disconnected anyway.
func (e *Engine) Disconnect(ctx context.Context, keepData bool) error {
	return e.disconnect(ctx, keepData, true, "")
}

// Forget signs out without contacting Salesforce, for an org that no longer
// exists (the app's Demo org of an earlier run lives only in that process):
// the tokens leave Secrets, the local records stay browsable, and the source
// shows Not connected with detail.
func (e *Engine) Forget(ctx context.Context, detail string) error {
	return e.disconnect(ctx, true, false, detail)
}

func (e *Engine) disconnect(ctx context.Context, keepData, revoke bool, detail string) error {
	e.mu.Lock()
	e.syncAsked = false
	if e.workStop != nil {
		e.workStop()
	}
	e.mu.Unlock()
	return e.submit(ctx, func(ctx context.Context) error {
		e.mu.Lock()
		sess := e.sess
		e.sess, e.quotaStop, e.counts, e.held = nil, nil, nil, false
		e.mu.Unlock()
		var revokeErr error
		if revoke && sess != nil && sess.oauth != nil {
			if rt, err := e.cfg.Secrets.Get(RefreshTokenKey); err == nil && rt != "" {
				revokeErr = revoked(sess.oauth.Revoke(ctx, rt))
			}
		}
		if at, err := e.cfg.Secrets.Get(AccessTokenKey); revoke && err == nil && at != "" {
			if set, _, err := e.st.Settings(); err == nil && set.InstanceURL != "" {
				// Salesforce revokes access tokens at the same endpoint, on
				// the instance (My Domain) as on the login hosts.
				o := &salesforce.OAuth{LoginURL: set.InstanceURL, HTTPClient: e.cfg.HTTPClient}
				revokeErr = errors.Join(revokeErr, revoked(o.Revoke(ctx, at)))
			}
		}
		for _, key := range []string{RefreshTokenKey, AccessTokenKey} {
			if err := e.cfg.Secrets.Delete(key); err != nil && !errors.Is(err, secrets.ErrNotFound) {
				return fmt.Errorf("remove the sign-in from the keyring: %w", err)
			}
		}
		if keepData {
			if _, err := e.st.UpdateSettings(func(s *store.SourceSettings) {
				s.Status, s.LastError, s.UpdatedAt = savedDisconnected, "", e.now()
			}); err != nil {
				return err
			}
		} else if err := e.st.DeleteSourceData(); err != nil {
			return err
		}
		set, _, err := e.st.Settings()
		if err != nil {
			return err
		}
		e.update(true, func(s *State) {
			*s = State{Status: StatusNotConnected, Counts: map[string]int{}}
			applySettings(s, set)
			_ = e.refreshCounts(s)
			s.Status, s.Detail = StatusNotConnected, detail
		})
		return revokeErr
	})
}

// revoked turns a revoke's outcome into Disconnect's error: a token
// Salesforce no longer knows (invalid_token: expired or revoked already)
// is as good as revoked.
func revoked(err error) error {
	var oe *salesforce.OAuthError
	if err == nil || errors.As(err, &oe) && oe.Code == "invalid_token" {
		return nil
	}
	return fmt.Errorf("revoke the Salesforce sign-in: %w", err)
}

// EstimateFirstSync counts each object's records (soft-deleted included,
// as queryAll returns them) with ONE composite call of COUNT() queries and
// estimates the first sync's API calls as the run will make them: one
// composite call holding the first 2,000-row page of every object up to
// BulkThreshold rows plus one call per further page; for a larger object a
// Bulk job: create, about three status polls, one call per results page
// and a delete. The counts are kept for the session: the first sync routes
// and sizes its reads with them without counting again.
func (e *Engine) EstimateFirstSync(ctx context.Context) (Estimate, error) {
	var est Estimate
	err := e.submit(ctx, func(ctx context.Context) error {
		e.mu.Lock()
		sess := e.sess
		e.counts = nil // always a fresh count: the person is deciding on it
		e.mu.Unlock()
		if sess == nil {
			return ErrNotConnected
		}
		set, _, err := e.st.Settings()
		if err != nil {
			return err
		}
		counts, err := e.recordCounts(ctx, sess)
		if err != nil {
			return fmt.Errorf("estimate first sync: %w", err)
		}
		est.APICalls = firstSyncCalls(counts, int64(e.cfg.BulkThreshold), int64(set.MaxRecords))
		for _, obj := range Objects {
			est.TotalRecords += counts[obj]
		}
		est.Records = maps.Clone(counts)
		est.Quota, _ = sess.client.Quota()
		e.saveUsage(sess) // the count is a call a later process should know of
		if remaining := est.Quota.Max - est.Quota.Used; remaining > 0 {
			est.ShareOfRemaining = float64(est.APICalls) / float64(remaining)
		}
		return nil
	})
	return est, err
}

// firstSyncCalls is the API calls a first sync of objects with these
// counts makes (see EstimateFirstSync).
func firstSyncCalls(counts map[string]int64, bulkThreshold, maxRecords int64) int64 {
	const restPage = 2000
	var calls int64
	composite := false
	for _, obj := range Objects {
		n := counts[obj]
		if n > bulkThreshold {
			calls += 1 + 3 + max(ceilDiv(n, maxRecords), 1) + 1
			continue
		}
		composite = true
		calls += max(ceilDiv(n, restPage)-1, 0)
	}
	if composite {
		calls++
	}
	return calls
}

func ceilDiv(a, b int64) int64 { return (a + b - 1) / b }
