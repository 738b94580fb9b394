package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/sfsync/sfsync/core/sfsim"
	"github.com/sfsync/sfsync/core/store"
)

// interruptSync starts `sfsync sync --once` (plus extra) as a process, sends
// it SIGINT (Ctrl-C) once it has committed a page, and returns its exit
// code and output.
func interruptSync(t *testing.T, dir string, extra ...string) (int, string, string) {
	t.Helper()
	cmd := child(t, append([]string{"--data-dir", dir, "sync", "--once"}, extra...)...)
	stdout, stderr := newLockedBuffer(), newLockedBuffer()
	cmd.Stdout, cmd.Stderr = stdout, stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "a committed page", func() bool {
		if len(extra) > 0 { // --json prints nothing before the end
			return true
		}
		return strings.Contains(stdout.String(), "(full): ")
	})
	if len(extra) > 0 {
		time.Sleep(500 * time.Millisecond)
	}
	_ = cmd.Process.Signal(syscall.SIGINT)
	_ = cmd.Wait()
	return cmd.ProcessState.ExitCode(), stdout.String(), stderr.String()
}

// TestCtrlCMidSyncIsSaidPlainlyAndLosesNothing: Ctrl-C during a first sync
// says it stopped and that the next sync resumes, in words (Go's "context
// canceled" reached the summary, the history and the window's Sync
// history), is exit 1 named Interrupted in --json whichever of the summary
// or the signal the command sees first (it was SyncFailed or Interrupted at
// random) and before the run started (it was CommandFailed "the sync did
// not start: context canceled"), and the resumed sync ends with the org's
// records.
func TestCtrlCMidSyncIsSaidPlainlyAndLosesNothing(t *testing.T) {
	sim, srv := newSim(t, crashSeed)
	sim.InjectFault(sfsim.Fault{Endpoint: "results", Times: -1, Kind: sfsim.FaultSlow, Delay: 250 * time.Millisecond})
	c := newCLI(t)
	c.must(0, sim.IssueAccessToken()+"\n", "connect", "--no-sync", "--instance-url", srv.URL, "--access-token", "-")

	code, stdout, stderr := interruptSync(t, c.dir)
	if code != ExitFailed || strings.Contains(stdout+stderr, "context canceled") || !strings.Contains(strings.ToLower(stdout), "the next sync resumes") {
		t.Errorf("Ctrl-C mid sync: exit %d (want 1), said:\n%s%s", code, stdout, stderr)
	}
	if n := strings.Count(strings.ToLower(stdout), "next sync resumes"); n != 1 {
		t.Errorf("Ctrl-C mid sync says %d times that the next sync resumes, want once:\n%s", n, stdout)
	}
	code, stdout, _ = interruptSync(t, c.dir, "--json")
	var doc jsonError
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil || code != ExitFailed || doc.Name != "Interrupted" ||
		strings.Contains(doc.Message, "context canceled") {
		t.Errorf("Ctrl-C mid sync --json: exit %d, want 1 and name Interrupted without Go's words (%v):\n%s", code, err, stdout)
	}
	// Ctrl-C before the run starts (while the estimate waits for Salesforce).
	sim.InjectFault(sfsim.Fault{Endpoint: "*", Times: 1, Kind: sfsim.FaultSlow, Delay: 3 * time.Second})
	code, stdout, stderr = interruptSync(t, c.dir, "--json")
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil || code != ExitFailed || doc.Name != "Interrupted" ||
		strings.Contains(stdout+stderr, "context canceled") {
		t.Errorf("Ctrl-C before the run started, --json: exit %d, want 1 and name Interrupted without Go's words (%v):\n%s%s", code, err, stdout, stderr)
	}
	sim.ClearFaults()
	runs := jsonResult[RunsResult](t, c.must(0, "", "runs", "--json"))
	for _, r := range runs.Runs {
		if r.Result == store.RunStopped && (r.Error == "" || strings.Contains(r.Error, "context canceled")) {
			t.Errorf("stopped run %d in the history says %q", r.Seq, r.Error)
		}
	}

	c.must(0, "", "sync", "--once")
	assertDirEqualsOrg(t, c.dir, sim)
}

// TestStoreRemovedMidSyncIsSaidOnce: the store file removed during a sync
// fails the run with its reason said once in the summary, on one line; the
// later steps that met the same removed file (a bookmark, the Queues)
// added it again on a line of its own with Go's "bookmark User: " before.
func TestStoreRemovedMidSyncIsSaidOnce(t *testing.T) {
	sim, srv := newSim(t, crashSeed)
	sim.InjectFault(sfsim.Fault{Endpoint: "results", Times: -1, Kind: sfsim.FaultSlow, Delay: 250 * time.Millisecond})
	c := newCLI(t)
	c.must(0, sim.IssueAccessToken()+"\n", "connect", "--no-sync", "--instance-url", srv.URL, "--access-token", "-")
	cmd := child(t, "--data-dir", c.dir, "sync", "--once")
	stdout := newLockedBuffer()
	cmd.Stdout, cmd.Stderr = stdout, stdout
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "a committed page", func() bool { return strings.Contains(stdout.String(), "(full): ") })
	if err := os.Remove(filepath.Join(c.dir, store.FileName)); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	out := stdout.String()
	if cmd.ProcessState.ExitCode() != ExitFailed {
		t.Fatalf("sync with its store removed: exit %d, want 1:\n%s", cmd.ProcessState.ExitCode(), out)
	}
	for _, line := range strings.Split(out, "\n") {
		n := strings.Count(line, "removed or replaced")
		switch {
		case n == 0:
		case strings.HasPrefix(line, "Sync failed") && n == 1, strings.HasPrefix(line, "Status: Error"):
		default:
			t.Errorf("the removed store is said again (%d times) in %q; whole output:\n%s", n, line, out)
		}
	}
}
