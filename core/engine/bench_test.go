package engine

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/sfsync/sfsync/core/salesforce"
	"github.com/sfsync/sfsync/core/secrets"
	"github.com/sfsync/sfsync/core/sfsim"
	"github.com/sfsync/sfsync/core/store"
)

// benchAccountFields are 22 Account fields; with Id, IsDeleted and
// SystemModstamp a row has 25.
var benchAccountFields = []string{"AccountNumber", "AnnualRevenue", "BillingCity", "BillingCountry",
	"BillingPostalCode", "BillingState", "BillingStreet", "Fax", "Industry", "Name", "NumberOfEmployees",
	"OwnerId", "Ownership", "ParentId", "Phone", "Rating", "ShippingCity", "ShippingStreet", "Sic",
	"TickerSymbol", "Type", "Website"}

// BenchmarkFullSync: the engine's first sync of N Accounts (25 fields) from
// the simulator into bbolt, beside the floor: the same Bulk pages fetched
// with http.Get, parsed with encoding/csv and written raw to bbolt in
// 10,000-row transactions. Run with -benchtime 1x.
func BenchmarkFullSync(b *testing.B) {
	big := 1_000_000
	if s := os.Getenv("SFSYNC_BENCH_ROWS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n <= 0 {
			b.Fatalf("SFSYNC_BENCH_ROWS=%q: not a positive number", s)
		}
		big = n
	}
	for _, rows := range []int{100_000, big} {
		var sim *sfsim.Server
		var simHeap uint64
		setup := func(b *testing.B) {
			if sim == nil {
				before := heapInuse()
				sim = sfsim.New(sfsim.Options{DailyAPIMax: 1_000_000,
					Seed: sfsim.SeedConfig{Users: 50, Accounts: rows, Seed: 3}})
				simHeap = heapInuse() - min(before, heapInuse())
			}
		}
		b.Run(fmt.Sprintf("rows=%d/engine", rows), func(b *testing.B) {
			setup(b)
			for range b.N {
				benchEngineFullSync(b, sim, simHeap)
			}
		})
		b.Run(fmt.Sprintf("rows=%d/floor", rows), func(b *testing.B) {
			setup(b)
			for range b.N {
				benchFloorFullSync(b, sim, simHeap)
			}
		})
		sim = nil
		runtime.GC()
	}
}

func benchEngineFullSync(b *testing.B, sim *sfsim.Server, simHeap uint64) {
	srv := httptest.NewServer(sim)
	defer srv.Close()
	st, err := store.Open(b.TempDir(), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	sel := map[string][]string{"Account": benchAccountFields}
	for _, obj := range Objects {
		if obj != "Account" {
			sel[obj] = nil
		}
	}
	e, err := New(Config{Store: st, Secrets: secrets.NewMemory(), DefaultSelection: sel,
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
	usedBefore, _ := sim.Usage()
	peak := sampleHeap()
	b.ResetTimer()
	start := time.Now()
	run, err := e.RunOnce(context.Background())
	elapsed := time.Since(start)
	b.StopTimer()
	heapPeak := peak()
	if err != nil {
		b.Fatal(err)
	}
	usedAfter, _ := sim.Usage()
	n, _ := st.Count("Account")
	report(b, "engine", n, elapsed, usedAfter-usedBefore, heapPeak, simHeap)
	if run.APICalls != usedAfter-usedBefore {
		b.Logf("run counted %d calls, simulator %d", run.APICalls, usedAfter-usedBefore)
	}
}

// benchFloorFullSync is the least any client can do for the same data.
func benchFloorFullSync(b *testing.B, sim *sfsim.Server, simHeap uint64) {
	srv := httptest.NewServer(sim)
	defer srv.Close()
	db, err := bolt.Open(filepath.Join(b.TempDir(), "floor.db"), 0o600, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	token := sim.IssueAccessToken()
	base := srv.URL + "/services/data/v" + salesforce.APIVersion
	call := func(method, u string, body io.Reader, out any) (http.Header, []byte) {
		req, _ := http.NewRequest(method, u, body)
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		defer resp.Body.Close()
		raw, _ := io.ReadAll(resp.Body)
		if resp.StatusCode >= 300 {
			b.Fatalf("%s %s: HTTP %d", method, u, resp.StatusCode)
		}
		if out != nil {
			if err := json.Unmarshal(raw, out); err != nil {
				b.Fatal(err)
			}
		}
		return resp.Header, raw
	}
	usedBefore, _ := sim.Usage()
	peak := sampleHeap()
	b.ResetTimer()
	start := time.Now()
	cols := append([]string{"Id", "IsDeleted", "SystemModstamp"}, benchAccountFields...)
	q, _ := json.Marshal(map[string]string{"operation": "queryAll", "query": "SELECT " + strings.Join(cols, ", ") + " FROM Account"})
	var job struct{ ID, State string }
	call(http.MethodPost, base+"/jobs/query", bytes.NewReader(q), &job)
	for job.State != salesforce.JobComplete {
		time.Sleep(10 * time.Millisecond)
		call(http.MethodGet, base+"/jobs/query/"+job.ID, nil, &job)
	}
	locator, rows := "", 0
	for {
		u := base + "/jobs/query/" + job.ID + "/results?maxRecords=10000"
		if locator != "" {
			u += "&locator=" + url.QueryEscape(locator)
		}
		h, body := call(http.MethodGet, u, nil, nil)
		recs, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
		if err != nil {
			b.Fatal(err)
		}
		err = db.Update(func(tx *bolt.Tx) error {
			bk, err := tx.CreateBucketIfNotExists([]byte("Account"))
			if err != nil {
				return err
			}
			bk.FillPercent = 0.9
			for _, r := range recs[1:] {
				if err := bk.Put([]byte(r[0]), []byte(strings.Join(r[1:], "\x1f"))); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		rows += len(recs) - 1
		locator = h.Get("Sforce-Locator")
		if locator == "" || locator == "null" {
			break
		}
	}
	call(http.MethodDelete, base+"/jobs/query/"+job.ID, nil, nil)
	elapsed := time.Since(start)
	b.StopTimer()
	heapPeak := peak()
	usedAfter, _ := sim.Usage()
	report(b, "floor", rows, elapsed, usedAfter-usedBefore, heapPeak, simHeap)
}

func report(b *testing.B, who string, rows int, elapsed time.Duration, calls int, heapPeak, simHeap uint64) {
	rate := float64(rows) / elapsed.Seconds()
	b.ReportMetric(rate, "rows/s")
	b.ReportMetric(float64(calls), "calls")
	b.ReportMetric(float64(heapPeak)/(1<<20), "heapPeakMB")
	fmt.Printf("%-6s %9d rows in %7.2fs = %9.0f rows/s, %4d API calls, heap peak %6.1f MiB (simulator's own data ~%.1f MiB of it), process VmHWM %s\n",
		who, rows, elapsed.Seconds(), rate, calls, float64(heapPeak)/(1<<20), float64(simHeap)/(1<<20), vmHWM())
}

func heapInuse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}

// sampleHeap samples HeapInuse every 20 ms until the returned function is
// called, which returns the peak.
func sampleHeap() func() uint64 {
	var peak atomic.Uint64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapInuse > peak.Load() {
				peak.Store(m.HeapInuse)
			}
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	return func() uint64 {
		close(stop)
		wg.Wait()
		return peak.Load()
	}
}

// vmHWM is the process's peak resident set (Linux), simulator included.
func vmHWM() string {
	raw, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "n/a"
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			return strings.TrimSpace(v)
		}
	}
	return "n/a"
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
