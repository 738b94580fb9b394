package cli

import (
	"strings"
	"testing"

	"github.com/sfsync/sfsync/core/sfsim"
)

// TestEstimateSaysOnlyKnownFigures (issue 9): with 8 requests left the CLI
// said "about 31 API calls (0.0 % of the 0 requests left today)", with 9
// left "(3100.0 % of the 1 requests left today)". The estimate now names
// what is left in words.
func TestEstimateSaysOnlyKnownFigures(t *testing.T) {
	// Enough Accounts for a Bulk job (create, polls, pages, delete): the
	// first sync needs more calls than the 2 requests left.
	seed := smallSeed
	seed.Accounts = 12_000
	sim, srv := newSim(t, seed)
	c := newCLI(t)
	c.must(0, sim.IssueAccessToken()+"\n", "connect", "--no-sync", "--instance-url", srv.URL, "--access-token", "-")
	_, daily := sim.Usage()
	sim.SetUsage(daily - 3) // the estimate's own call leaves 2
	r := c.run("", "sync", "--once")
	line := ""
	for _, l := range strings.Split(r.stdout, "\n") {
		if strings.HasPrefix(l, "The first sync reads about") {
			line = l
		}
	}
	if !strings.Contains(line, "more than the 2 requests left today") || strings.Contains(line, "%") {
		t.Errorf("estimate with 2 requests left: %q\nstdout:\n%s\nstderr:\n%s", line, r.stdout, r.stderr)
	}
}

// TestNoSyncDoesNotSaySyncingAnyway (issue 9): when the estimate fails,
// `connect --no-sync` says so without "syncing anyway", then that it does
// not sync.
func TestNoSyncDoesNotSaySyncingAnyway(t *testing.T) {
	sim, srv := newSim(t, smallSeed)
	c := newCLI(t)
	token := sim.IssueAccessToken()
	sim.InjectFault(sfsim.Fault{Endpoint: "composite", Times: -1, Kind: sfsim.FaultHTTP500})
	r := c.must(0, token+"\n", "connect", "--no-sync", "--instance-url", srv.URL, "--access-token", "-")
	if strings.Contains(r.stdout+r.stderr, "anyway") || !strings.Contains(r.stderr, "The first sync's cost could not be estimated") ||
		!strings.Contains(r.stdout, "Not syncing now") {
		t.Errorf("connect --no-sync with a failing estimate:\nstdout:\n%s\nstderr:\n%s", r.stdout, r.stderr)
	}
}
