package cli

import (
	"strings"
	"testing"

	"github.com/sfsync/sfsync/core/engine"
)

// TestStatusAfterDisconnectDoesNotSaySignedIn: after disconnect (records
// kept) status says Not connected and who was last signed in; it said
// "Not connected" and ", signed in as …" in the next line.
func TestStatusAfterDisconnectDoesNotSaySignedIn(t *testing.T) {
	sim, srv := newSim(t, smallSeed)
	c := newCLI(t)
	c.must(0, sim.IssueAccessToken()+"\n", "connect", "--no-sync", "--instance-url", srv.URL, "--access-token", "-")
	if out := c.must(0, "", "status").stdout; !strings.Contains(out, ", signed in as ") {
		t.Errorf("status while connected:\n%s", out)
	}
	c.must(0, "", "disconnect")
	out := c.must(0, "", "status").stdout
	if !strings.Contains(out, "Salesforce: Not connected") || strings.Contains(out, ", signed in as ") || !strings.Contains(out, "last signed in as ") {
		t.Errorf("status after disconnect:\n%s", out)
	}
}

// TestSignInGoneSaysTheCommandOnce: a sync whose sign-in is gone from the
// keyring says why and the one command to run; it said the window's
// instruction (or the hint's `sfsync connect …`) and then "Run `sfsync
// connect` to sign in again" after it.
func TestSignInGoneSaysTheCommandOnce(t *testing.T) {
	sim, srv := newSim(t, smallSeed)
	c := newCLI(t)
	c.must(0, sim.IssueAccessToken()+"\n", "connect", "--no-sync", "--instance-url", srv.URL, "--access-token", "-")
	if err := keyringOf(c.dir).Delete(engine.AccessTokenKey); err != nil {
		t.Fatal(err)
	}
	r := c.must(ExitFailed, "", "sync", "--once")
	msg := r.stderr
	if !strings.Contains(msg, "not in the system keyring") || strings.Count(msg, "sfsync connect") != 1 ||
		strings.Contains(msg, "Choose") || strings.Contains(msg, "Settings") {
		t.Errorf("sync with the sign-in gone said:\n%s", msg)
	}
}

// TestConnectWithARefusedTokenSaysWhatToDo: an access token Salesforce
// refuses (expired, revoked, another org's) is one sentence saying so and
// what to do; it was "Connecting to Salesforce failed: identity: Salesforce
// refused the session (HTTP 401): sign in again. Fix the cause and run
// `sfsync connect` again."
func TestConnectWithARefusedTokenSaysWhatToDo(t *testing.T) {
	_, srv := newSim(t, smallSeed)
	c := newCLI(t)
	r := c.must(ExitFailed, "00Dnot!avalidtoken\n", "connect", "--instance-url", srv.URL, "--access-token", "-")
	if !strings.Contains(r.stderr, "refused the session") || !strings.Contains(r.stderr, "--access-token -") ||
		strings.Contains(r.stderr, "identity:") || strings.Contains(r.stderr, "Fix the cause") {
		t.Errorf("connect with a refused token said:\n%s", r.stderr)
	}
}
