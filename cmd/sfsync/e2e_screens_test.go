package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// shootScreens photographs the real window's screens in one theme variant
// into out as NAME-VARIANT.png: Data Sources, Records (Ctrl+2, which must
// load the table: the window has records) and, when connected, Settings
// (Ctrl+,), which Escape must close. The ui package's
// screenshot test photographs every screen with Fyne's renderer; these are
// the real binary's window under Xvfb (issue 10).
func shootScreens(t *testing.T, x *xServer, win string, app *appProcess, out, variant string, connected bool) {
	t.Helper()
	x.keys(win, "ctrl+1")
	time.Sleep(time.Second)
	x.screenshot(filepath.Join(out, "data-sources-"+variant+".png"))
	x.keys(win, "ctrl+2") // loads the table unless this process did already
	app.waitCount(t, regexp.MustCompile(`msg="records view loaded"`), 1, time.Minute)
	time.Sleep(time.Second)
	x.screenshot(filepath.Join(out, "records-"+variant+".png"))
	if !connected {
		return
	}
	shown, closed := regexp.MustCompile(`msg="dialog shown" dialog=Settings`), regexp.MustCompile(`msg="dialog closed" dialog=Settings`)
	n := app.countLog(closed)
	x.keys(win, "ctrl+comma")
	app.waitCount(t, shown, n+1, time.Minute)
	time.Sleep(time.Second)
	x.screenshot(filepath.Join(out, "settings-"+variant+".png"))
	x.keys(win, "Escape")
	app.waitCount(t, closed, n+1, time.Minute)
	x.keys(win, "ctrl+1")
}

// countLog counts the lines of both logs matching re that this process
// wrote (sfsync.log is shared with an earlier run on the data directory).
func (a *appProcess) countLog(re *regexp.Regexp) int {
	n := 0
	for _, path := range []string{a.engineLog, a.processLog} {
		data, _ := os.ReadFile(path)
		lines := strings.Split(string(data), "\n")
		if path == a.engineLog {
			lines = lines[min(a.earlier, len(lines)):]
		}
		for _, line := range lines {
			if re.MatchString(line) {
				n++
			}
		}
	}
	return n
}

// waitCount waits until at least n lines match re.
func (a *appProcess) waitCount(t *testing.T, re *regexp.Regexp, n int, within time.Duration) {
	t.Helper()
	deadline := time.Now().Add(within)
	for a.countLog(re) < n {
		if time.Now().After(deadline) {
			t.Fatalf("no %d log lines matching %q within %s; log:\n%s", n, re, within, a.tail())
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// restartApp starts the app again on first's data directory (after first
// quit) with env changes such as FYNE_THEME=light; it logs to its own
// process log and the same sfsync.log, whose earlier lines countLog skips.
func restartApp(t *testing.T, bin string, first *appProcess, extra ...string) *appProcess {
	t.Helper()
	a := &appProcess{done: make(chan struct{}), processLog: filepath.Join(first.home, "app-restart.log"),
		engineLog: first.engineLog, artifacts: first.artifacts, home: first.home, dataDir: first.dataDir}
	if data, err := os.ReadFile(a.engineLog); err == nil {
		a.earlier = strings.Count(string(data), "\n")
	}
	for _, kv := range first.env {
		if !strings.HasPrefix(kv, "FYNE_THEME=") {
			a.env = append(a.env, kv)
		}
	}
	a.env = append(a.env, extra...)
	a.run(t, bin, "--data-dir", a.dataDir)
	return a
}
