package benchproc

import (
	"os/exec"
	"syscall"
	"time"
)

// peakEvery is how often a running child's high-water RSS is read.
const peakEvery = 5 * time.Millisecond

// peakWatch follows a started command's peak resident set from
// /proc/PID/status VmHWM, the high-water mark of the process's own
// address space. Not rusage Maxrss: Go starts children with
// clone(CLONE_VFORK|CLONE_VM), so until exec the child runs in the
// parent's address space, and Linux carries that address space's high
// water into the child's Maxrss at exec (fs/exec.c setmax_mm_hiwater_rss).
// Every child of a benchmark that had grown to 324 MiB reported 324 MiB.
type peakWatch struct {
	stop chan struct{}
	done chan int64
}

// watchPeak starts following cmd, which must have been started.
func watchPeak(cmd *exec.Cmd) *peakWatch {
	w := &peakWatch{stop: make(chan struct{}), done: make(chan int64, 1)}
	pid := cmd.Process.Pid
	go func() {
		var peak int64
		t := time.NewTicker(peakEvery)
		defer t.Stop()
		for {
			peak = max(peak, statusBytes(pid, "VmHWM:"))
			select {
			case <-w.stop:
				w.done <- peak
				return
			case <-t.C:
			}
		}
	}()
	return w
}

// Peak ends the watch and returns the highest VmHWM read, in bytes. An
// exited child has no address space left to read, so a rise in its last
// peakEvery can be missed.
func (w *peakWatch) Peak() int64 {
	close(w.stop)
	return <-w.done
}

// cpuOf is a finished command's user and system time.
func cpuOf(cmd *exec.Cmd) time.Duration {
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	return 0
}
