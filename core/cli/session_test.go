package cli

import (
	"encoding/csv"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/sfsync/sfsync/core/demo"
	"github.com/sfsync/sfsync/core/engine"
	"github.com/sfsync/sfsync/core/secrets"
	"github.com/sfsync/sfsync/core/sfsim"
)

// apiCost runs fn and returns how many API calls the simulator counted.
func apiCost(t *testing.T, sim *sfsim.Server, what string, fn func()) int {
	t.Helper()
	before, _ := sim.Usage()
	fn()
	after, _ := sim.Usage()
	t.Logf("%-44s %4d API calls", what, after-before)
	return after - before
}

// runChild runs sfsync as a separate process and returns its exit code and
// combined output.
func runChild(t *testing.T, c *cliRun, args ...string) (int, string) {
	t.Helper()
	cmd := child(t, append([]string{"--data-dir", c.dir}, args...)...)
	out, err := cmd.CombinedOutput()
	*c.outputs = append(*c.outputs, string(out))
	var exit interface{ ExitCode() int }
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("run sfsync %s: %v", strings.Join(args, " "), err)
	}
	return cmd.ProcessState.ExitCode(), string(out)
}

// lastRun is the newest run of `runs --json`.
func lastRun(t *testing.T, c *cliRun) RunResult {
	t.Helper()
	runs := jsonResult[RunsResult](t, c.must(0, "", "runs", "--json", "--limit", "1")).Runs
	if len(runs) != 1 {
		t.Fatalf("runs --json --limit 1 gave %d runs", len(runs))
	}
	return runs[0]
}

// TestAPICallsPerCommand measures each command's API calls after an
// access-token connect. The engine restores the session from the keyring
// without checking permissions again, so a no-change `sync --once` in a
// fresh process costs exactly one call; commands that read the local store
// cost none.
func TestAPICallsPerCommand(t *testing.T) {
	sim, srv := newSim(t, smallSeed)
	c := newCLI(t)
	token := sim.IssueAccessToken()

	connect := apiCost(t, sim, "connect --no-sync (checks and estimate)", func() {
		c.must(0, token+"\n", "connect", "--no-sync", "--instance-url", srv.URL, "--access-token", "-")
	})
	if connect == 0 {
		t.Error("connect made no API call")
	}
	first := apiCost(t, sim, "sync --once (estimate and first sync)", func() {
		if r := c.must(0, "", "sync", "--once"); !strings.Contains(r.stdout, "The first sync reads about") {
			t.Errorf("no estimate before the first sync:\n%s", r.stdout)
		}
	})
	if run := lastRun(t, c); first != run.APICalls+1 {
		t.Errorf("first sync cost %d calls, want the run's %d and one for the estimate", first, run.APICalls)
	}

	noChange := apiCost(t, sim, "sync --once, no changes, fresh process", func() {
		if code, out := runChild(t, c, "sync", "--once"); code != ExitOK || !strings.Contains(out, "Sync finished") {
			t.Errorf("sync --once: exit %d\n%s", code, out)
		}
	})
	if noChange != 1 {
		t.Errorf("a no-change sync --once cost %d API calls, want 1", noChange)
	}
	if run := lastRun(t, c); run.APICalls != noChange {
		t.Errorf("the run recorded %d API calls, the org counted %d", run.APICalls, noChange)
	}

	for _, args := range [][]string{
		{"status"}, {"status", "--json"}, {"runs"}, {"fields", "list", "--object", "Account"},
		{"fields", "select", "--object", "Account", "Website"}, {"export", "--object", "Account", "--out", "-"},
	} {
		if n := apiCost(t, sim, strings.Join(args, " "), func() { c.must(0, "", args...) }); n != 0 {
			t.Errorf("%s made %d API calls; it reads only the local store", strings.Join(args, " "), n)
		}
	}

	ids := sim.Org().Users()
	if err := sim.Org().Update("User", ids[0], map[string]any{"Title": "Head of Sync"}); err != nil {
		t.Fatal(err)
	}
	changed := apiCost(t, sim, "sync --once, one User changed", func() { c.must(0, "", "sync", "--once") })
	if run := lastRun(t, c); run.APICalls != changed || run.Objects["User"].Updated != 1 {
		t.Errorf("changed sync: run %+v, the org counted %d calls", run, changed)
	}
	apiCost(t, sim, "disconnect (revoke is not an API call)", func() { c.must(0, "", "disconnect") })
	checkNoToken(t, token, c)
}

// TestExpiredAccessTokenNeedsReconnect: when the session ends, a later
// process reports that a new token is needed (exit 1, status needs
// reauthorization) and a connect with a fresh token syncs again.
func TestExpiredAccessTokenNeedsReconnect(t *testing.T) {
	sim, srv := newSim(t, smallSeed)
	c := newCLI(t)
	c.must(0, sim.IssueAccessToken()+"\n", "connect", "--instance-url", srv.URL, "--access-token", "-")
	sim.ExpireAccessTokens()

	code, out := runChild(t, c, "sync", "--once")
	if code != ExitFailed || !strings.Contains(out, "no longer accepts the access token") || !strings.Contains(out, "--access-token -") {
		t.Errorf("sync --once with an expired token: exit %d\n%s", code, out)
	}
	st := jsonResult[StatusResult](t, c.must(0, "", "status", "--json"))
	if !st.NeedsReauth || st.Status != string(engine.StatusError) {
		t.Errorf("status after expiry: %+v", st)
	}
	r := c.must(ExitFailed, "", "sync", "--once")
	if !strings.Contains(r.stderr, "Run `sfsync connect` to sign in again") {
		t.Errorf("sync --once while reauthorization is needed:\n%s", r.stderr)
	}

	c.must(0, sim.IssueAccessToken()+"\n", "connect", "--no-sync", "--instance-url", srv.URL, "--access-token", "-")
	if code, out := runChild(t, c, "sync", "--once"); code != ExitOK {
		t.Errorf("sync --once after reconnecting: exit %d\n%s", code, out)
	}
}

// TestDemoConnectIsTheWindowsDemoOrg (issue 9: the CLI's Demo org had
// 13,050 records and its own lifecycle): `connect --demo` signs in to the
// one Demo org (65,200 records) and syncs it; when the command ends the
// org is gone, so the sign-in leaves the keyring and status says the Demo
// org ended, as the window does, while the data stays for export.
func TestDemoConnectIsTheWindowsDemoOrg(t *testing.T) {
	c := newCLI(t)
	r := c.must(0, "", "connect", "--demo")
	if !strings.Contains(r.stdout, "Sync finished") || !strings.Contains(r.stdout, "The first sync reads about 65,200 records") {
		t.Fatalf("connect --demo:\n%s", r.stdout)
	}
	for _, key := range []string{engine.AccessTokenKey, engine.RefreshTokenKey} {
		if _, err := keyringOf(c.dir).Get(key); !errors.Is(err, secrets.ErrNotFound) {
			t.Errorf("the ended Demo org's %s is still in the keyring (err %v)", key, err)
		}
	}
	st := jsonResult[StatusResult](t, c.must(0, "", "status", "--json"))
	if !strings.Contains(r.stdout, fmt.Sprintf("Connected to %s (org %s)", st.OrgName, st.OrgID)) || st.OrgName == "" {
		t.Errorf("connect named another org than status %+v:\n%s", st, r.stdout)
	}
	if st.Status != string(engine.StatusNotConnected) || st.Detail != demo.EndedDetail || st.Counts["Account"] == 0 {
		t.Errorf("status after the demo: %+v", st)
	}
	// The command line's way back, not the window's ("browsable in Records",
	// "connect to it again" followed by a bare `sfsync connect`).
	if out := c.must(0, "", "status").stdout; !strings.Contains(out, demo.EndedDetailCLI) || strings.Contains(out, "in Records") {
		t.Errorf("status text after the demo:\n%s", out)
	}
	if r := c.must(ExitFailed, "", "sync", "--once"); !strings.Contains(r.stderr, "`sfsync connect --demo`") || strings.Contains(r.stderr, "in Records") ||
		strings.Count(r.stderr, "sfsync connect") != 1 {
		t.Errorf("sync after the demo ended:\n%s", r.stderr)
	}
	out := c.must(0, "", "export", "--object", "Account", "--out", "-").stdout
	if recs, err := csv.NewReader(strings.NewReader(out)).ReadAll(); err != nil || len(recs) != st.Counts["Account"]+1 {
		t.Errorf("export after the demo: %d records (%v), want %d accounts and a header", len(recs), err, st.Counts["Account"])
	}
}
