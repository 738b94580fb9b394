package cli

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/sfsync/sfsync/core/app"
	"github.com/sfsync/sfsync/core/engine"
	"github.com/sfsync/sfsync/core/sfsim"
	"github.com/sfsync/sfsync/core/sfsim/simtest"
	"github.com/sfsync/sfsync/core/store"
)

// waitFor polls cond until it holds or the generous deadline passes.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// lockedBuffer is a bytes.Buffer safe for a child's output and the test.
type lockedBuffer struct {
	mu  chan struct{}
	buf bytes.Buffer
}

func newLockedBuffer() *lockedBuffer { return &lockedBuffer{mu: make(chan struct{}, 1)} }

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu <- struct{}{}
	defer func() { <-b.mu }()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu <- struct{}{}
	defer func() { <-b.mu }()
	return b.buf.String()
}

// TestSecondInstanceIsRefused: while a `sfsync sync` process holds the
// store, `sfsync status` fails with the clear message and exit code 3; the
// scheduled sync stops cleanly on SIGTERM.
func TestSecondInstanceIsRefused(t *testing.T) {
	sim, srv := newSim(t, smallSeed)
	c := newCLI(t)
	c.must(0, sim.IssueAccessToken()+"\n", "connect", "--no-sync", "--instance-url", srv.URL, "--access-token", "-")

	cmd := child(t, "--data-dir", c.dir, "sync")
	out, errb := newLockedBuffer(), newLockedBuffer()
	cmd.Stdout, cmd.Stderr = out, errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the scheduled first sync", func() bool { return strings.Contains(out.String(), "Sync finished") })

	r := c.must(ExitRunning, "", "status")
	want := fmt.Sprintf("sfsync is already running (data directory %s)", c.dir)
	if !strings.Contains(r.stderr, want) || strings.Count(strings.TrimSpace(r.stderr), "\n") > 0 {
		t.Errorf("second instance said %q, want one line with %q", r.stderr, want)
	}

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("sync after SIGTERM: %v\nstdout:\n%s\nstderr:\n%s", err, out, errb)
	}
	if !strings.Contains(out.String(), "Syncing every hour while this runs") || !strings.Contains(out.String(), "Stopping") {
		t.Errorf("scheduled sync output:\n%s", out)
	}
	c.must(0, "", "status") // the lock is gone with the process
}

// crashSeed gives a first sync of many Bulk pages: 30,000 Accounts read
// 2,000 rows a page.
var crashSeed = sfsim.SeedConfig{Users: 20, Accounts: 30_000, ContactsPerAccount: 0, OpportunitiesPerAccount: 0, Leads: 500, Seed: 11}

// TestKilledSyncResumesExactly kills `sfsync sync --once` with SIGKILL at
// 20 random moments; after each the store opens, and a final resumed sync
// leaves the store equal to the org.
func TestKilledSyncResumesExactly(t *testing.T) {
	sim, srv := newSim(t, crashSeed)
	// Every results page takes a while, so kills land between pages too.
	sim.InjectFault(sfsim.Fault{Endpoint: "results", Times: -1, Kind: sfsim.FaultSlow, Delay: 250 * time.Millisecond})
	c := newCLI(t)
	c.must(0, sim.IssueAccessToken()+"\n", "connect", "--no-sync", "--instance-url", srv.URL, "--access-token", "-")
	withEngine(t, c.dir, func(e *engine.Engine) {
		if err := e.SetMaxRecords(2000); err != nil {
			t.Fatal(err)
		}
	})

	seed := uint64(time.Now().UnixNano())
	if v, err := strconv.ParseUint(os.Getenv("SFSYNC_KILL_SEED"), 10, 64); err == nil {
		seed = v
	}
	t.Logf("kill moments from seed %d (SFSYNC_KILL_SEED=%d reproduces them)", seed, seed)
	rng := rand.New(rand.NewPCG(seed, 1))
	var before, midFirst, after int
	for i := range 20 {
		cmd := child(t, "--data-dir", c.dir, "sync", "--once")
		out := newLockedBuffer()
		cmd.Stdout, cmd.Stderr = out, out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Kill a random moment after the run committed its first page (its
		// first progress line) or, once the first sync is done, at once.
		waitFor(t, "a committed page or the end of the run", func() bool {
			o := out.String()
			return strings.Contains(o, "(full): ") || strings.Contains(o, "Sync ")
		})
		time.Sleep(time.Duration(rng.Int64N(int64(600 * time.Millisecond))))
		_ = cmd.Process.Signal(syscall.SIGKILL)
		_ = cmd.Wait()
		st, err := store.Open(c.dir, store.Options{Timeout: 10 * time.Second})
		if err != nil {
			t.Fatalf("kill %d: store does not open: %v\noutput:\n%s", i, err, out.String())
		}
		started, done := firstSyncProgress(t, st)
		st.Close()
		switch {
		case done:
			after++
		case started:
			midFirst++
		default:
			before++
		}
	}
	t.Logf("SIGKILL landed mid-first-sync %d times, elsewhere %d times (%d before any page was committed, %d after the first sync ended)",
		midFirst, before+after, before, after)
	// Only kills between committed pages of the first sync test resuming
	// from a checkpoint; a restart from scratch would also end equal.
	if midFirst < 5 {
		t.Errorf("only %d of 20 kills landed mid-first-sync (seed %d): the test did not exercise resuming", midFirst, seed)
	}

	r := c.must(0, "", "sync", "--once")
	if !strings.Contains(r.stdout, "Sync finished") {
		t.Fatalf("resumed sync:\n%s", r.stdout)
	}
	st := assertDirEqualsOrg(t, c.dir, sim)
	// Issue 11 case 8: no killed run stays "running" in the history.
	runs, err := st.Runs(0)
	if err != nil {
		t.Fatal(err)
	}
	interrupted := 0
	for _, r := range runs {
		switch r.Result {
		case store.RunRunning:
			t.Errorf("run %d still says running after its process was killed", r.Seq)
		case store.RunInterrupted:
			interrupted++
		}
	}
	if interrupted == 0 {
		t.Errorf("none of 20 killed runs is marked interrupted: %+v", runs)
	}
}

// assertDirEqualsOrg opens the store in dir (closed when the test ends) and
// checks every object's rows and selected fields against the org.
func assertDirEqualsOrg(t *testing.T, dir string, sim *sfsim.Server) *store.Store {
	t.Helper()
	st, err := store.Open(dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	set, _, err := st.Settings()
	if err != nil {
		t.Fatal(err)
	}
	for _, obj := range engine.Objects {
		assertStoreEqualsOrg(t, st, sim, obj, set.Fields[obj])
	}
	return st
}

// withEngine opens the data directory's engine in this process.
func withEngine(t *testing.T, dir string, fn func(*engine.Engine)) {
	t.Helper()
	a, err := app.Open(app.Options{DataDir: dir, Keyring: true, Tune: fastClient})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	fn(a.Engine)
}

// firstSyncProgress says whether the first sync has committed anything and
// whether it is complete (every object has a bookmark).
func firstSyncProgress(t *testing.T, st *store.Store) (started, done bool) {
	t.Helper()
	done = true
	for _, obj := range engine.Objects {
		_, hasBM, err := st.Bookmark(obj)
		if err != nil {
			t.Fatal(err)
		}
		_, hasCP, err := st.Checkpoint(obj)
		if err != nil {
			t.Fatal(err)
		}
		n, err := st.Count(obj)
		if err != nil {
			t.Fatal(err)
		}
		started = started || hasBM || hasCP || n > 0
		done = done && hasBM
	}
	return started, done
}

// assertStoreEqualsOrg checks every selected field of every live row.
func assertStoreEqualsOrg(t *testing.T, st *store.Store, sim *sfsim.Server, obj string, selected []string) {
	t.Helper()
	cols := append([]string{"Id", "SystemModstamp"}, selected...)
	diffs, err := simtest.Diff(st, sim.Org(), obj, cols, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range diffs {
		t.Error(d)
	}
}
