package engine

import (
	"context"
	"errors"

	"github.com/sfsync/sfsync/core/store"
)

// Temporary: replaced by the real implementations in the next commits.

type PermissionError struct{ Missing []string }

func (e *PermissionError) Error() string { return "missing permissions" }

type quotaError struct{ detail string }

func (q *quotaError) Error() string { return q.detail }

const resultOK = "ok"
const reauthDetail = "Salesforce no longer accepts sfsync's sign-in. Choose Reauthorize in Settings to sign in again."

func RecommendedSelection() map[string][]string { return map[string][]string{} }

func normalizeSelection(sel map[string][]string) (map[string][]string, error) {
	return cloneSelection(sel), nil
}

func (e *Engine) checkPermissions(ctx context.Context, sess *session, user string) error { return nil }

func (e *Engine) run(ctx context.Context, scheduled bool) (store.Run, error) {
	return store.Run{}, errors.New("not implemented")
}

// Disconnect revokes the refresh token, removes it from the keyring and
// keeps or deletes the local data.
func (e *Engine) Disconnect(ctx context.Context, keepData bool) error { return errors.New("not implemented") }

// EstimateFirstSync counts each object's records with ONE composite call of
// COUNT() queries and estimates the first sync's API calls and share of the
// remaining daily quota.
func (e *Engine) EstimateFirstSync(ctx context.Context) (Estimate, error) {
	return Estimate{}, errors.New("not implemented")
}
