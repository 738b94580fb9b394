package store

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// benchRows produces rows of 25 fields shaped like an Account page: an
// ascending 18-character Id and 24 short to medium values.
type benchRows struct {
	next, end int
	row       []string
	nulls     []bool
}

func newBenchRows(start, n int) *benchRows {
	r := &benchRows{next: start, end: start + n, row: make([]string, 25), nulls: make([]bool, 25)}
	for i := 1; i < 25; i++ {
		r.row[i] = fmt.Sprintf("value of field %02d, some text", i)
	}
	r.row[3] = "2026-01-02T03:04:05.000Z"
	r.row[4] = "false" // IsDeleted
	r.nulls[7] = true
	r.row[7] = ""
	return r
}

func (r *benchRows) NextRow() ([]string, []bool, error) {
	if r.next >= r.end {
		return nil, nil, io.EOF
	}
	r.row[0] = fmt.Sprintf("001%015d", r.next)
	r.next++
	return r.row, r.nulls, nil
}

func benchColumns() []string {
	cols := []string{"Id", "Name", "Website", "SystemModstamp", "IsDeleted"}
	for i := len(cols); i < 25; i++ {
		cols = append(cols, fmt.Sprintf("Field%02d__c", i))
	}
	return cols
}

// BenchmarkApplyPage writes 1,000,000 rows of 25 fields in 10,000-row pages,
// each page in its own transaction with its checkpoint, fsync on.
func BenchmarkApplyPage(b *testing.B) {
	const total, pageSize = 1_000_000, 10_000
	cols := benchColumns()
	for b.Loop() {
		b.StopTimer()
		s, err := Open(b.TempDir(), Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		for p := 0; p < total/pageSize; p++ {
			cp := Checkpoint{JobID: "750X", Locator: fmt.Sprint(p), Rows: int64((p + 1) * pageSize)}
			c, err := s.ApplyPage(Page{Object: "Account", Columns: cols,
				Rows: newBenchRows(p*pageSize, pageSize), Progress: Progress{Checkpoint: &cp}})
			if err != nil {
				b.Fatal(err)
			}
			if c.Added != pageSize {
				b.Fatalf("page %d added %d", p, c.Added)
			}
		}
		elapsed := time.Since(start)
		b.ReportMetric(float64(total)/elapsed.Seconds(), "rows/s")
		b.StopTimer()
		if n, _ := s.Count("Account"); n != total {
			b.Fatalf("count %d", n)
		}
		s.Close()
		b.StartTimer()
	}
}

// BenchmarkVerify measures the full check Open runs on stores up to
// DefaultCheckLimit (every page walked, then bbolt's Tx.Check) on a
// 1,000,000-row, 25-field Account store, and the header check every Open
// runs, to show where the limit sits.
func BenchmarkVerify(b *testing.B) {
	const total, pageSize = 1_000_000, 10_000
	dir := b.TempDir()
	s, err := Open(dir, Options{NoSync: true, CheckLimit: -1})
	if err != nil {
		b.Fatal(err)
	}
	for p := 0; p < total/pageSize; p++ {
		if _, err := s.ApplyPage(Page{Object: "Account", Columns: benchColumns(), Rows: newBenchRows(p*pageSize, pageSize)}); err != nil {
			b.Fatal(err)
		}
	}
	s.Close()
	db, err := bolt.Open(filepath.Join(dir, FileName), 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	var header time.Duration
	for b.Loop() {
		if err := verify(db); err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		if err := checkHeader(db.Path()); err != nil {
			b.Fatal(err)
		}
		header += time.Since(start)
	}
	b.ReportMetric(float64(header.Microseconds())/float64(b.N), "header-µs/op")
	info, _ := os.Stat(db.Path())
	b.ReportMetric(float64(info.Size())/(1<<20), "MiB")
}
