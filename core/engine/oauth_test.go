package engine

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/sfsync/sfsync/core/secrets"
	"github.com/sfsync/sfsync/core/sfsim"
	"github.com/sfsync/sfsync/core/sfsim/simtest"
)

// playBrowser is what the person does: open the authorize page, click
// Allow, and let the browser follow the redirect to the app's listener.
func playBrowser(authURL string) error {
	status, body, err := simtest.Approve(authURL, "allow")
	if err == nil && (status != http.StatusOK || !strings.Contains(body, "Signed in")) {
		err = fmt.Errorf("callback page: HTTP %d", status)
	}
	return err
}

func oauthHarness(t *testing.T, rotate bool) (*harness, ConnectOptions) {
	port := simtest.FreePort(t)
	opts := optsWithSeed()
	opts.RedirectURIs = []string{fmt.Sprintf("http://localhost:%d/OauthRedirect", port)}
	opts.RotateRefreshTokens = rotate
	browserErr := make(chan error, 1)
	h := newHarness(t, opts, func(c *Config) {
		bulkReads(c)
		c.OpenURL = func(u string) error {
			go func() { browserErr <- playBrowser(u) }()
			return nil
		}
	})
	t.Cleanup(func() {
		select {
		case err := <-browserErr:
			if err != nil {
				t.Errorf("browser: %v", err)
			}
		default:
		}
	})
	return h, ConnectOptions{Env: EnvCustom, LoginURL: h.srv.URL, ClientID: "sfsync-demo", CallbackPort: port}
}

// TestOAuthConnectSyncAndRevoke: the browser flow stores the refresh token
// in Secrets (never in the store), the engine survives an expired access
// token mid-run, and a revoked refresh token ends in "Reauthorize" with no
// further attempts.
func TestOAuthConnectSyncAndRevoke(t *testing.T) {
	h, opts := oauthHarness(t, true)
	if err := h.e.SetMaxRecords(100); err != nil {
		t.Fatal(err)
	}
	rt := h.connectOAuth(opts)

	// The access token expires on the 3rd results page: refreshed (and the
	// rotated refresh token saved), nothing lost.
	h.sim.InjectFault(sfsim.Fault{Endpoint: "results", Nth: 3, Kind: sfsim.FaultExpiredSession})
	h.runOK()
	rt2, _ := h.sec.Get(RefreshTokenKey)
	if rt2 == rt {
		t.Fatal("rotated refresh token was not saved")
	}
	h.sim.ExpireAccessTokens()
	h.runOK()
	h.assertEqual(nil)

	// A restarted app restores the session from the keyring.
	h.closeEngine()
	h.open()
	h.runOK()

	h.sim.RevokeRefreshTokens()
	h.sim.ExpireAccessTokens()
	if _, err := h.e.RunOnce(context.Background()); err == nil {
		t.Fatal("run succeeded with a revoked refresh token")
	}
	h.assertNeedsReauth()
	if n := len(h.notes.all()); n != 1 {
		t.Fatalf("%d notifications, want 1", n)
	}
	h.assertNoAttemptWhileReauth()

	// Reauthorize: a new sign-in clears the error and syncs again.
	if err := h.e.Reauthorize(context.Background()); err != nil {
		t.Fatalf("reauthorize: %v", err)
	}
	if st := h.e.State(); st.NeedsReauth || st.Status != StatusActive {
		t.Fatalf("after reauthorize: %q reauth %v", st.Status, st.NeedsReauth)
	}
	h.runOK()
	h.assertEqual(nil)

	rt3, _ := h.sec.Get(RefreshTokenKey)
	h.checkDisconnectRevokesRefreshToken(rt3)
	assertNoTokenInStore(t, h, rt, rt2, rt3)
}

// connectOAuth connects through the browser flow and returns the refresh
// token it left in Secrets; the source is then setting up, with the user
// and org known.
func (h *harness) connectOAuth(opts ConnectOptions) string {
	h.t.Helper()
	if err := h.e.Connect(context.Background(), opts); err != nil {
		h.t.Fatalf("connect: %v", err)
	}
	rt, err := h.sec.Get(RefreshTokenKey)
	if err != nil || rt == "" {
		h.t.Fatalf("refresh token not in secrets: %v", err)
	}
	if st := h.e.State(); st.UserName == "" || st.OrgID == "" || st.Status != StatusSettingUp {
		h.t.Fatalf("state after connect: %+v", st)
	}
	return rt
}

// assertNeedsReauth checks the state after a session that cannot be
// renewed: Error, NeedsReauth, and a detail that says Reauthorize and each
// of words.
func (h *harness) assertNeedsReauth(words ...string) State {
	h.t.Helper()
	st := h.e.State()
	missing := !strings.Contains(st.Detail, "Reauthorize")
	for _, w := range words {
		missing = missing || !strings.Contains(st.Detail, w)
	}
	if st.Status != StatusError || !st.NeedsReauth || missing {
		h.t.Fatalf("state %q reauth %v: %q", st.Status, st.NeedsReauth, st.Detail)
	}
	return st
}

// assertNoAttemptWhileReauth checks that a run while reauthorization is
// needed fails with ErrNeedsReauth without a call to Salesforce.
func (h *harness) assertNoAttemptWhileReauth() {
	h.t.Helper()
	before := h.usage()
	if _, err := h.e.RunOnce(context.Background()); !errors.Is(err, ErrNeedsReauth) || h.usage() != before {
		h.t.Fatalf("run while reauth is needed: %v, %d calls", err, h.usage()-before)
	}
}

// checkDisconnectRevokesRefreshToken disconnects keeping the data: the
// refresh token rt is revoked at Salesforce and removed from the keyring.
func (h *harness) checkDisconnectRevokesRefreshToken(rt string) {
	h.t.Helper()
	if err := h.e.Disconnect(context.Background(), true); err != nil {
		h.t.Fatalf("disconnect: %v", err)
	}
	if _, err := h.sec.Get(RefreshTokenKey); !errors.Is(err, secrets.ErrNotFound) {
		h.t.Fatalf("refresh token still in secrets: %v", err)
	}
	if n, _ := h.st.Count("Account"); n == 0 || h.e.State().Status != StatusNotConnected {
		h.t.Fatalf("keep data: %d accounts, status %q", n, h.e.State().Status)
	}
	form := url.Values{"grant_type": {"refresh_token"}, "refresh_token": {rt}, "client_id": {"sfsync-demo"}}
	resp, err := http.PostForm(h.srv.URL+"/services/oauth2/token", form)
	if err != nil {
		h.t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode == http.StatusOK {
		h.t.Fatal("the refresh token still works after Disconnect")
	}
}

// assertNoTokenInStore reads the raw database file: no token may be in it.
func assertNoTokenInStore(t *testing.T, h *harness, tokens ...string) {
	t.Helper()
	path := h.st.Path()
	h.closeEngine()
	raw, err := readFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, tok := range tokens {
		if tok != "" && strings.Contains(string(raw), tok) {
			t.Fatal("a refresh token is in the store file")
		}
	}
	if strings.Contains(string(raw), "!AR") {
		t.Fatal("an access token is in the store file")
	}
}

// TestNewInstanceURLOnRefresh: a refresh that names another instance_url
// (an org moved to another instance) moves every later call there, and the
// store and the state keep it for the next process.
func TestNewInstanceURLOnRefresh(t *testing.T) {
	h, opts := oauthHarness(t, false)
	if err := h.e.Connect(context.Background(), opts); err != nil {
		t.Fatalf("connect: %v", err)
	}
	h.runOK()
	var calls atomic.Int32
	moved := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		h.sim.ServeHTTP(w, r)
	}))
	t.Cleanup(moved.Close)
	h.sim.SetInstanceURL(moved.URL)
	h.sim.ExpireAccessTokens() // the next call refreshes
	h.runOK()
	set, _, err := h.st.Settings()
	if err != nil || set.InstanceURL != moved.URL || h.e.State().InstanceURL != moved.URL {
		t.Fatalf("instance after the refresh: stored %q, state %q; want %q (%v)", set.InstanceURL, h.e.State().InstanceURL, moved.URL, err)
	}
	if calls.Load() == 0 {
		t.Fatal("no call reached the new instance")
	}
	h.assertEqual(nil)
}
