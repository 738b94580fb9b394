package export

import (
	"context"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// heapSampler is an io.Writer that discards its input and records the
// largest live heap seen, sampled every sampleEvery bytes.
type heapSampler struct {
	written, next int64
	peak          uint64
}

const sampleEvery = 1 << 20

func (h *heapSampler) Write(p []byte) (int, error) {
	h.written += int64(len(p))
	if h.written >= h.next {
		h.next = h.written + sampleEvery
		runtime.GC() // live heap, not garbage waiting for the collector
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		h.peak = max(h.peak, ms.HeapAlloc)
	}
	return len(p), nil
}

// TestExportMemoryDoesNotGrowWithRows exports 20,000 rows of about 1 KB (20
// MB of CSV): the live heap during the export must stay far below the
// output size. A writer that buffered the rows would need more than 20 MB.
func TestExportMemoryDoesNotGrowWithRows(t *testing.T) {
	const n = 20_000
	filler := strings.Repeat("x", 1000)
	rows := make([][]string, n)
	for i := range rows {
		rows[i] = []string{"001A0000000" + strconv.Itoa(1_000_000+i), "x", filler + strconv.Itoa(i)}
	}
	st := newStore(t, []string{"Name"}, rows, []string{"Id", "SystemModstamp", "Name"})
	rows = nil
	runtime.GC() // twice: the store's pooled page buffers survive one collection
	runtime.GC()
	var base runtime.MemStats
	runtime.ReadMemStats(&base)

	h := &heapSampler{}
	res, err := Write(context.Background(), st, h, Options{Object: "Account"})
	if err != nil || res.Rows != n {
		t.Fatalf("export: %d rows, %v", res.Rows, err)
	}
	growth := int64(h.peak) - int64(base.HeapAlloc)
	t.Logf("exported %d bytes; live heap grew by at most %.1f MB", h.written, float64(growth)/(1<<20))
	if h.written < n*1000 {
		t.Fatalf("wrote only %d bytes", h.written)
	}
	if growth > 8<<20 {
		t.Fatalf("live heap grew by %d bytes while exporting %d: rows are being buffered", growth, h.written)
	}
}
