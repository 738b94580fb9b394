package benchproc

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// simModule is the simulator command's import path.
const simModule = "github.com/sfsync/sfsync/cmd/sfsim"

// BuildSimulator builds cmd/sfsim into dir and returns the binary's path.
func BuildSimulator(dir string) (string, error) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		return "", fmt.Errorf("find the go command to build the simulator: %w", err)
	}
	bin := filepath.Join(dir, "sfsim")
	cmd := exec.Command(goBin, "build", "-o", bin, simModule)
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("build %s: %w\n%s", simModule, err, out)
	}
	return bin, nil
}

// Simulator is a running cmd/sfsim process.
type Simulator struct {
	BaseURL     string `json:"base_url"`
	ClientID    string `json:"client_id"`
	AccessToken string `json:"access_token"`

	cmd    *exec.Cmd
	waited chan error
}

// SeedArgs are cmd/sfsim flags for an org of users and accounts only (no
// contacts, opportunities or leads) and a daily allowance no benchmark
// reaches.
func SeedArgs(accounts, users int) []string {
	return []string{"--accounts", fmt.Sprint(accounts), "--users", fmt.Sprint(users),
		"--contacts-per-account", "0", "--opportunities-per-account", "0", "--leads", "0",
		"--seed", "3", "--daily-api-max", "1000000000"}
}

// StartSimulator starts bin with args and waits (up to timeout) for its
// listening line: seeding a large org takes a while.
func StartSimulator(bin string, timeout time.Duration, args ...string) (*Simulator, error) {
	cmd := exec.Command(bin, args...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("simulator stdout: %w", err)
	}
	s := &Simulator{cmd: cmd, waited: make(chan error, 1)}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start simulator %s: %w", bin, err)
	}
	lines := make(chan string, 1)
	go func() {
		r := bufio.NewReader(stdout)
		line, _ := r.ReadString('\n')
		lines <- line
		_, _ = io.Copy(io.Discard, r)
	}()
	go func() { s.waited <- cmd.Wait() }()
	select {
	case line := <-lines:
		if err := json.Unmarshal([]byte(line), s); err != nil || s.BaseURL == "" {
			s.Stop()
			return nil, fmt.Errorf("simulator's listening line %q: %v", strings.TrimSpace(line), err)
		}
		return s, nil
	case <-time.After(timeout):
		s.Stop()
		return nil, fmt.Errorf("simulator not listening after %s", timeout)
	}
}

// Usage is the simulator's count of API calls so far (GET /_sim/usage).
func (s *Simulator) Usage() (int, error) { return Usage(s.BaseURL) }

// Usage reads the API calls counted by the simulator at baseURL.
func Usage(baseURL string) (int, error) {
	resp, err := http.Get(baseURL + "/_sim/usage")
	if err != nil {
		return 0, fmt.Errorf("read simulator usage: %w", err)
	}
	defer resp.Body.Close()
	var u struct{ Used int }
	if err := json.NewDecoder(resp.Body).Decode(&u); err != nil {
		return 0, fmt.Errorf("decode simulator usage: %w", err)
	}
	return u.Used, nil
}

// RSS is the simulator's resident set now, in bytes (0 when unknown).
func (s *Simulator) RSS() int64 { return statusBytes(s.cmd.Process.Pid, "VmRSS:") }

// Stop ends the simulator (SIGTERM, then SIGKILL after 5 s) and waits.
func (s *Simulator) Stop() {
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.waited:
	case <-time.After(5 * time.Second):
		_ = s.cmd.Process.Kill()
		<-s.waited
	}
}

// statusBytes reads a "kB" line of /proc/PID/status, in bytes.
func statusBytes(pid int, key string) int64 {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if v, ok := strings.CutPrefix(line, key); ok {
			var kb int64
			if _, err := fmt.Sscanf(strings.TrimSpace(v), "%d kB", &kb); err == nil {
				return kb << 10
			}
		}
	}
	return 0
}

// NewAccessToken issues another session for the org's first user (POST
// /_sim/sessions), e.g. for a run after another one revoked its token.
func (s *Simulator) NewAccessToken() (string, error) {
	resp, err := http.Post(s.BaseURL+"/_sim/sessions", "application/json", nil)
	if err != nil {
		return "", fmt.Errorf("new simulator session: %w", err)
	}
	defer resp.Body.Close()
	var out struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || out.AccessToken == "" {
		return "", fmt.Errorf("new simulator session: %v (status %s)", err, resp.Status)
	}
	return out.AccessToken, nil
}
