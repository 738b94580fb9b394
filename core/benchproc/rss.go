package benchproc

import (
	"os"
	"sync"
	"time"
)

// Peak RSS is read from /proc (VmHWM, the high-water resident set of the
// process's own memory), not from rusage Maxrss: os/exec starts a child
// with vfork, so the child execs from its parent's memory and Linux counts
// the parent's high-water RSS in the child's Maxrss (fs/exec.c
// exec_mmap → setmax_mm_hiwater_rss). A benchmark binary that has grown
// would lend every child its size.

// ownPeakRSS is this process's high-water RSS in bytes (0: not known).
func ownPeakRSS() int64 { return statusBytes(os.Getpid(), "VmHWM:") }

// hwmWatch polls a running process's VmHWM until stopped; the high-water
// mark only grows, so the last read before the exit is the peak up to it.
type hwmWatch struct {
	mu   sync.Mutex
	peak int64
	stop chan struct{}
	done chan struct{}
}

// hwmPoll is how often a watched process's VmHWM is read.
const hwmPoll = 5 * time.Millisecond

func watchHWM(pid int) *hwmWatch {
	w := &hwmWatch{stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(w.done)
		t := time.NewTicker(hwmPoll)
		defer t.Stop()
		for {
			w.read(pid)
			select {
			case <-w.stop:
				return
			case <-t.C:
			}
		}
	}()
	return w
}

func (w *hwmWatch) read(pid int) {
	if v := statusBytes(pid, "VmHWM:"); v > 0 {
		w.mu.Lock()
		w.peak = max(w.peak, v)
		w.mu.Unlock()
	}
}

// end stops the watch and returns the peak seen (0: none).
func (w *hwmWatch) end() int64 {
	close(w.stop)
	<-w.done
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.peak
}
