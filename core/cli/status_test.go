package cli

import (
	"strings"
	"testing"
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
