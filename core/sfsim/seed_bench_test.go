package sfsim

import (
	"runtime"
	"testing"
	"time"
)

// BenchmarkSeedMillionAccounts reports the time and heap to seed the
// benchmark org: 1,000,000 Accounts owned by 200 users.
func BenchmarkSeedMillionAccounts(b *testing.B) {
	for i := 0; i < b.N; i++ {
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		start := time.Now()
		o := NewOrg(SeedConfig{Users: 200, Accounts: 1_000_000, Seed: 1})
		took := time.Since(start)
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.ReportMetric(took.Seconds(), "s/seed")
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "MiB-heap")
		runtime.KeepAlive(o)
	}
}
