package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// xServer is an Xvfb display the app's window lives on; xdotool types into
// it and ImageMagick photographs it.
type xServer struct {
	t             *testing.T
	display       string // ":N"
	width, height int    // the screen's size
}

// startXvfb starts Xvfb on a display it picks itself (-displayfd), so
// parallel runs never collide; t.Cleanup stops it.
func startXvfb(t *testing.T) *xServer {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	const width, height = 1280, 800
	cmd := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", fmt.Sprintf("%dx%dx24", width, height), "-nolisten", "tcp")
	cmd.ExtraFiles = []*os.File{w}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start Xvfb (run `make test`, which installs xvfb): %v", err)
	}
	w.Close()
	t.Cleanup(func() { stopProcess(cmd, 5*time.Second) })
	line := make(chan string, 1)
	go func() {
		s, _ := bufio.NewReader(r).ReadString('\n')
		line <- strings.TrimSpace(s)
		r.Close()
	}()
	select {
	case s := <-line:
		if _, err := strconv.Atoi(s); err != nil {
			t.Fatalf("Xvfb reported display %q", s)
		}
		return &xServer{t: t, display: ":" + s, width: width, height: height}
	case <-time.After(30 * time.Second):
		t.Fatal("Xvfb did not report a display within 30 s")
	}
	return nil
}

// run runs an X client (xdotool, import) on the display.
func (x *xServer) run(name string, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = append(os.Environ(), "DISPLAY="+x.display)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return string(out), fmt.Errorf("%s %s: %w: %s", name, strings.Join(args, " "), err, out)
	}
	return string(out), nil
}

// window waits for the app's top-level window named title and returns its id.
func (x *xServer) window(title string, within time.Duration) string {
	x.t.Helper()
	deadline := time.Now().Add(within)
	for {
		out, err := x.run("xdotool", "search", "--onlyvisible", "--name", "^"+title+"$")
		if ids := strings.Fields(out); err == nil && len(ids) > 0 {
			return ids[0]
		}
		if time.Now().After(deadline) {
			x.t.Fatalf("no visible window %q on %s after %s", title, x.display, within)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// keys gives the window the keyboard focus and presses keys (xdotool
// names: "space", "ctrl+2") through XTEST, as a person's keyboard would.
func (x *xServer) keys(win string, keys ...string) {
	x.t.Helper()
	if _, err := x.run("xdotool", "windowfocus", "--sync", win); err != nil {
		x.t.Fatal(err)
	}
	for _, k := range keys {
		if _, err := x.run("xdotool", "key", "--clearmodifiers", k); err != nil {
			x.t.Fatal(err)
		}
	}
}

// geometry is a window's size and position on the screen.
type geometry struct{ x, y, w, h int }

// geometry asks xwininfo where window id is and how big.
func (x *xServer) geometry(id string) geometry {
	x.t.Helper()
	out, err := x.run("xwininfo", "-id", id)
	if err != nil {
		x.t.Fatal(err)
	}
	field := func(name string) int {
		m := regexp.MustCompile(`(?m)^\s*` + regexp.QuoteMeta(name) + `:\s*(-?\d+)`).FindStringSubmatch(out)
		if m == nil {
			x.t.Fatalf("xwininfo has no %q:\n%s", name, out)
		}
		n, _ := strconv.Atoi(m[1])
		return n
	}
	return geometry{x: field("Absolute upper-left X"), y: field("Absolute upper-left Y"), w: field("Width"), h: field("Height")}
}

// screenshot saves the whole screen as PNG.
func (x *xServer) screenshot(path string) {
	x.t.Helper()
	if _, err := x.run("import", "-window", "root", path); err != nil {
		x.t.Fatalf("screenshot: %v", err)
	}
}

// stopProcess ends cmd with SIGTERM, then SIGKILL after grace.
func stopProcess(cmd *exec.Cmd, grace time.Duration) {
	if cmd.Process == nil || cmd.ProcessState != nil {
		return
	}
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	_ = cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-done:
	case <-time.After(grace):
		_ = cmd.Process.Kill()
		<-done
	}
}
