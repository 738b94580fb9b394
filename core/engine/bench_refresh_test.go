package engine

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/sfsync/sfsync/core/benchproc"
	"github.com/sfsync/sfsync/core/secrets"
	"github.com/sfsync/sfsync/core/store"
)

// BenchmarkRefresh: what the daily refresh of what SystemModstamp does not
// track costs at N Accounts (SFSYNC_BENCH_ROWS, default 1,000,000): the
// sweep of purged records alone (an Id-only Bulk query), and the sweep
// with the formula refresh (Id and Owner_Email__c in the same job). The
// simulator runs in its own process; the engine runs here with the shipped
// settings after a first sync it does not time, then its clock moves a day
// on. Printed: wall time, API calls, the Go heap in use after the run,
// beside the first sync's calls and wall time as the floor a full re-read
// would cost instead.
func BenchmarkRefresh(b *testing.B) {
	n, err := benchproc.Rows(1_000_000)
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	simBin, err := benchproc.BuildSimulator(dir)
	if err != nil {
		b.Fatal(err)
	}
	sim, err := benchproc.StartSimulator(simBin, 10*time.Minute, benchproc.SeedArgs(n, 50)...)
	if err != nil {
		b.Fatal(err)
	}
	defer sim.Stop()
	for _, formulas := range []bool{false, true} {
		name := "sweep"
		if formulas {
			name = "sweep+formulas"
		}
		b.Run(fmt.Sprintf("%s/rows=%d", name, n), func(b *testing.B) {
			for range b.N {
				refreshAt(b, sim, n, formulas)
			}
		})
	}
}

// refreshAt syncs a new store, then runs the refresh a day later.
func refreshAt(b *testing.B, sim *benchproc.Simulator, n int, formulas bool) {
	token, err := sim.NewAccessToken()
	if err != nil {
		b.Fatal(err)
	}
	var mu sync.Mutex
	now := time.Now()
	st, err := store.Open(b.TempDir(), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	e, err := New(Config{Store: st, Secrets: secrets.NewMemory(),
		Now: func() time.Time { mu.Lock(); defer mu.Unlock(); return now }})
	if err != nil {
		b.Fatal(err)
	}
	defer e.Close()
	go func() {
		for range e.Events() {
		}
	}()
	ctx := context.Background()
	if err := e.ConnectWithToken(ctx, sim.BaseURL, token); err != nil {
		b.Fatal(err)
	}
	if formulas {
		sel := e.Selection()
		sel["Account"] = append(sel["Account"], "Owner_Email__c")
		if err := e.SaveFields(sel); err != nil {
			b.Fatal(err)
		}
	}
	start := time.Now()
	first, err := e.RunOnce(ctx)
	if err != nil {
		b.Fatal(err)
	}
	firstWall := time.Since(start)
	mu.Lock()
	now = now.Add(25 * time.Hour)
	mu.Unlock()
	start = time.Now()
	run, err := e.RunOnce(ctx)
	if err != nil {
		b.Fatal(err)
	}
	wall := time.Since(start)
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Printf("refresh of %d Accounts (formulas %v): %.2f s, %d API calls (%d for the refresh; the other objects share one composite), "+
		"heap in use %.0f MiB; a full re-read instead: %.2f s, %d calls\n",
		n, formulas, wall.Seconds(), run.APICalls, run.RefreshCalls, float64(ms.HeapInuse)/(1<<20), firstWall.Seconds(), first.APICalls)
	b.ReportMetric(float64(run.RefreshCalls), "refresh-calls")
	b.ReportMetric(wall.Seconds(), "refresh-s")
	if run.Objects["Account"].Purged != 0 || os.Getenv("SFSYNC_BENCH_DEBUG") != "" {
		fmt.Printf("  counts %+v\n", run.Objects)
	}
}
