package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestDesktopAppEndToEnd runs the real app binary (built with -race) under
// Xvfb, on the D-Bus session with gnome-keyring that `make test` provides,
// with headless Chromium as the system browser: connect the Demo org from
// `sfsync --demo`, click Allow in the browser, start the first sync with the
// keyboard, see Active, open Records (Ctrl+2) with the simulator's Accounts,
// photograph the window, push the org's API usage over the threshold, Sync
// now (Ctrl+R) once, see "Paused: API quota" as that run ends and receive
// the quota notification as a real Notify call on
// the session bus, then quit with SIGTERM. The app's log must hold no
// "Error in Fyne call thread" and no data race. On the way it photographs
// Data Sources, Records and Settings in the dark variant, and, restarted
// on the same data, Data Sources and Records in the light one.
func TestDesktopAppEndToEnd(t *testing.T) {
	begin := time.Now()
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		t.Fatal("no D-Bus session bus: run `make test` (it runs the tests inside .ci/session, a D-Bus session with an unlocked gnome-keyring)")
	}
	for _, tool := range []string{"Xvfb", "xdotool", "import", "go"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s not found: run `make test` (its deps target installs xvfb, xdotool and imagemagick): %v", tool, err)
		}
	}
	out := artifactDir(t)
	bin := buildApp(t)
	notes := startNotificationServer(t)
	x := startXvfb(t)
	browser := newSystemBrowser(t)
	app := startApp(t, bin, x.display, browser.binDir, out, "FYNE_THEME=dark")

	win := x.window("sfsync", 3*time.Minute)
	authorizeURL := browser.nextURL(t, 1, 3*time.Minute)
	sim := simulatorBase(t, authorizeURL)
	// The main window opens at its default size (no saved preferences).
	if g := x.geometry(win); g.w != 960 || g.h != 640 {
		t.Errorf("main window %dx%d at %d,%d, want 960x640", g.w, g.h, g.x, g.y)
	}
	page := allow(t, chromium(t), authorizeURL)
	// Signed in, not "Connected": sfsync has yet to check permissions.
	if !strings.Contains(page, "Signed in") || strings.Contains(page, "Connected") {
		t.Errorf("the app's callback page:\n%s", page)
	}
	// The first sync waits; the Connect screen shows the estimate with its
	// Start first sync button focused, and Space presses it.
	app.waitLog(t, "The first sync starts when you choose Start first sync", 2*time.Minute)
	app.waitLog(t, "connect: waiting for Start first sync", time.Minute)
	x.keys(win, "space")
	app.waitLog(t, "status=Active", 5*time.Minute)
	shootScreens(t, x, win, app, out, "dark", true)

	x.keys(win, "ctrl+2")
	// Records reads the store only once its tab is first shown: Ctrl+2 makes that load.
	line := app.waitLogMatch(t, regexp.MustCompile(`msg="records view loaded" object=Account rows=[1-9]`), time.Minute)
	rows := regexp.MustCompile(`rows=(\d+)`).FindStringSubmatch(line)
	if want := liveAccounts(t, sim); rows == nil || rows[1] != strconv.Itoa(want) {
		t.Fatalf("Records loaded %q, the simulator has %d live Accounts", line, want)
	}
	time.Sleep(2 * time.Second) // let the table's frame reach the screen
	shot := filepath.Join(out, "records-view.png")
	x.screenshot(shot)
	t.Logf("screenshot of the Records view: %s", shot)

	secondInstance(t, x, bin, app, out)

	used, apiMax := simUsage(t, sim, nil)
	over := apiMax * 9 / 10
	simUsage(t, sim, &over)
	// Sync now: the run's first call reports the usage and, with nothing
	// left to read, the run ends: its answer showed usage over the
	// threshold, so syncing pauses at once ("Paused: API quota", issue 10),
	// with the desktop notification; no second run is needed.
	x.keys(win, "ctrl+r")
	deadline := time.Now().Add(2 * time.Minute)
	for now, _ := simUsage(t, sim, nil); now <= over; now, _ = simUsage(t, sim, nil) {
		if time.Now().After(deadline) {
			t.Fatalf("Ctrl+R (Sync now) made no API call; log:\n%s", app.tail())
		}
		time.Sleep(200 * time.Millisecond)
	}
	n := notes.waitFor(t, "quota", 3*time.Minute, func(n notification) bool {
		return strings.Contains(n.Summary, "paused") && strings.Contains(n.Body, "daily API requests")
	})
	if n.App != "io.github.sfsync" {
		t.Errorf("notification from app %q, want io.github.sfsync", n.App)
	}
	t.Logf("quota notification (usage %d → %d of %d): %s: %s", used, over, apiMax, n.Summary, n.Body)
	app.waitLog(t, `status="Paused: API quota"`, time.Minute)
	x.keys(win, "ctrl+1")
	time.Sleep(time.Second)
	x.screenshot(filepath.Join(out, "data-sources-paused-dark.png"))

	app.quit(t)
	app.checkLogs(t)
	// The light variant, on the kept data: the Demo org ended with the app,
	// so the source is Not connected and its records stay browsable.
	light := restartApp(t, bin, app, "FYNE_THEME=light")
	shootScreens(t, x, x.window("sfsync", 2*time.Minute), light, out, "light", false)
	light.quit(t)
	light.checkLogs(t)
	t.Logf("end to end: %s wall time", time.Since(begin).Round(time.Second))
}

// artifactDir keeps the screenshot and logs: the test's artifact directory
// with `go test -artifacts`, else a fixed directory under $TMPDIR (printed).
func artifactDir(t *testing.T) string {
	if f := flag.Lookup("test.artifacts"); f != nil && f.Value.String() == "true" {
		return t.ArtifactDir()
	}
	dir := filepath.Join(os.TempDir(), "sfsync-e2e-artifacts")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Logf("artifacts (screenshot, logs) in %s", dir)
	return dir
}

// buildApp builds the app with the race detector (cached after the first
// build, linked once per test binary) so the Xvfb run checks the real
// binary's goroutines.
func buildApp(t *testing.T) string {
	t.Helper()
	built.once.Do(func() {
		start := time.Now()
		cmd := exec.Command("go", "build", "-race", "-tags", "migrated_fynedo", "-o", filepath.Join(binDir, "sfsync"), ".")
		if out, err := cmd.CombinedOutput(); err != nil {
			built.err = fmt.Errorf("build the app: %v\n%s", err, out)
		}
		built.took = time.Since(start).Round(100 * time.Millisecond)
	})
	if built.err != nil {
		t.Fatal(built.err)
	}
	t.Logf("race build of the app: %s", built.took)
	return filepath.Join(binDir, "sfsync")
}

// built is the one build of the app for all tests.
var built struct {
	once sync.Once
	err  error
	took time.Duration
}

// binDir holds the built app; TestMain removes it.
var binDir string

func TestMain(m *testing.M) {
	var err error
	if binDir, err = os.MkdirTemp("", "sfsync-bin-"); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(binDir)
	os.Exit(code)
}

// simulatorBase is the Demo org's base URL: the authorize page's origin.
func simulatorBase(t *testing.T, authorizeURL string) string {
	t.Helper()
	u, err := url.Parse(authorizeURL)
	if err != nil || u.Host == "" || !strings.HasPrefix(u.Host, "127.0.0.1:") {
		t.Fatalf("authorize URL %q is not the loopback Demo org", authorizeURL)
	}
	return u.Scheme + "://" + u.Host
}

// simAdmin calls the simulator's admin API and decodes its JSON answer.
func simAdmin(t *testing.T, method, u string, body io.Reader, into any) {
	t.Helper()
	req, err := http.NewRequest(method, u, body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, u, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		b, _ := io.ReadAll(resp.Body)
		t.Fatalf("%s %s: HTTP %d: %s", method, u, resp.StatusCode, b)
	}
	if err := json.NewDecoder(resp.Body).Decode(into); err != nil {
		t.Fatalf("%s %s: %v", method, u, err)
	}
}

func liveAccounts(t *testing.T, sim string) int {
	var rows []map[string]any
	simAdmin(t, http.MethodGet, sim+"/_sim/records/Account", nil, &rows)
	n := 0
	for _, r := range rows {
		if r["IsDeleted"] != true {
			n++
		}
	}
	return n
}

// simUsage reads the org's daily API usage, setting it first when set != nil.
func simUsage(t *testing.T, sim string, set *int) (used, apiMax int) {
	var u struct{ Used, Max int }
	if set != nil {
		simAdmin(t, http.MethodPut, sim+"/_sim/usage", strings.NewReader(fmt.Sprintf(`{"used":%d}`, *set)), &u)
	} else {
		simAdmin(t, http.MethodGet, sim+"/_sim/usage", nil, &u)
	}
	if u.Max <= 0 {
		t.Fatalf("simulator usage %+v has no maximum", u)
	}
	return u.Used, u.Max
}
