package benchproc

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"time"
)

// sfsyncModule is the app's command.
const sfsyncModule = "github.com/sfsync/sfsync/cmd/sfsync"

// BuildSfsync builds the sfsync binary (with the build tags the app ships
// with) into dir and returns its path. The first build of the app's cgo
// dependencies takes minutes; later ones come from the Go build cache.
func BuildSfsync(dir string, tags string) (string, error) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		return "", fmt.Errorf("find the go command to build sfsync: %w", err)
	}
	bin := filepath.Join(dir, "sfsync")
	cmd := exec.Command(goBin, "build", "-tags", tags, "-o", bin, sfsyncModule)
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("build %s: %w\n%s", sfsyncModule, err, out)
	}
	return bin, nil
}

// Process is what running a command cost: its lifetime, its own peak
// resident set (VmHWM, see rss.go) and its CPU time.
type Process struct {
	Wall    time.Duration
	PeakRSS int64 // bytes
	CPU     time.Duration
	Output  string // stdout and stderr
}

// PeakRSSMiB is PeakRSS in MiB.
func (p Process) PeakRSSMiB() float64 { return float64(p.PeakRSS) / (1 << 20) }

// Run runs bin with args (stdin given, environment inherited plus env) and
// measures it. A failed command's output is in the error.
func Run(bin string, stdin io.Reader, env []string, args ...string) (Process, error) {
	cmd := exec.Command(bin, args...)
	cmd.Stdin = stdin
	cmd.Env = append(os.Environ(), env...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return Process{}, fmt.Errorf("%s %v: %w", filepath.Base(bin), args, err)
	}
	hwm := watchHWM(cmd.Process.Pid)
	err := cmd.Wait()
	p := Process{Wall: time.Since(start), Output: out.String(), PeakRSS: hwm.end()}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		if p.PeakRSS == 0 { // no /proc: Maxrss, the parent's size included (rss.go)
			p.PeakRSS = ru.Maxrss << 10 // kilobytes on Linux
		}
		p.CPU = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	if err != nil {
		return p, fmt.Errorf("%s %v: %w\n%s", filepath.Base(bin), args, err, out.String())
	}
	return p, nil
}
