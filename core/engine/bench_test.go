package engine

import (
	"context"
	"fmt"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/sfsync/sfsync/core/benchproc"
	"github.com/sfsync/sfsync/core/salesforce"
	"github.com/sfsync/sfsync/core/secrets"
	"github.com/sfsync/sfsync/core/sfsim"
	"github.com/sfsync/sfsync/core/store"
)

// BenchmarkFullSync: the engine's first sync of N Accounts (25 fields) from
// the simulator into bbolt, beside the floor: the same Bulk pages fetched
// with net/http, parsed with encoding/csv and written raw to bbolt in
// 10,000-row transactions. The simulator runs in its own process (cmd/sfsim)
// and so do the engine and the floor (children of this test binary), so
// each child's peak RSS is its own. Sizes: 100,000 and SFSYNC_BENCH_ROWS
// (default 1,000,000). Run with -benchtime 1x.
func BenchmarkFullSync(b *testing.B) {
	big, err := benchproc.Rows(1_000_000)
	if err != nil {
		b.Fatal(err)
	}
	sizes := []int{min(100_000, big)}
	if big > sizes[0] {
		sizes = append(sizes, big)
	}
	bin, err := benchproc.BuildSimulator(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	results := map[string]benchproc.Result{}
	for _, rows := range sizes {
		seedStart := time.Now()
		sim, err := benchproc.StartSimulator(bin, 10*time.Minute, benchproc.SeedArgs(rows, 50)...)
		if err != nil {
			b.Fatal(err)
		}
		fmt.Printf("simulator: %d Accounts seeded in %s, its RSS %.0f MiB\n", rows,
			time.Since(seedStart).Round(time.Millisecond), float64(sim.RSS())/(1<<20))
		for _, who := range []string{"floor", "engine"} {
			b.Run(fmt.Sprintf("rows=%d/%s", rows, who), func(b *testing.B) {
				for range b.N {
					res, err := benchproc.RunChild(who, envBaseURL+"="+sim.BaseURL, envToken+"="+sim.AccessToken,
						envDir+"="+b.TempDir())
					if err != nil {
						b.Fatal(err)
					}
					if res.Rows != rows {
						b.Fatalf("%s read %d Accounts, the org has %d", who, res.Rows, rows)
					}
					results[fmt.Sprint(who, rows)] = res
					b.ReportMetric(res.RowsPerSec(), "rows/s")
					b.ReportMetric(float64(res.APICalls), "calls")
					b.ReportMetric(res.PeakRSSMiB(), "peakRSS-MiB")
					fmt.Printf("%-6s %9d rows (%d stored) in %6.2fs = %8.0f rows/s, %3d API calls, peak RSS %6.1f MiB (process %s) %s\n",
						who, res.Rows, res.Stored, res.Seconds, res.RowsPerSec(), res.APICalls, res.PeakRSSMiB(),
						res.Wall.Round(time.Millisecond), res.Note)
				}
			})
		}
		sim.Stop()
	}
	printFullSyncTable(sizes, results)
}

// printFullSyncTable prints engine beside floor per size, their time
// ratio, and the growth of peak RSS from the smallest to the largest size.
func printFullSyncTable(sizes []int, results map[string]benchproc.Result) {
	fmt.Println("full sync      rows    engine s  floor s  engine/floor  engine rows/s  floor rows/s  calls  engine RSS MiB  floor RSS MiB")
	for _, n := range sizes {
		e, okE := results[fmt.Sprint("engine", n)]
		f, okF := results[fmt.Sprint("floor", n)]
		if !okE || !okF {
			continue
		}
		fmt.Printf("full sync %9d %10.2f %8.2f %12.2fx %14.0f %13.0f %6d %15.1f %14.1f\n", n, e.Seconds, f.Seconds,
			e.Seconds/f.Seconds, e.RowsPerSec(), f.RowsPerSec(), e.APICalls, e.PeakRSSMiB(), f.PeakRSSMiB())
	}
	lo, hi := sizes[0], sizes[len(sizes)-1]
	eLo, ok1 := results[fmt.Sprint("engine", lo)]
	eHi, ok2 := results[fmt.Sprint("engine", hi)]
	if lo != hi && ok1 && ok2 {
		fmt.Printf("engine peak RSS %d/%d rows: %.2fx (target < 1.3x); at %d rows %.1f MiB (target < 150 MiB); time vs floor %.2fx (target <= 1.5x)\n",
			hi, lo, float64(eHi.PeakRSS)/float64(eLo.PeakRSS), hi, eHi.PeakRSSMiB(),
			eHi.Seconds/results[fmt.Sprint("floor", hi)].Seconds)
	}
}

// BenchmarkIncrementalNoChange: a no-change incremental sync of all five
// objects: wall time and API calls.
func BenchmarkIncrementalNoChange(b *testing.B) {
	sim := sfsim.New(sfsim.Options{DailyAPIMax: 1_000_000})
	srv := httptest.NewServer(sim)
	defer srv.Close()
	st, err := store.Open(b.TempDir(), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	e, err := New(Config{Store: st, Secrets: secrets.NewMemory(),
		Poll: salesforce.PollPolicy{Initial: 10 * time.Millisecond, Max: 100 * time.Millisecond}})
	if err != nil {
		b.Fatal(err)
	}
	defer e.Close()
	go func() {
		for range e.Events() {
		}
	}()
	if err := e.ConnectWithToken(context.Background(), srv.URL, sim.IssueAccessToken()); err != nil {
		b.Fatal(err)
	}
	for range 2 { // first sync, then one incremental to settle
		if _, err := e.RunOnce(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
	usedBefore, _ := sim.Usage()
	b.ResetTimer()
	start := time.Now()
	for range b.N {
		if _, err := e.RunOnce(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
	elapsed := time.Since(start)
	b.StopTimer()
	usedAfter, _ := sim.Usage()
	calls := float64(usedAfter-usedBefore) / float64(b.N)
	b.ReportMetric(calls, "calls/run")
	fmt.Printf("no-change incremental sync of 5 objects: %v per run, %.0f API call(s) per run\n",
		elapsed/time.Duration(b.N), calls)
}
