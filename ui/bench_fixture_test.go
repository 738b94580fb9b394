package ui

import (
	"context"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/sfsync/sfsync/core/benchproc"
	"github.com/sfsync/sfsync/core/engine"
	"github.com/sfsync/sfsync/core/salesforce"
	"github.com/sfsync/sfsync/core/secrets"
	"github.com/sfsync/sfsync/core/store"
)

// benchStore is the store file the Records and window benchmarks read: a
// real first sync of the benchmark org (SFSYNC_BENCH_ROWS Accounts,
// default 1,000,000) from the simulator in its own process. The first
// benchmark that needs it makes it (BenchmarkTapWhileSyncing while it
// measures taps, or benchStoreDir without a window); TestMain removes it.
var benchStore struct {
	mu   sync.Mutex
	dir  string
	rows int // Accounts in the simulator's org
}

// TestMain removes the benchmarks' store file after the run.
func TestMain(m *testing.M) {
	code := m.Run()
	if benchStore.dir != "" {
		_ = os.RemoveAll(benchStore.dir)
	}
	os.Exit(code)
}

// benchOrgRows is SFSYNC_BENCH_ROWS, or 1,000,000.
func benchOrgRows(b *testing.B) int {
	n, err := benchproc.Rows(1_000_000)
	if err != nil {
		b.Fatal(err)
	}
	return n
}

// startBenchSimulator builds cmd/sfsim and starts it with rows Accounts;
// it stops when the benchmark ends.
func startBenchSimulator(b *testing.B, rows int) *benchproc.Simulator {
	bin, err := benchproc.BuildSimulator(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	sim, err := benchproc.StartSimulator(bin, 10*time.Minute, benchproc.SeedArgs(rows, 50)...)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(sim.Stop)
	b.Logf("simulator: %d Accounts seeded in %s (own process)", rows, time.Since(start).Round(time.Millisecond))
	return sim
}

// newBenchEngine opens a store in a new directory and connects an engine
// to the simulator with its access token, the benchmark selection stored.
func newBenchEngine(b *testing.B, sim *benchproc.Simulator) (string, *store.Store, *engine.Engine) {
	dir, err := os.MkdirTemp("", "sfsync-ui-bench-")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { // unless it became the shared store
		benchStore.mu.Lock()
		defer benchStore.mu.Unlock()
		if benchStore.dir != dir {
			_ = os.RemoveAll(dir)
		}
	})
	st, err := store.Open(dir, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	e, err := engine.New(engine.Config{Store: st, Secrets: secrets.NewMemory(),
		DefaultSelection: benchproc.Selection(engine.Objects),
		Poll:             salesforce.PollPolicy{Initial: 10 * time.Millisecond, Max: 100 * time.Millisecond}})
	if err != nil {
		b.Fatal(err)
	}
	if err := e.ConnectWithToken(context.Background(), sim.BaseURL, sim.AccessToken); err != nil {
		b.Fatal(err)
	}
	return dir, st, e
}

// keepBenchStore offers a synced store directory as the shared one (the
// first offered is kept; the others are removed when their benchmark ends).
func keepBenchStore(dir string, rows int) {
	benchStore.mu.Lock()
	defer benchStore.mu.Unlock()
	if benchStore.dir == "" {
		benchStore.dir, benchStore.rows = dir, rows
	}
}

// benchStoreDir returns the shared store directory, making it with a
// headless first sync when no benchmark has yet.
func benchStoreDir(b *testing.B) (dir string, rows int) {
	benchStore.mu.Lock()
	dir, rows = benchStore.dir, benchStore.rows
	benchStore.mu.Unlock()
	if dir != "" {
		return dir, rows
	}
	rows = benchOrgRows(b)
	sim := startBenchSimulator(b, rows)
	dir, st, e := newBenchEngine(b, sim)
	go func() {
		for range e.Events() {
		}
	}()
	start := time.Now()
	if _, err := e.RunOnce(context.Background()); err != nil {
		b.Fatal(err)
	}
	b.Logf("store: first sync of %d Accounts in %s", rows, time.Since(start).Round(time.Millisecond))
	e.Close()
	if err := st.Close(); err != nil {
		b.Fatal(err)
	}
	keepBenchStore(dir, rows)
	return benchStoreDir(b)
}
