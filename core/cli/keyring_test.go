package cli

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Issue 11, cases 3 and 4: the keyring's failures are told at connect,
// before anything is connected, and no command starts a session bus.

// busEnv is the child's environment: this process's, without any D-Bus
// session (and with a marker to find processes it leaves), plus extra.
func busEnv(marker string, extra ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		switch k, _, _ := strings.Cut(kv, "="); k {
		case "DBUS_SESSION_BUS_ADDRESS", "DBUS_SESSION_BUS_PID", "GNOME_KEYRING_CONTROL", "XDG_RUNTIME_DIR":
			continue
		}
		env = append(env, kv)
	}
	return append(append(env, "SFSYNC_TEST_MARKER="+marker), extra...)
}

// privateBus starts a dbus-daemon with config ("--session" for the system's
// session configuration, with service activation, or a file) and returns
// its address; it is killed when the test ends. HOME and XDG dirs point into
// a temporary directory, so an activated keyring daemon never sees the
// person's keyrings.
func privateBus(t *testing.T, marker, config string) string {
	t.Helper()
	home := t.TempDir()
	cmd := exec.Command("dbus-daemon", config, "--nofork", "--print-address")
	if config != "--session" {
		cmd.Args[1] = "--config-file=" + config
	}
	cmd.Env = busEnv(marker, "HOME="+home, "XDG_DATA_HOME="+home+"/data", "XDG_CONFIG_HOME="+home+"/config", "XDG_CACHE_HOME="+home+"/cache")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start dbus-daemon (run `make test`, which installs dbus): %v", err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	addr, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatalf("dbus-daemon printed no address: %v", err)
	}
	return strings.TrimSpace(addr)
}

// noServicesConfig is a session bus with no service directory: nothing can
// be activated, so no Secret Service provider exists on it.
const noServicesConfig = `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=/tmp</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`

func newMarker(t *testing.T) string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	marker := "sfsync-test-" + hex.EncodeToString(b)
	t.Cleanup(func() { killMarked(marker) })
	return marker
}

// TestKeyringFailureIsToldAtConnect: with no session bus, no Secret Service
// provider, or a locked keyring whose unlock prompt fails, `connect
// --access-token -` fails at once: exit 1, one sentence saying what is
// missing and how to fix it, no "Connected", not one API call, nothing
// connected.
func TestKeyringFailureIsToldAtConnect(t *testing.T) {
	sim, srv := newSim(t, smallSeed)
	cases := []struct {
		name string
		env  func(t *testing.T, marker string) []string
		want string
	}{
		{"no session bus", func(t *testing.T, marker string) []string { return busEnv(marker) },
			"no D-Bus session bus is running"},
		{"no Secret Service provider", func(t *testing.T, marker string) []string {
			conf := filepath.Join(t.TempDir(), "bus.conf")
			if err := os.WriteFile(conf, []byte(noServicesConfig), 0o600); err != nil {
				t.Fatal(err)
			}
			return busEnv(marker, "DBUS_SESSION_BUS_ADDRESS="+privateBus(t, marker, conf))
		}, "no Secret Service provider"},
		{"locked keyring, prompt fails", func(t *testing.T, marker string) []string {
			return busEnv(marker, "DBUS_SESSION_BUS_ADDRESS="+privateBus(t, marker, "--session"))
		}, "the keyring is locked and its unlock prompt failed"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			marker := newMarker(t)
			c := newCLI(t)
			cmd := child(t, "--data-dir", c.dir, "connect", "--instance-url", srv.URL, "--access-token", "-")
			cmd.Env = append(tc.env(t, marker), childArgsEnv+"="+childArgs(t, "--data-dir", c.dir, "connect", "--instance-url", srv.URL, "--access-token", "-"))
			token := sim.IssueAccessToken()
			cmd.Stdin = strings.NewReader(token + "\n")
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			before, _ := sim.Usage()
			start := time.Now()
			_ = cmd.Run()
			after, _ := sim.Usage()
			line := strings.TrimSpace(stderr.String())
			if code := cmd.ProcessState.ExitCode(); code != ExitFailed {
				t.Errorf("exit %d, want 1", code)
			}
			if !strings.HasPrefix(line, "sfsync: sfsync keeps its Salesforce sign-in in the system keyring, but "+tc.want) ||
				strings.Contains(line, "\n") {
				t.Errorf("stderr is not one sentence saying %q:\n%s", tc.want, stderr.String())
			}
			if strings.Contains(stdout.String(), "Connected") || strings.Contains(stdout.String(), "Sync") {
				t.Errorf("stdout says it connected or synced:\n%s", stdout.String())
			}
			if after != before {
				t.Errorf("%d API calls before the keyring failure was told", after-before)
			}
			t.Logf("%s: told in %s", tc.name, time.Since(start).Round(time.Millisecond))
			if r := c.must(0, "", "status"); !strings.Contains(r.stdout, "Salesforce: Not connected") {
				t.Errorf("status after the refused connect:\n%s", r.stdout)
			}
			if strays := killMarked(marker); tc.name == "no session bus" && len(strays) > 0 {
				t.Errorf("connect without a session bus left %d D-Bus or keyring daemons: %v", len(strays), strays)
			}
		})
	}
}

// TestNoCommandStartsASessionBus (issue 11 case 4: 3 runs left 6 stray
// processes): on a connected data directory, three commands without a
// session bus start no dbus-daemon or gnome-keyring-daemon; status and runs
// (which need no token) work, sync says that no session bus runs.
func TestNoCommandStartsASessionBus(t *testing.T) {
	sim, srv := newSim(t, smallSeed)
	c := newCLI(t)
	c.must(0, sim.IssueAccessToken()+"\n", "connect", "--no-sync", "--instance-url", srv.URL, "--access-token", "-")
	marker := newMarker(t)
	dir := t.TempDir() // a dbus-launch first in PATH records any autolaunch
	if err := os.WriteFile(filepath.Join(dir, "dbus-launch"), []byte("#!/bin/sh\ntouch '"+dir+"/launched'\nexec /usr/bin/dbus-launch \"$@\"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"status"}, 0, "Salesforce: Setting up"},
		{[]string{"runs"}, 0, "No syncs yet"},
		{[]string{"sync", "--once"}, 1, "no D-Bus session bus is running"},
	} {
		args := append([]string{"--data-dir", c.dir}, tc.args...)
		cmd := child(t, args...)
		cmd.Env = append(busEnv(marker, "PATH="+dir+":"+os.Getenv("PATH")), childArgsEnv+"="+childArgs(t, args...))
		out, _ := cmd.CombinedOutput()
		if code := cmd.ProcessState.ExitCode(); code != tc.code || !strings.Contains(string(out), tc.want) {
			t.Errorf("sfsync %s without a session bus: exit %d (want %d), output:\n%s", strings.Join(tc.args, " "), code, tc.code, out)
		}
		if strings.Contains(string(out), "Fyne") {
			t.Errorf("sfsync %s printed Fyne output:\n%s", strings.Join(tc.args, " "), out)
		}
	}
	time.Sleep(200 * time.Millisecond) // an autolaunched daemon forks before it is counted
	if strays := killMarked(marker); len(strays) > 0 {
		t.Errorf("3 commands without a session bus left %d daemons running: %v", len(strays), strays)
	}
	if _, err := os.Stat(filepath.Join(dir, "launched")); err == nil {
		t.Error("a command ran dbus-launch")
	}
}

// childArgs is the child's JSON argument list (see TestMain).
func childArgs(t *testing.T, args ...string) string {
	cmd := child(t, args...)
	for _, kv := range cmd.Env {
		if v, ok := strings.CutPrefix(kv, childArgsEnv+"="); ok {
			return v
		}
	}
	t.Fatal("child has no arguments")
	return ""
}

// killMarked kills every dbus-daemon, dbus-launch and gnome-keyring-daemon
// whose environment carries marker (started by a test's child or bus) and
// returns what it found, as "name[pid]".
func killMarked(marker string) []string {
	var found []string
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		comm, _ := os.ReadFile("/proc/" + e.Name() + "/comm")
		name := strings.TrimSpace(string(comm))
		if !strings.HasPrefix(name, "dbus-daemon") && !strings.HasPrefix(name, "dbus-launch") && !strings.HasPrefix(name, "gnome-keyring") {
			continue
		}
		if stat, _ := os.ReadFile("/proc/" + e.Name() + "/stat"); bytes.Contains(stat, []byte(") Z ")) {
			continue // a zombie: already gone
		}
		env, _ := os.ReadFile("/proc/" + e.Name() + "/environ")
		if bytes.Contains(env, []byte("SFSYNC_TEST_MARKER="+marker)) {
			found = append(found, name+"["+e.Name()+"]")
			_ = syscall.Kill(pid, syscall.SIGKILL)
		}
	}
	return found
}

// TestBrowserSignInWaitsForAKeyring: without a usable keyring a browser
// sign-in fails before the browser opens, so no sign-in page ever says
// "Connected" for a connection the command then drops.
func TestBrowserSignInWaitsForAKeyring(t *testing.T) {
	marker := newMarker(t)
	c := newCLI(t)
	bin := t.TempDir() // xdg-open (pkg/browser's opener) records each URL
	if err := os.WriteFile(filepath.Join(bin, "xdg-open"), []byte("#!/bin/sh\necho \"$1\" >> '"+bin+"/opened'\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	args := []string{"--data-dir", c.dir, "connect", "--env", "sandbox", "--client-id", "sfsync-demo", "--callback-port", "0"}
	cmd := child(t, args...)
	cmd.Env = append(busEnv(marker, "PATH="+bin+":"+os.Getenv("PATH")), childArgsEnv+"="+childArgs(t, args...))
	out, _ := cmd.CombinedOutput()
	if code := cmd.ProcessState.ExitCode(); code != ExitFailed || !strings.Contains(string(out), "no D-Bus session bus is running") {
		t.Errorf("browser connect without a keyring: exit %d\n%s", code, out)
	}
	if _, err := os.Stat(filepath.Join(bin, "opened")); err == nil {
		t.Error("the browser was opened although the sign-in could not be kept")
	}
}
