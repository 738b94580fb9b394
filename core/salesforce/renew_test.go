package salesforce

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"

	"github.com/sfsync/sfsync/core/sfsim"
)

// TestRenewedSession: a client whose token another program keeps (OAuth.
// Renew, e.g. the Salesforce CLI) holds no refresh token, asks Renew for
// its first token, again after DropAccessToken (before each run), and
// again on 401 INVALID_SESSION_ID; Renew's error reaches the caller.
func TestRenewedSession(t *testing.T) {
	e := newSimEnv(t, sfsim.Options{})
	var asked atomic.Int32
	var fail atomic.Bool
	renew := func(context.Context) (*Token, error) {
		asked.Add(1)
		if fail.Load() {
			return nil, errors.New("the CLI has no session for this org")
		}
		return &Token{AccessToken: e.sim.IssueAccessToken(), InstanceURL: e.srv.URL}, nil
	}
	c, err := NewClient(Config{Token: Token{InstanceURL: e.srv.URL}, OAuth: &OAuth{Renew: renew}})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	call := func() error { _, err := c.Describe(ctx, "Account"); return err }
	if err := call(); err != nil || asked.Load() != 1 {
		t.Fatalf("first call: %v, asked %d", err, asked.Load())
	}
	if err := call(); err != nil || asked.Load() != 1 {
		t.Fatalf("second call asked again: %v, asked %d", err, asked.Load())
	}
	c.DropAccessToken()
	if err := call(); err != nil || asked.Load() != 2 {
		t.Fatalf("after DropAccessToken: %v, asked %d", err, asked.Load())
	}
	e.sim.ExpireAccessTokens()
	if err := call(); err != nil || asked.Load() != 3 {
		t.Fatalf("after a 401: %v, asked %d", err, asked.Load())
	}
	// A program that hands out a session Salesforce refuses: reauthorize.
	stale := e.sim.IssueAccessToken()
	c2, err := NewClient(Config{Token: Token{InstanceURL: e.srv.URL}, OAuth: &OAuth{Renew: func(context.Context) (*Token, error) {
		return &Token{AccessToken: stale, InstanceURL: e.srv.URL}, nil
	}}})
	if err != nil {
		t.Fatal(err)
	}
	e.sim.ExpireAccessTokens()
	if _, err := c2.Describe(ctx, "Account"); !errors.Is(err, ErrReauthorize) {
		t.Fatalf("a refused session from Renew: %v", err)
	}
	fail.Store(true)
	c.DropAccessToken()
	if err := call(); err == nil || asked.Load() != 4 {
		t.Fatalf("a failing Renew: %v, asked %d", err, asked.Load())
	}
}
