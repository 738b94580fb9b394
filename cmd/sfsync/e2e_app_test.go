package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// appProcess is the running app binary and its two logs: the process's
// stdout+stderr (Fyne's and the race detector's messages) and sfsync.log in
// the data directory (the engine's and the window's log lines).
type appProcess struct {
	cmd             *exec.Cmd
	done            chan struct{}
	processLog      string
	engineLog       string
	artifacts, home string
	env             []string
	dataDir         string
	earlier         int // lines of sfsync.log an earlier run wrote
}

// secondInstance starts the app again on the running one's data directory,
// as a double-click would: a window sized to its message (issue 10: it was
// 1,610 px tall, the message above the screen and OK below) says sfsync is
// already running, Space closes it, and the process exits with status 3
// (cli.ExitRunning).
func secondInstance(t *testing.T, x *xServer, bin string, first *appProcess, artifacts string) {
	t.Helper()
	cmd := exec.Command(bin, "--data-dir", first.dataDir)
	cmd.Env = first.env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	defer func() {
		select {
		case <-done:
		default:
			_ = cmd.Process.Kill()
			<-done
		}
	}()
	win := x.window("sfsync is already running", 2*time.Minute)
	time.Sleep(time.Second) // let the window map at its final size
	g := x.geometry(win)
	if g.h > 300 || g.w > 700 || g.y < 0 || g.y+g.h > x.height || g.x < 0 || g.x+g.w > x.width {
		t.Errorf("the already-running window is %dx%d at %d,%d on a %dx%d screen: it must fit its message and the screen",
			g.w, g.h, g.x, g.y, x.width, x.height)
	}
	x.screenshot(filepath.Join(artifacts, "already-running.png"))
	x.keys(win, "space")
	select {
	case <-done:
	case <-time.After(time.Minute):
		t.Fatalf("the second instance's window did not close on Space; output:\n%s", out.String())
	}
	if code := cmd.ProcessState.ExitCode(); code != 3 || !strings.Contains(out.String(), "already running") {
		t.Fatalf("second instance: exit %d, output:\n%s", code, out.String())
	}
}

// startApp starts `sfsync --data-dir DIR --demo` on display, with a fresh
// home, the xdg-open stand-in first in PATH, the session bus inherited, and
// extra environment variables (FYNE_THEME=dark).
func startApp(t *testing.T, bin, display, browserBin, artifacts string, extra ...string) *appProcess {
	t.Helper()
	home := t.TempDir()
	dataDir := filepath.Join(home, "data")
	a := &appProcess{done: make(chan struct{}), processLog: filepath.Join(home, "app.log"),
		engineLog: filepath.Join(dataDir, "sfsync.log"), artifacts: artifacts, home: home, dataDir: dataDir}
	for _, kv := range os.Environ() {
		switch strings.SplitN(kv, "=", 2)[0] {
		case "DISPLAY", "HOME", "PATH", "LANG", "LC_ALL", "SFSYNC_DATA_DIR", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "WAYLAND_DISPLAY", "FYNE_THEME":
			continue
		}
		a.env = append(a.env, kv)
	}
	a.env = append(a.env, "DISPLAY="+display, "HOME="+home, "LANG=en_US.UTF-8",
		"XDG_CONFIG_HOME="+filepath.Join(home, ".config"), "XDG_CACHE_HOME="+filepath.Join(home, ".cache"),
		"PATH="+browserBin+string(os.PathListSeparator)+os.Getenv("PATH"))
	a.env = append(a.env, extra...)
	a.run(t, bin, "--data-dir", dataDir, "--demo")
	return a
}

// run starts bin with args and a's environment, its output in a's process
// log; t's cleanup kills it if it still runs and keeps both logs.
func (a *appProcess) run(t *testing.T, bin string, args ...string) {
	t.Helper()
	logFile, err := os.Create(a.processLog)
	if err != nil {
		t.Fatal(err)
	}
	a.cmd = exec.Command(bin, args...)
	a.cmd.Env = a.env
	a.cmd.Stdout, a.cmd.Stderr = logFile, logFile
	if err := a.cmd.Start(); err != nil {
		t.Fatalf("start the app: %v", err)
	}
	go func() { _ = a.cmd.Wait(); logFile.Close(); close(a.done) }()
	t.Cleanup(func() {
		select {
		case <-a.done:
		default:
			_ = a.cmd.Process.Kill()
			<-a.done
		}
		a.keepLogs(t)
	})
}

// waitLog waits for a line containing want in either log and returns it.
// A line saying the status went to Error fails at once (unless wanted).
func (a *appProcess) waitLog(t *testing.T, want string, within time.Duration) string {
	t.Helper()
	return a.waitLogMatch(t, regexp.MustCompile(regexp.QuoteMeta(want)), within)
}

// waitLogMatch is waitLog for a line matching re.
func (a *appProcess) waitLogMatch(t *testing.T, re *regexp.Regexp, within time.Duration) string {
	t.Helper()
	want := re.String()
	deadline := time.Now().Add(within)
	for {
		for _, path := range []string{a.engineLog, a.processLog} {
			data, _ := os.ReadFile(path)
			for _, line := range strings.Split(string(data), "\n") {
				if re.MatchString(line) {
					return line
				}
				if want != "status=Error" && strings.Contains(line, "status=Error") {
					t.Fatalf("the app went to Error while waiting for %q: %s", want, line)
				}
			}
		}
		select {
		case <-a.done:
			t.Fatalf("the app exited (%v) while waiting for %q; its log:\n%s", a.cmd.ProcessState, want, a.tail())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("no log line with %q within %s; app log:\n%s", want, within, a.tail())
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// quit sends SIGTERM (as a logout does) and expects a clean exit: status 0,
// which also means the race detector reported nothing (it exits 66).
func (a *appProcess) quit(t *testing.T) {
	t.Helper()
	if err := a.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatalf("SIGTERM: %v", err)
	}
	select {
	case <-a.done:
	case <-time.After(time.Minute):
		t.Fatalf("the app did not quit within a minute of SIGTERM; log:\n%s", a.tail())
	}
	if code := a.cmd.ProcessState.ExitCode(); code != 0 {
		t.Errorf("the app exited with status %d after SIGTERM; log:\n%s", code, a.tail())
	}
}

// checkLogs fails on Fyne's wrong-thread message and on any data race.
func (a *appProcess) checkLogs(t *testing.T) {
	t.Helper()
	data, err := os.ReadFile(a.processLog)
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"Error in Fyne call thread", "DATA RACE"} {
		if bytes.Contains(data, []byte(bad)) {
			t.Errorf("the app's log has %q:\n%s", bad, data)
		}
	}
}

// tail is the end of both logs, for failure messages.
func (a *appProcess) tail() string {
	var b strings.Builder
	for _, path := range []string{a.processLog, a.engineLog} {
		data, _ := os.ReadFile(path)
		if len(data) > 4000 {
			data = data[len(data)-4000:]
		}
		b.WriteString("--- " + filepath.Base(path) + "\n" + string(data) + "\n")
	}
	return b.String()
}

// keepLogs copies both logs next to the screenshot.
func (a *appProcess) keepLogs(t *testing.T) {
	for _, path := range []string{a.processLog, a.engineLog} {
		if data, err := os.ReadFile(path); err == nil {
			if err := os.WriteFile(filepath.Join(a.artifacts, filepath.Base(path)), data, 0o644); err != nil {
				t.Logf("keep %s: %v", path, err)
			}
		}
	}
}
