package salesforce

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sfsync/sfsync/core/sfsim"
)

// BenchmarkBulkRead compares the client's Bulk results streaming with the
// floor: the same pages fetched with plain http.Get and parsed by
// encoding/csv with ReuseRecord. Size: SFSYNC_BENCH_ACCOUNTS (default
// 1,000,000). Run: go test -run x -bench BulkRead -benchtime 1x ./core/salesforce/
func BenchmarkBulkRead(b *testing.B) {
	n := 1_000_000
	if v := os.Getenv("SFSYNC_BENCH_ACCOUNTS"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n <= 0 {
			b.Fatalf("SFSYNC_BENCH_ACCOUNTS=%q", v)
		}
	}
	seedStart := time.Now()
	sim := sfsim.New(sfsim.Options{Seed: sfsim.SeedConfig{Users: 200, Accounts: n, Seed: 1}})
	srv := httptest.NewServer(sim)
	defer srv.Close()
	token := sim.IssueAccessToken()
	c, err := NewClient(Config{Token: Token{AccessToken: token, InstanceURL: srv.URL}})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	soql := benchSOQL(b, c)
	job, err := c.CreateQueryJob(ctx, soql, true)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := c.WaitJob(ctx, job.ID); err != nil {
		b.Fatal(err)
	}
	fmt.Printf("BulkRead: %d accounts seeded, job complete in %s; query has 25 columns\n", n, time.Since(seedStart).Round(time.Millisecond))

	floor := func() readStats { return floorRead(b, srv.URL, c.jobPath(job.ID)+"/results", token, c.bulkMaxRecords) }
	client := func() readStats { return clientRead(b, c, job.ID, 0, nil) }
	b.ResetTimer()
	for range b.N {
		// Alternate and keep the best of two, so one noisy run (2 shared
		// cores) does not decide the ratio.
		f1, c1, f2, c2 := floor(), client(), floor(), client()
		f, cl := f1.best(f2), c1.best(c2)
		if f.rows != n || cl.rows != n {
			b.Fatalf("rows: floor %d, client %d, want %d", f.rows, cl.rows, n)
		}
		ratio := cl.rowsPerSec() / f.rowsPerSec()
		b.ReportMetric(cl.rowsPerSec(), "client-rows/s")
		b.ReportMetric(f.rowsPerSec(), "floor-rows/s")
		b.ReportMetric(cl.mbPerSec(), "client-MB/s")
		b.ReportMetric(f.mbPerSec(), "floor-MB/s")
		b.ReportMetric(ratio*100, "%-of-floor")
		b.ReportMetric(cl.allocsPerRow(), "client-allocs/row")
		b.ReportMetric(f.allocsPerRow(), "floor-allocs/row")
		fmt.Printf("BulkRead floor : %9.0f rows/s %7.1f MB/s %6.2f allocs/row (%s)\n", f.rowsPerSec(), f.mbPerSec(), f.allocsPerRow(), f.elapsed.Round(time.Millisecond))
		fmt.Printf("BulkRead client: %9.0f rows/s %7.1f MB/s %6.2f allocs/row (%s)\n", cl.rowsPerSec(), cl.mbPerSec(), cl.allocsPerRow(), cl.elapsed.Round(time.Millisecond))
		fmt.Printf("BulkRead client/floor = %.0f %% (target >= 80 %%)\n", ratio*100)
	}
	b.StopTimer()
	// Heap in use while streaming: after 100k rows and at the end.
	var heap100k, heapEnd uint64
	probes := 0
	clientRead(b, c, job.ID, min(100_000, n), func(rows int) {
		probes++
		if probes == 1 {
			heap100k = heapInUse()
		}
		if rows == n {
			heapEnd = heapInUse()
		}
	})
	// The allocation counts above are process-wide, the simulator's
	// included; this is the client's own parsing cost per row.
	parseAllocs := parseAllocsPerRow(b, srv.URL+c.jobPath(job.ID)+"/results?maxRecords="+strconv.Itoa(c.bulkMaxRecords), token)
	b.ReportMetric(parseAllocs, "parse-allocs/row")
	fmt.Printf("BulkRead client page parse: %.4f allocs/row (process-wide figures above include the simulator)\n", parseAllocs)
	b.ReportMetric(float64(heap100k)/(1<<20), "heap-MB@100k")
	b.ReportMetric(float64(heapEnd)/(1<<20), "heap-MB@end")
	fmt.Printf("BulkRead heap in use: %.1f MB after %d rows, %.1f MB after %d rows\n",
		float64(heap100k)/(1<<20), min(100_000, n), float64(heapEnd)/(1<<20), n)
}

// benchSOQL picks 23 plain Account fields Bulk accepts, plus Owner.Name
// and Owner.Email: 25 columns.
func benchSOQL(b *testing.B, c *Client) string {
	d, err := c.Describe(context.Background(), "Account")
	if err != nil {
		b.Fatal(err)
	}
	fields := []string{"Id", "Name"}
	for _, f := range d.Fields {
		if len(fields) == 23 {
			break
		}
		if slices.Contains(fields, f.Name) || slices.Contains([]string{"address", "location", "base64"}, f.Type) {
			continue
		}
		fields = append(fields, f.Name)
	}
	if len(fields) < 23 {
		b.Fatalf("Account has only %d bulk-compatible fields", len(fields))
	}
	fields = append(fields, "Owner.Name", "Owner.Email")
	return "SELECT " + strings.Join(fields, ", ") + " FROM Account"
}

type readStats struct {
	rows    int
	bytes   int64
	allocs  uint64
	elapsed time.Duration
}

func (s readStats) best(o readStats) readStats {
	if o.elapsed < s.elapsed {
		return o
	}
	return s
}
func (s readStats) rowsPerSec() float64   { return float64(s.rows) / s.elapsed.Seconds() }
func (s readStats) mbPerSec() float64     { return float64(s.bytes) / (1 << 20) / s.elapsed.Seconds() }
func (s readStats) allocsPerRow() float64 { return float64(s.allocs) / float64(max(s.rows, 1)) }

func mallocs() uint64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.Mallocs
}

func heapInUse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}

// clientRead streams the job through the client, touching every value as a
// consumer would. at > 0 calls probe after the page crossing at rows and
// after the last page (the probe's GC is not timed usefully).
func clientRead(b *testing.B, c *Client, jobID string, at int, probe func(rows int)) readStats {
	var s readStats
	var sink int
	start, a0 := time.Now(), mallocs()
	probed := false
	err := c.ReadResults(context.Background(), Checkpoint{JobID: jobID}, func(p *ResultPage) error {
		s.bytes += int64(p.Size())
		for _, r := range p.Rows() {
			for i := range r.Len() {
				sink += len(r.Bytes(i))
			}
		}
		s.rows += p.Len()
		if probe != nil && ((!probed && s.rows >= at) || p.Done()) {
			probed = true
			probe(s.rows)
		}
		return nil
	})
	s.elapsed, s.allocs = time.Since(start), mallocs()-a0
	if err != nil {
		b.Fatal(err)
	}
	if sink == 0 {
		b.Fatal("no data")
	}
	return s
}

// floorRead is the same read with nothing but net/http and encoding/csv.
func floorRead(b *testing.B, base, path, token string, maxRecords int) readStats {
	var s readStats
	var sink int
	start, a0 := time.Now(), mallocs()
	locator := ""
	for {
		q := url.Values{"maxRecords": {strconv.Itoa(maxRecords)}}
		if locator != "" {
			q.Set("locator", locator)
		}
		req, err := http.NewRequest(http.MethodGet, base+path+"?"+q.Encode(), nil)
		if err != nil {
			b.Fatal(err)
		}
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		counted := &countingReader{r: resp.Body}
		r := csv.NewReader(counted)
		r.ReuseRecord = true
		header := true
		for {
			rec, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			if header {
				header = false
				continue
			}
			for _, v := range rec {
				sink += len(v)
			}
			s.rows++
		}
		resp.Body.Close()
		s.bytes += counted.n
		locator = resp.Header.Get("Sforce-Locator")
		if locator == "" || locator == "null" {
			break
		}
	}
	s.elapsed, s.allocs = time.Since(start), mallocs()-a0
	if sink == 0 {
		b.Fatal("no data")
	}
	return s
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// parseAllocsPerRow fetches one raw page and measures the allocations of
// parsing it and reading every value, per row.
func parseAllocsPerRow(b *testing.B, pageURL, token string) float64 {
	req, _ := http.NewRequest(http.MethodGet, pageURL, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	raw, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		b.Fatal(err)
	}
	p := &ResultPage{body: make([]byte, 0, len(raw))}
	sink := 0
	allocs := testing.AllocsPerRun(5, func() {
		p.body = append(p.body[:0], raw...)
		if err := p.parse(); err != nil {
			b.Fatal(err)
		}
		for _, r := range p.Rows() {
			for i := range r.Len() {
				sink += len(r.Bytes(i))
			}
		}
	})
	if p.Len() == 0 || sink == 0 {
		b.Fatal("empty page")
	}
	return allocs / float64(p.Len())
}
