package ui

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/sfsync/sfsync/core/engine"
)

// millionAccounts builds the Records model of 1,000,000 Accounts shaped
// like the simulator's (name, website, type, owner resolved to a name,
// created date, amount-like number).
func millionAccounts(tb testing.TB, n int) *RecordTable {
	tb.Helper()
	users := map[string]string{}
	for i := range 200 {
		users[fmt.Sprintf("005%015d", i)] = fmt.Sprintf("User %03d Lastname", i)
	}
	words := []string{"Acme", "Global", "United", "Pacific", "Summit", "Northwind", "Contoso", "Fabrikam", "Initech", "Umbrella",
		"Stark", "Wayne", "Tyrell", "Cyberdyne", "Soylent", "Hooli", "Vandelay", "Globex", "Wonka", "Oscorp"}
	kinds := []string{"Customer", "Prospect", "Partner", "Reseller", ""}
	r := rand.New(rand.NewPCG(1, 2))
	t := NewRecordTable("Account", []string{"Id", "IsDeleted", "SystemModstamp", "AnnualRevenue", "CreatedDate", "Name", "OwnerId", "Type", "Website"})
	t.grow(n)
	row := make([]string, len(t.Columns))
	for i := range n {
		a, b := words[r.IntN(len(words))], words[r.IntN(len(words))]
		row[0] = fmt.Sprintf("001%015d", i)
		row[1] = fmt.Sprint(r.IntN(50_000_000))
		row[2] = time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(r.IntN(3*365*24)) * time.Hour).Format(time.RFC3339)
		row[3] = fmt.Sprintf("%s %s %d Inc", a, b, i)
		row[4] = users[fmt.Sprintf("005%015d", r.IntN(200))] // resolved, as LoadRecordTable appends it
		row[5] = kinds[r.IntN(len(kinds))]
		row[6] = fmt.Sprintf("www.%s-%s-%d.example.com", a, b, i)
		t.Append(row)
	}
	t.Finish()
	return t
}

// BenchmarkRecordsSearch searches 1,000,000 Accounts in the Records model
// (any column, case-insensitive) and reports ms per search, plus the time
// to build the model and to sort it by name.
func BenchmarkRecordsSearch(b *testing.B) {
	const n = 1_000_000
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	t := millionAccounts(b, n)
	build := time.Since(start)
	runtime.GC()
	runtime.ReadMemStats(&after)
	start = time.Now()
	t.SortBy(slices.Index(t.Columns, "Name"))
	sortTook := time.Since(start)
	queries := []string{"umbrella", "HOOLI WAYNE", "user 042", "999999", "reseller", "no-such-text"}
	hits := 0
	b.ResetTimer()
	start = time.Now()
	for i := 0; i < b.N; i++ {
		t.Search(queries[i%len(queries)])
		hits += t.Len()
	}
	per := time.Since(start) / time.Duration(b.N)
	b.StopTimer()
	b.ReportMetric(float64(per.Microseconds())/1000, "ms/search")
	b.ReportMetric(build.Seconds(), "s-build")
	b.ReportMetric(float64(sortTook.Milliseconds()), "ms-sort")
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "MiB-model")
	b.Logf("1,000,000 Accounts: build %v, sort by Name %v, search %v per query (%d hits over %d searches), model ~%d MiB",
		build.Round(time.Millisecond), sortTook.Round(time.Millisecond), per, hits, b.N, (after.HeapAlloc-before.HeapAlloc)>>20)
	runtime.KeepAlive(t)
}

// BenchmarkApplyEventWhileStreaming streams Progress events through the
// window's event pump (fyne.Do on the test driver runs on the pump
// goroutine, which plays the UI goroutine) and reports how long applying
// one event takes: mean and worst.
func BenchmarkApplyEventWhileStreaming(b *testing.B) {
	test.NewTempApp(b)
	f := newFakeEngine()
	m := NewMainWindow(fyne.CurrentApp(), Deps{Engine: f, Quit: func() {}})
	m.Window.Resize(fyne.NewSize(1000, 700))
	var mu sync.Mutex
	var took []time.Duration
	all := make(chan struct{})
	m.applied = func(d time.Duration) {
		mu.Lock()
		took = append(took, d)
		if len(took) == b.N {
			close(all)
		}
		mu.Unlock()
	}
	st := f.state
	st.Running = true
	st.Counts = map[string]int{"User": 200, "Account": 1_000_000}
	b.ResetTimer()
	go func() {
		for i := 0; i < b.N; i++ {
			s := st
			obj := engine.Objects[i%len(engine.Objects)]
			s.Progress = engine.Progress{Object: obj, FirstSync: true, Done: int64(i), Estimated: int64(b.N),
				TotalDone: int64(i), TotalEstimated: int64(b.N)}
			f.events <- engine.Event{Kind: engine.EventProgress, State: s}
		}
	}()
	<-all
	b.StopTimer()
	close(f.events)
	mu.Lock()
	defer mu.Unlock()
	var sum, worst time.Duration
	for _, d := range took {
		sum += d
		worst = max(worst, d)
	}
	mean := sum / time.Duration(len(took))
	b.ReportMetric(float64(mean.Nanoseconds())/1000, "µs/event-mean")
	b.ReportMetric(float64(worst.Nanoseconds())/1000, "µs/event-worst")
}
