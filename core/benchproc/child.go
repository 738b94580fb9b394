package benchproc

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"time"
)

// ChildEnv names the task a re-executed test binary runs instead of its
// tests; the package's TestMain dispatches on it.
const ChildEnv = "SFSYNC_BENCH_CHILD"

// resultPrefix marks the child's result line on its stdout.
const resultPrefix = "benchproc-result: "

// Result is what one child measured. The child fills Rows, Stored,
// Seconds, APICalls and Note; RunChild adds PeakRSS and Wall.
type Result struct {
	Rows     int     `json:"rows"`    // rows read from Salesforce
	Stored   int     `json:"stored"`  // rows in the store afterwards
	Seconds  float64 `json:"seconds"` // the measured task's wall time
	APICalls int     `json:"api_calls"`
	Deleted  int     `json:"deleted,omitempty"` // rows read that are in the Recycle Bin
	Note     string  `json:"note,omitempty"`

	// HWM is the child's own peak RSS in bytes, reported by Report (see
	// rss.go); RunChild makes it PeakRSS.
	HWM int64 `json:"hwm,omitempty"`

	PeakRSS int64         `json:"-"` // bytes, the child's own peak RSS (HWM; rusage Maxrss where unknown)
	Wall    time.Duration `json:"-"` // the child process's lifetime
	CPU     time.Duration `json:"-"` // the child's user and system time
}

// RowsPerSec is the measured task's throughput.
func (r Result) RowsPerSec() float64 { return float64(r.Rows) / r.Seconds }

// PeakRSSMiB is PeakRSS in MiB.
func (r Result) PeakRSSMiB() float64 { return float64(r.PeakRSS) / (1 << 20) }

// RunChild re-executes the test binary with ChildEnv=role and the extra
// environment, waits for it, and returns its result with its peak RSS.
// The child's stderr (e.g. GODEBUG=gctrace=1 output) goes to ours.
func RunChild(role string, env ...string) (Result, error) {
	cmd := exec.Command(os.Args[0], "-test.run=^$", "-test.bench=^$")
	cmd.Env = append(append(os.Environ(), ChildEnv+"="+role), env...)
	cmd.Stderr = os.Stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return Result{}, fmt.Errorf("child %s stdout: %w", role, err)
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return Result{}, fmt.Errorf("start child %s: %w", role, err)
	}
	var res Result
	found := false
	sc := bufio.NewScanner(stdout)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), resultPrefix); ok {
			found = json.Unmarshal([]byte(v), &res) == nil
		}
	}
	_, _ = io.Copy(io.Discard, stdout)
	if err := cmd.Wait(); err != nil {
		return Result{}, fmt.Errorf("child %s: %w", role, err)
	}
	if !found {
		return Result{}, fmt.Errorf("child %s printed no result line", role)
	}
	res.Wall = time.Since(start)
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		res.PeakRSS = ru.Maxrss << 10 // kilobytes on Linux; the parent's size included (rss.go)
		res.CPU = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	if res.HWM > 0 {
		res.PeakRSS = res.HWM
	}
	return res, nil
}

// Report prints the child's result line for RunChild, with the child's
// own peak RSS so far.
func Report(r Result) {
	r.HWM = ownPeakRSS()
	line, err := json.Marshal(r)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%s%s\n", resultPrefix, line)
}
