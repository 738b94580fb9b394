package engine

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/sfsync/sfsync/core/salesforce"
	"github.com/sfsync/sfsync/core/secrets"
	"github.com/sfsync/sfsync/core/sfsim/simtest"
	"github.com/sfsync/sfsync/core/store"
)

// fakeCLI stands in for the Salesforce CLI's session of one org (the
// real CLI against the simulator is core/sfcli's and cmd/sfsync's test):
// each ask hands out a fresh access token, as `sf org display` after
// refreshing would; signedOut makes it answer like a logged-out CLI.
type fakeCLI struct {
	h         *harness
	mu        sync.Mutex
	asked     []string // target of each ask
	tokens    []string
	signedOut bool
}

func (f *fakeCLI) session(_ context.Context, target string) (salesforce.Token, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.asked = append(f.asked, target)
	if f.signedOut || target != "acme" {
		return salesforce.Token{}, fmt.Errorf("%w: sf org display: No authorization information found for %s", salesforce.ErrReauthorize, target)
	}
	tok := f.h.sim.IssueAccessToken()
	f.tokens = append(f.tokens, tok)
	return salesforce.Token{AccessToken: tok, InstanceURL: f.h.srv.URL}, nil
}

func (f *fakeCLI) asks() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.asked)
}

// TestCLISession (issue 10): an org the Salesforce CLI is logged in to
// connects without a browser; sfsync stores no token of its own (a
// previous sign-in leaves the keyring), asks the CLI before each run (a
// token the CLI has since replaced is never used), resumes after a restart
// without the keyring, says what to do when the CLI is logged out, and
// Disconnect does not revoke the CLI's session.
func TestCLISession(t *testing.T) {
	cli := &fakeCLI{}
	h := newHarness(t, optsWithSeed(), func(c *Config) { c.CLISession = cli.session })
	cli.h = h
	ctx := context.Background()
	if err := h.sec.Set(RefreshTokenKey, "an earlier sign-in"); err != nil {
		t.Fatal(err)
	}
	if err := h.e.Connect(ctx, ConnectOptions{Env: EnvSFCLI, TargetOrg: "acme"}); err != nil {
		t.Fatalf("connect: %v", err)
	}
	for _, key := range []string{RefreshTokenKey, AccessTokenKey} {
		if _, err := h.sec.Get(key); !errors.Is(err, secrets.ErrNotFound) {
			t.Errorf("%s in the keyring after connecting through the CLI: %v", key, err)
		}
	}
	set, _, _ := h.st.Settings()
	if set.LoginHost != store.LoginSFCLI || set.CLIOrg != "acme" || set.ClientID != "" {
		t.Fatalf("settings %+v", set)
	}
	asked := cli.asks()

	// Before each run the CLI is asked, though the token it gave at
	// connect still works: the CLI may have replaced it since.
	h.runOK()
	if cli.asks() != asked+1 {
		t.Fatalf("the CLI was asked %d times for one run, want once", cli.asks()-asked)
	}
	h.assertEqual(nil)

	// Another process: nothing in the keyring, the CLI is asked again.
	h.closeEngine()
	h.open()
	if st := h.e.State(); st.NeedsReauth || st.Status == StatusError {
		t.Fatalf("restored CLI session: %q %s", st.Status, st.Detail)
	}
	asked = cli.asks()
	newMutator(t, h.sim.Org()).round()
	h.sim.ExpireAccessTokens()
	h.runOK()
	h.assertEqual(nil)
	if cli.asks() != asked+1 {
		t.Fatalf("after a restart: asked %d times", cli.asks()-asked)
	}

	// The CLI is logged out: Error, reauthorization, and what to run.
	cli.mu.Lock()
	cli.signedOut = true
	cli.mu.Unlock()
	if _, err := h.e.RunOnce(ctx); !errors.Is(err, salesforce.ErrReauthorize) {
		t.Fatalf("run with the CLI logged out: %v", err)
	}
	st := h.e.State()
	if st.Status != StatusError || !st.NeedsReauth || !strings.Contains(st.Detail, "sf org login web --alias acme") {
		t.Fatalf("logged out: %q reauth %v: %s", st.Status, st.NeedsReauth, st.Detail)
	}
	cli.mu.Lock()
	cli.signedOut = false
	cli.mu.Unlock()
	if err := h.e.Reauthorize(ctx); err != nil {
		t.Fatalf("reauthorize once the CLI is back: %v", err)
	}
	h.runOK()

	// Disconnect leaves the CLI's session alone: its token still works.
	cli.mu.Lock()
	last := cli.tokens[len(cli.tokens)-1]
	cli.mu.Unlock()
	if err := h.e.Disconnect(ctx, true); err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest(http.MethodGet, h.srv.URL+"/services/data/v"+salesforce.APIVersion+"/limits", nil)
	req.Header.Set("Authorization", "Bearer "+last)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("the CLI's token stopped working after Disconnect: HTTP %d", resp.StatusCode)
	}
	assertNoTokenInStore(t, h, cli.tokens...)
}

// TestDeniedSignInLeavesNotConnected (issue 10): a person who clicks Deny
// has not connected; the source stays Not connected, not Error.
func TestDeniedSignInLeavesNotConnected(t *testing.T) {
	h, opts := oauthHarness(t, false)
	h.closeEngine()
	h.cfg.OpenURL = func(u string) error {
		go func() { _, _, _ = simtest.Approve(u, "deny") }()
		return nil
	}
	h.open()
	err := h.e.Connect(context.Background(), opts)
	if !errors.Is(err, salesforce.ErrAccessDenied) {
		t.Fatalf("connect: %v", err)
	}
	if st := h.e.State(); st.Status != StatusNotConnected || st.Detail != "" {
		t.Fatalf("after a denied sign-in: %q %q", st.Status, st.Detail)
	}
}
