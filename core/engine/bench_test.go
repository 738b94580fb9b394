package engine

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sfsync/sfsync/core/benchproc"
	"github.com/sfsync/sfsync/core/fields"
	"github.com/sfsync/sfsync/core/secrets"
	"github.com/sfsync/sfsync/core/sfsim"
	"github.com/sfsync/sfsync/core/sfsim/simtest"
	"github.com/sfsync/sfsync/core/store"
)

// BenchmarkFullSync: the first sync of N Accounts with the default
// fields, end to end as a person runs it: `sfsync sync --once` as a
// process (built here, shipped settings) after `sfsync connect
// --access-token - --no-sync`, beside the floor: the same Bulk job (same
// SOQL, same page size) read with net/http and encoding/csv into bbolt,
// one transaction per page, in a child process of its own. The simulator
// runs in its own process too (cmd/sfsim), seeded with N Accounts and 50
// Users. Sizes: 100,000 and SFSYNC_BENCH_ROWS (default 1,000,000). Run
// with -benchtime 1x. Each size is measured benchRepeats times, floor and
// sfsync in turn, and the best of each is kept: the machine is shared, and
// the best run is the one least disturbed. Once per size the real
// Salesforce CLI (`make sf`) exports the same rows with `sf data export
// bulk --all-rows` for comparison. Set SFSYNC_BENCH_CPUPROFILE to
// profile the largest size's first sync in-process (the engine child)
// into that file.
func BenchmarkFullSync(b *testing.B) {
	big, err := benchproc.Rows(1_000_000)
	if err != nil {
		b.Fatal(err)
	}
	sizes := []int{min(100_000, big)}
	if big > sizes[0] {
		sizes = append(sizes, big)
	}
	dir := b.TempDir()
	simBin, err := benchproc.BuildSimulator(dir)
	if err != nil {
		b.Fatal(err)
	}
	app, err := benchproc.BuildSfsync(dir, "migrated_fynedo")
	if err != nil {
		b.Fatal(err)
	}
	var rows []fullSyncRow
	for _, n := range sizes {
		seedStart := time.Now()
		sim, err := benchproc.StartSimulator(simBin, 10*time.Minute, benchproc.SeedArgs(n, 50)...)
		if err != nil {
			b.Fatal(err)
		}
		fmt.Printf("simulator: %d Accounts seeded in %s, its RSS %.0f MiB\n", n,
			time.Since(seedStart).Round(time.Millisecond), float64(sim.RSS())/(1<<20))
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			for range b.N {
				row, err := bestFullSync(b, app, sim, n)
				if err != nil {
					b.Fatal(err)
				}
				if row.sf, row.sfCalls, err = sfExport(b, sim, row.soql); err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(row.ratio(), "wall/floor")
				b.ReportMetric(float64(row.calls), "calls")
				b.ReportMetric(row.engine.PeakRSSMiB(), "peakRSS-MiB")
				rows = append(rows, row)
			}
		})
		if p := os.Getenv(envCPUProfile); p != "" && n == sizes[len(sizes)-1] {
			profileFirstSync(b, sim, p)
		}
		sim.Stop()
	}
	printFullSyncTable(rows)
}

// fullSyncRow is one size's measurements.
type fullSyncRow struct {
	rows   int
	engine benchproc.Process // the `sfsync sync --once` process
	calls  int               // API calls the simulator counted during it
	stored int               // Accounts in the store afterwards
	floor  benchproc.Result
	soql   string // the query sfsync ran
	// sf is `sf data export bulk` of the same query (nil: CLI not installed).
	sf      *benchproc.Process
	sfCalls int
}

// ratio is the engine's wall time over the floor's, both whole processes.
func (r fullSyncRow) ratio() float64 { return r.engine.Wall.Seconds() / r.floor.Wall.Seconds() }

// benchRepeats is how many times each size is measured.
const benchRepeats = 3

// bestFullSync measures a size benchRepeats times and keeps the fastest
// floor and the fastest sfsync run.
func bestFullSync(b *testing.B, app string, sim *benchproc.Simulator, n int) (fullSyncRow, error) {
	var best fullSyncRow
	for i := range benchRepeats {
		row, err := fullSyncAt(b, app, sim, n)
		if err != nil {
			return row, err
		}
		fmt.Printf("  run %d: sfsync %.2fs (CPU %.2fs, %d calls, RSS %.1f MiB), floor %.2fs (%d calls, RSS %.1f MiB)\n", i+1,
			row.engine.Wall.Seconds(), row.engine.CPU.Seconds(), row.calls, row.engine.PeakRSSMiB(),
			row.floor.Wall.Seconds(), row.floor.APICalls, row.floor.PeakRSSMiB())
		if i == 0 || row.engine.Wall < best.engine.Wall {
			best.rows, best.engine, best.calls, best.stored, best.soql = row.rows, row.engine, row.calls, row.stored, row.soql
		}
		if i == 0 || row.floor.Wall < best.floor.Wall {
			best.floor = row.floor
		}
	}
	return best, nil
}

// fullSyncAt connects a new data directory with a new session of the
// simulator, runs the floor and then `sfsync sync --once`, and checks both
// read every Account.
func fullSyncAt(b *testing.B, app string, sim *benchproc.Simulator, n int) (fullSyncRow, error) {
	row := fullSyncRow{rows: n}
	dataDir := b.TempDir()
	token, err := sim.NewAccessToken() // the last run's disconnect revoked the one before
	if err != nil {
		return row, err
	}
	if _, err := benchproc.Run(app, strings.NewReader(token), nil, "--data-dir", dataDir,
		"connect", "--instance-url", sim.BaseURL, "--access-token", "-", "--no-sync"); err != nil {
		return row, err
	}
	defer func() { // revoke the token and take it out of the keyring
		if _, err := benchproc.Run(app, nil, nil, "--data-dir", dataDir, "disconnect"); err != nil {
			b.Log(err)
		}
	}()
	soql, maxRecords, err := accountQuery(dataDir)
	if err != nil {
		return row, err
	}
	row.soql = soql
	row.floor, err = benchproc.RunChild("floor", envBaseURL+"="+sim.BaseURL, envToken+"="+token,
		envDir+"="+b.TempDir(), envSOQL+"="+soql, fmt.Sprintf("%s=%d", envMaxRecords, maxRecords))
	if err != nil {
		return row, err
	}
	before, err := sim.Usage()
	if err != nil {
		return row, err
	}
	if row.engine, err = benchproc.Run(app, nil, nil, "--data-dir", dataDir, "sync", "--once"); err != nil {
		return row, err
	}
	after, err := sim.Usage()
	if err != nil {
		return row, err
	}
	row.calls = after - before
	if row.stored, err = storedAccounts(dataDir); err != nil {
		return row, err
	}
	if row.floor.Rows != n || row.stored != n-row.floor.Deleted {
		return row, fmt.Errorf("the floor read %d Accounts (%d deleted), sfsync stored %d; the org has %d",
			row.floor.Rows, row.floor.Deleted, row.stored, n)
	}
	return row, nil
}

// accountQuery is the SOQL and page size sfsync's first sync of Account
// uses with the data directory's settings (the default fields after
// connect).
func accountQuery(dataDir string) (string, int, error) {
	st, err := store.Open(dataDir, store.Options{})
	if err != nil {
		return "", 0, err
	}
	defer st.Close()
	cat, err := fields.LoadCatalog(st)
	if err != nil || cat == nil {
		return "", 0, fmt.Errorf("field catalog: %v (none: %v)", err, cat == nil)
	}
	set, _, err := st.Settings()
	if err != nil {
		return "", 0, err
	}
	plan, err := newObjectPlan(cat, completeSelection(cat, set.Fields), "Account")
	if err != nil {
		return "", 0, err
	}
	soql, err := plan.soql(nil)
	return soql, set.MaxRecords, err
}

func storedAccounts(dataDir string) (int, error) {
	st, err := store.Open(dataDir, store.Options{})
	if err != nil {
		return 0, err
	}
	defer st.Close()
	return st.Count("Account")
}

// printFullSyncTable prints sfsync beside the floor per size and the
// growth of sfsync's peak RSS from the smallest to the largest size.
func printFullSyncTable(rows []fullSyncRow) {
	fmt.Println("first sync     rows  sfsync s  floor s  ratio  sfsync CPU s  floor task s  calls  floor calls  sfsync RSS MiB  floor RSS MiB")
	for _, r := range rows {
		fmt.Printf("first sync %9d %9.2f %8.2f %5.2fx %13.2f %13.2f %6d %12d %15.1f %14.1f\n", r.rows,
			r.engine.Wall.Seconds(), r.floor.Wall.Seconds(), r.ratio(), r.engine.CPU.Seconds(), r.floor.Seconds,
			r.calls, r.floor.APICalls, r.engine.PeakRSSMiB(), r.floor.PeakRSSMiB())
	}
	for _, r := range rows {
		if r.sf != nil {
			fmt.Printf("sf data export bulk %9d rows: %.2fs (%.2fx sfsync), CPU %.2fs, %d calls, peak RSS %.1f MiB\n", r.rows,
				r.sf.Wall.Seconds(), r.sf.Wall.Seconds()/r.engine.Wall.Seconds(), r.sf.CPU.Seconds(), r.sfCalls, r.sf.PeakRSSMiB())
		} else {
			fmt.Println("sf data export bulk: the Salesforce CLI is not installed; run `make sf`")
		}
	}
	if len(rows) > 1 {
		lo, hi := rows[0], rows[len(rows)-1]
		fmt.Printf("sfsync peak RSS %d/%d rows: %.2fx (target: flat, < 100 MiB); wall vs floor %.2fx and %.2fx (target <= 1.1x); "+
			"calls over the floor's %d and %d (target <= 5)\n", hi.rows, lo.rows, hi.engine.PeakRSSMiB()/lo.engine.PeakRSSMiB(),
			lo.ratio(), hi.ratio(), lo.calls-lo.floor.APICalls, hi.calls-hi.floor.APICalls)
	}
}

// sfCLI is the Salesforce CLI `make sf` installs, from this package.
const sfCLI = "../../.cache/sf/node_modules/.bin/sf"

// sfExport times the real Salesforce CLI exporting soql's rows (queryAll:
// --all-rows) to a CSV file after `sf org login access-token`, and counts
// its API calls; nil when the CLI is not installed.
func sfExport(b *testing.B, sim *benchproc.Simulator, soql string) (*benchproc.Process, int, error) {
	bin, err := filepath.Abs(sfCLI)
	if err != nil {
		return nil, 0, err
	}
	if _, err := os.Stat(bin); err != nil {
		return nil, 0, nil
	}
	token, err := sim.NewAccessToken()
	if err != nil {
		return nil, 0, err
	}
	dir := b.TempDir()
	env := simtest.SalesforceCLIEnv(filepath.Dir(bin), dir, token)
	if _, err := benchproc.Run(bin, nil, env, "org", "login", "access-token", "--instance-url", sim.BaseURL,
		"--alias", "sim", "--no-prompt", "--json"); err != nil {
		return nil, 0, err
	}
	before, err := sim.Usage()
	if err != nil {
		return nil, 0, err
	}
	p, err := benchproc.Run(bin, nil, env, "data", "export", "bulk", "--target-org", "sim", "--wait", "30", "--all-rows",
		"--query", soql, "--output-file", filepath.Join(dir, "accounts.csv"), "--json")
	if err != nil {
		return nil, 0, err
	}
	after, err := sim.Usage()
	return &p, after - before, err
}

// profileFirstSync runs the engine's first sync in a child of this test
// binary with a CPU profile written to path.
func profileFirstSync(b *testing.B, sim *benchproc.Simulator, path string) {
	token, err := sim.NewAccessToken()
	if err != nil {
		b.Fatal(err)
	}
	res, err := benchproc.RunChild("engine", envBaseURL+"="+sim.BaseURL, envToken+"="+token,
		envDir+"="+b.TempDir(), envCPUProfile+"="+path)
	if err != nil {
		b.Fatal(err)
	}
	fmt.Printf("profiled first sync: %d rows in %.2fs, %d calls; CPU profile in %s\n", res.Rows, res.Seconds, res.APICalls, path)
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
	e, err := New(Config{Store: st, Secrets: secrets.NewMemory()})
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
