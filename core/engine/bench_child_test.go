package engine

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime/pprof"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/sfsync/sfsync/core/benchproc"
	"github.com/sfsync/sfsync/core/salesforce"
	"github.com/sfsync/sfsync/core/secrets"
	"github.com/sfsync/sfsync/core/store"
)

// The environment of a benchmark child (see benchproc.RunChild).
const (
	envBaseURL = "SFSYNC_BENCH_BASE_URL"
	envToken   = "SFSYNC_BENCH_TOKEN"
	envDir     = "SFSYNC_BENCH_DIR"
	// envHeapProfile, when set in the benchmark's environment, makes the
	// engine child write a heap profile there after the sync.
	envHeapProfile = "SFSYNC_BENCH_HEAPPROFILE"
	// envCPUProfile: where the engine child writes a CPU profile of the
	// first sync (BenchmarkFullSync runs it only when set).
	envCPUProfile = "SFSYNC_BENCH_CPUPROFILE"
	// envSOQL and envMaxRecords give the floor the query and page size the
	// engine uses.
	envSOQL       = "SFSYNC_BENCH_SOQL"
	envMaxRecords = "SFSYNC_BENCH_MAXRECORDS"
)

// TestMain runs a benchmark child's task when the binary is re-executed as
// one, and the tests otherwise.
func TestMain(m *testing.M) {
	if role := os.Getenv(benchproc.ChildEnv); role != "" {
		os.Exit(runBenchChild(role))
	}
	os.Exit(m.Run())
}

func runBenchChild(role string) int {
	base, token, dir := os.Getenv(envBaseURL), os.Getenv(envToken), os.Getenv(envDir)
	var res benchproc.Result
	var err error
	switch role {
	case "engine":
		res, err = engineFirstSync(base, token, dir)
	case "floor":
		res, err = floorFirstSync(base, token, dir)
	default:
		err = fmt.Errorf("unknown benchmark child %q", role)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchmark child:", err)
		return 1
	}
	benchproc.Report(res)
	return 0
}

// engineFirstSync connects an engine (shipped settings, default fields)
// to the simulator with its token and times one first sync (RunOnce) into
// a new store in dir, under a CPU profile when envCPUProfile is set.
func engineFirstSync(base, token, dir string) (benchproc.Result, error) {
	var res benchproc.Result
	st, err := store.Open(dir, store.Options{})
	if err != nil {
		return res, err
	}
	defer st.Close()
	e, err := New(Config{Store: st, Secrets: secrets.NewMemory()})
	if err != nil {
		return res, err
	}
	defer e.Close()
	read := make(chan int64, 1)
	go func() { // the Account rows read, from the progress events
		var done int64
		for ev := range e.Events() {
			if p := ev.State.Progress; p.Object == "Account" && p.FirstSync {
				done = max(done, p.Done)
			}
		}
		read <- done
	}()
	ctx := context.Background()
	beforeConnect, err := benchproc.Usage(base)
	if err != nil {
		return res, err
	}
	if err := e.ConnectWithToken(ctx, base, token); err != nil {
		return res, fmt.Errorf("connect with token: %w", err)
	}
	before, err := benchproc.Usage(base)
	if err != nil {
		return res, err
	}
	res.Note = fmt.Sprintf("(connect before it: %d calls)", before-beforeConnect)
	if _, err := e.EstimateFirstSync(ctx); err != nil { // as `sfsync sync` does
		return res, err
	}
	stopProfile, err := cpuProfile(os.Getenv(envCPUProfile))
	if err != nil {
		return res, err
	}
	start := time.Now()
	run, err := e.RunOnce(ctx)
	res.Seconds = time.Since(start).Seconds()
	stopProfile()
	if err != nil {
		return res, fmt.Errorf("first sync: %w", err)
	}
	after, err := benchproc.Usage(base)
	if err != nil {
		return res, err
	}
	res.APICalls = after - before
	if run.APICalls != res.APICalls {
		res.Note += fmt.Sprintf(" (the run counted %d calls)", run.APICalls)
	}
	if res.Stored, err = st.Count("Account"); err != nil {
		return res, err
	}
	if p := os.Getenv(envHeapProfile); p != "" {
		f, err := os.Create(p)
		if err != nil {
			return res, err
		}
		defer f.Close()
		if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
			return res, err
		}
	}
	e.Close()
	res.Rows = int(<-read)
	return res, nil
}

// cpuProfile starts a CPU profile into path ("" : none) and returns its stop.
func cpuProfile(path string) (func(), error) {
	if path == "" {
		return func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

// floorFirstSync is the least any client can do for the same data: one
// Bulk job of the engine's query (envSOQL), its pages (envMaxRecords rows)
// fetched with net/http, parsed with encoding/csv and written raw to bbolt
// in one transaction per page.
func floorFirstSync(base, token, dir string) (benchproc.Result, error) {
	var res benchproc.Result
	db, err := bolt.Open(filepath.Join(dir, "floor.db"), 0o600, nil)
	if err != nil {
		return res, err
	}
	defer db.Close()
	f := floorAPI{api: base + "/services/data/v" + salesforce.APIVersion, token: token}
	before, err := benchproc.Usage(base)
	if err != nil {
		return res, err
	}
	start := time.Now()
	q, _ := json.Marshal(map[string]string{"operation": "queryAll", "query": os.Getenv(envSOQL)})
	var job struct{ ID, State string }
	if _, _, err := f.call(http.MethodPost, f.api+"/jobs/query", bytes.NewReader(q), &job); err != nil {
		return res, err
	}
	for job.State != salesforce.JobComplete {
		time.Sleep(10 * time.Millisecond)
		if _, _, err := f.call(http.MethodGet, f.api+"/jobs/query/"+job.ID, nil, &job); err != nil {
			return res, err
		}
	}
	for locator := ""; ; {
		u := f.api + "/jobs/query/" + job.ID + "/results?maxRecords=" + os.Getenv(envMaxRecords)
		if locator != "" {
			u += "&locator=" + url.QueryEscape(locator)
		}
		h, body, err := f.call(http.MethodGet, u, nil, nil)
		if err != nil {
			return res, err
		}
		if err := floorPage(db, body, &res); err != nil {
			return res, err
		}
		if locator = h.Get("Sforce-Locator"); locator == "" || locator == "null" {
			break
		}
	}
	if _, _, err := f.call(http.MethodDelete, f.api+"/jobs/query/"+job.ID, nil, nil); err != nil {
		return res, err
	}
	res.Seconds = time.Since(start).Seconds()
	res.Stored = res.Rows
	after, err := benchproc.Usage(base)
	res.APICalls = after - before
	return res, err
}

// floorAPI is the floor's plain REST client.
type floorAPI struct{ api, token string }

func (f floorAPI) call(method, u string, body io.Reader, out any) (http.Header, []byte, error) {
	req, err := http.NewRequest(method, u, body)
	if err != nil {
		return nil, nil, err
	}
	req.Header.Set("Authorization", "Bearer "+f.token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, nil, err
	}
	if resp.StatusCode >= 300 {
		return nil, nil, fmt.Errorf("%s %s: HTTP %d", method, u, resp.StatusCode)
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			return nil, nil, err
		}
	}
	return resp.Header, raw, nil
}

// floorPage parses a CSV page with encoding/csv and writes its rows raw in
// one transaction.
func floorPage(db *bolt.DB, body []byte, res *benchproc.Result) error {
	recs, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
	if err != nil {
		return err
	}
	res.Deleted += countTrue(recs, "IsDeleted")
	res.Rows += len(recs) - 1
	return db.Update(func(tx *bolt.Tx) error {
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
}

// countTrue counts the rows (after the header) whose column is "true".
func countTrue(recs [][]string, column string) int {
	if len(recs) == 0 {
		return 0
	}
	col := slices.Index(recs[0], column)
	n := 0
	for _, r := range recs[1:] {
		if col >= 0 && r[col] == "true" {
			n++
		}
	}
	return n
}
