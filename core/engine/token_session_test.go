package engine

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/sfsync/sfsync/core/salesforce"
	"github.com/sfsync/sfsync/core/secrets"
)

// TestTokenSessionSurvivesRestart: `connect --access-token` in one process
// and `sync --once` in another. The access token is kept in Secrets (not
// the store), a new Engine on the same store file resumes the session, an
// expired token ends in Error/NeedsReauth, and Disconnect revokes and
// deletes it.
func TestTokenSessionSurvivesRestart(t *testing.T) {
	h := newHarness(t, optsWithSeed(), nil)
	ctx := context.Background()
	tok := h.sim.IssueAccessToken()
	if err := h.e.ConnectWithToken(ctx, h.srv.URL, tok); err != nil {
		t.Fatal(err)
	}
	if got, err := h.sec.Get(AccessTokenKey); err != nil || got != tok {
		t.Fatalf("access token not kept in Secrets (err %v)", err)
	}

	// Another process: a new Engine on the same store file and keyring.
	h.closeEngine()
	h.open()
	if st := h.e.State(); st.NeedsReauth || st.Status != StatusSettingUp {
		t.Fatalf("restored token session: %q reauth %v: %s", st.Status, st.NeedsReauth, st.Detail)
	}
	h.runOK()
	h.assertEqual(nil)

	// The token expires: there is no refresh token, so Reauthorize.
	h.sim.ExpireAccessTokens()
	newMutator(t, h.sim.Org()).round()
	if _, err := h.e.RunOnce(ctx); !errors.Is(err, salesforce.ErrReauthorize) {
		t.Fatalf("run with an expired token: %v", err)
	}
	if st := h.assertNeedsReauth("access token"); strings.Contains(st.Detail, tok) || strings.Contains(st.LastError, tok) {
		t.Fatal("the token is in the state")
	}

	// Still so after a restart, and nothing is attempted.
	h.closeEngine()
	h.open()
	if st := h.e.State(); !st.NeedsReauth || st.Status != StatusError {
		t.Fatalf("restart after expiry: %q reauth %v", st.Status, st.NeedsReauth)
	}
	h.assertNoAttemptWhileReauth()

	// A new token reconnects the same org and the data carries on.
	tok2 := h.sim.IssueAccessToken()
	if err := h.e.ConnectWithToken(ctx, h.srv.URL, tok2); err != nil {
		t.Fatal(err)
	}
	h.runOK()
	h.assertEqual(nil)

	h.checkDisconnectRevokesAccessToken(tok2)
	h.closeEngine()
	h.open()
	if st := h.e.State(); st.Status != StatusNotConnected {
		t.Fatalf("after disconnect and restart: %q", st.Status)
	}
	assertNoTokenInStore(t, h, tok, tok2)
}

// checkDisconnectRevokesAccessToken disconnects: the access token tok is
// revoked at Salesforce and deleted from Secrets.
func (h *harness) checkDisconnectRevokesAccessToken(tok string) {
	h.t.Helper()
	if err := h.e.Disconnect(context.Background(), true); err != nil {
		h.t.Fatalf("disconnect: %v", err)
	}
	if _, err := h.sec.Get(AccessTokenKey); !errors.Is(err, secrets.ErrNotFound) {
		h.t.Fatalf("access token still in Secrets: %v", err)
	}
	req, _ := http.NewRequest(http.MethodGet, h.srv.URL+"/services/data/v"+salesforce.APIVersion+"/limits", nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		h.t.Fatalf("the token still works after Disconnect: HTTP %d", resp.StatusCode)
	}
}

// TestDisconnectExpiredTokenSession: disconnecting a session whose token
// already expired succeeds (Salesforce no longer knows the token).
func TestDisconnectExpiredTokenSession(t *testing.T) {
	h := newHarness(t, optsWithSeed(), nil)
	h.connectToken()
	h.sim.ExpireAccessTokens()
	if err := h.e.Disconnect(context.Background(), false); err != nil {
		t.Fatalf("disconnect: %v", err)
	}
	if _, err := h.sec.Get(AccessTokenKey); !errors.Is(err, secrets.ErrNotFound) {
		t.Fatalf("access token still in Secrets: %v", err)
	}
}
