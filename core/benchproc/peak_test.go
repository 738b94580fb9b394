package benchproc

import (
	"os"
	"runtime"
	"testing"
)

// TestPeakIsTheChildsOwn: a child started by a process that has grown
// large reports its own peak resident set, not its parent's (rusage
// Maxrss reported the parent's 324 MiB for every child of the benchmark).
func TestPeakIsTheChildsOwn(t *testing.T) {
	ballast := make([]byte, 256<<20)
	for i := 0; i < len(ballast); i += 4096 { // one write per page makes it resident
		ballast[i] = 1
	}
	parent := statusBytes(os.Getpid(), "VmHWM:")
	if parent < 200<<20 {
		t.Fatalf("the test's own peak is %d MiB, want it past 200 MiB to tell the two apart", parent>>20)
	}
	p, err := Run("sleep", nil, nil, "0.2")
	runtime.KeepAlive(ballast)
	if err != nil {
		t.Fatal(err)
	}
	if p.PeakRSS <= 0 || p.PeakRSS > 32<<20 {
		t.Fatalf("sleep's peak RSS read as %.1f MiB (the parent's is %d MiB), want sleep's own few MiB", p.PeakRSSMiB(), parent>>20)
	}
}
