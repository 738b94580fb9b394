package ui

import (
	"flag"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/sfsync/sfsync/core/engine"
)

// screenSize is the smallest window size sfsync is designed for (the
// default window size): every screen is photographed at it.
var screenSize = fyne.NewSize(960, 640)

// variants are the theme variants photographed, by name.
var variants = map[string]fyne.ThemeVariant{"dark": theme.VariantDark, "light": theme.VariantLight}

// fixedTheme is Theme() in one variant, whatever the app's settings say
// (the test app's settings have no variant).
func fixedTheme(v fyne.ThemeVariant) fyne.Theme {
	return &appTheme{Theme: theme.DefaultTheme(), variant: &v}
}

// screenDir is where screenshots go: the test's artifact directory with
// `go test -artifacts` (`make test` keeps it in test-artifacts/), else a
// fixed directory under $TMPDIR.
func screenDir(t *testing.T) string {
	if f := flag.Lookup("test.artifacts"); f != nil && f.Value.String() == "true" {
		return t.ArtifactDir()
	}
	dir := filepath.Join(os.TempDir(), "sfsync-ui-screens")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// camera photographs a window's canvas (Fyne's software renderer: the
// real widgets, theme and fonts) into dir as NAME-VARIANT.png.
type camera struct {
	t       *testing.T
	dir     string
	variant string
	win     fyne.Window
	shots   []string
}

func (c *camera) shoot(name string) image.Image {
	c.t.Helper()
	// The test canvas lays out only on resize and refresh; a real window
	// lays out every frame. Refresh the tree as a frame would.
	for range 2 {
		c.win.Content().Refresh()
		for _, o := range c.win.Canvas().Overlays().List() {
			o.Refresh()
		}
	}
	img := c.win.Canvas().Capture()
	path := filepath.Join(c.dir, name+"-"+c.variant+".png")
	f, err := os.Create(path)
	if err != nil {
		c.t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		c.t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != int(screenSize.Width) || b.Dy() != int(screenSize.Height) {
		c.t.Errorf("%s: %dx%d, want the window's %v", name, b.Dx(), b.Dy(), screenSize)
	}
	c.shots = append(c.shots, path)
	return img
}

// TestScreenshotsOfEveryScreen walks every screen of the window in the
// dark and the light variant at 960×640 and keeps a PNG of each in the
// test's artifacts (issue 10: "Screenshots of every screen (dark and
// light) are kept as test artefacts by make test"). The Xvfb end-to-end
// test photographs the real binary's window as well.
func TestScreenshotsOfEveryScreen(t *testing.T) {
	dir := screenDir(t)
	for name, v := range variants {
		t.Run(name, func(t *testing.T) {
			env := newUIEnv(t)
			env.app.Settings().SetTheme(fixedTheme(v))
			m := env.window()
			m.Window.Resize(screenSize)
			cam := &camera{t: t, dir: dir, variant: name, win: m.Window}
			walkScreens(t, env, m, cam)
			t.Logf("%d screenshots in %s", len(cam.shots), dir)
		})
	}
}

// walkScreens goes through the story of the seeds and photographs each
// screen on the way.
func walkScreens(t *testing.T, env *uiEnv, m *MainWindow, cam *camera) {
	m.Tabs.SelectIndex(1)
	cam.shoot("00-records-before-connecting")
	m.Tabs.SelectIndex(0)
	cam.shoot("01-data-sources-not-connected")
	test.Tap(m.Sources.Connect)
	c := m.Connect
	cam.shoot("02-connect")
	c.Env.SetSelected(EnvDemo)
	test.Tap(c.Connect)
	env.app.waitFor(t, "the estimate", func() bool { return c.StartSync.Visible() })
	cam.shoot("03-connect-estimate")
	test.Tap(c.StartSync)
	env.app.waitFor(t, "Active", func() bool { return m.Sources.Badge.Status() == engine.StatusActive })
	cam.shoot("04-data-sources-active")
	shootSettings(t, env, m, cam)
	shootPicker(t, m, cam)
	shootRecords(t, env, m, cam)

	m.Tabs.SelectIndex(0)
	_, daily := env.sim.Usage()
	env.sim.SetUsage(daily * 85 / 100)
	test.Tap(m.Sources.SyncNow)
	env.app.waitFor(t, "the quota pause", func() bool { return m.Sources.Badge.Status() == engine.StatusPausedQuota })
	cam.shoot("10-data-sources-paused-quota")
	menuItem(t, m, "Settings")
	scrollToEnd(m.Settings.Tabs.Items[0].Content)
	cam.shoot("10-settings-paused-quota")
	test.Tap(m.Settings.Close)
	env.sim.SetUsage(0)
	test.Tap(m.Sources.SyncNow)
	env.app.waitFor(t, "Active again", func() bool { return m.Sources.Badge.Status() == engine.StatusActive && !m.State().Running })
	m.ConfirmDisconnect()
	cam.shoot("10-disconnect-confirm")
	hideOverlays(m.Window)
	env.sim.RevokeRefreshTokens()
	env.sim.ExpireAccessTokens()
	env.eng.SyncNow()
	env.app.waitFor(t, "the reauthorization error", func() bool { return m.State().NeedsReauth })
	cam.shoot("11-data-sources-reauthorize")
	if !strings.Contains(m.Sources.Detail.Text, "Reauthorize") {
		t.Errorf("reauthorization detail: %q", m.Sources.Detail.Text)
	}
}

func shootSettings(t *testing.T, env *uiEnv, m *MainWindow, cam *camera) {
	menuItem(t, m, "Settings")
	d := m.Settings
	env.app.waitFor(t, "the history", func() bool { return len(d.Runs) > 0 })
	cam.shoot("05-settings")
	d.Tabs.SelectIndex(1)
	cam.shoot("05-settings-history")
	d.Tabs.SelectIndex(0)
	d.Threshold.SetValue(90)
	test.Tap(d.Close)
	cam.shoot("05-settings-discard-changes")
	d.Discard.Confirm()
	if m.Settings != nil {
		t.Fatal("Discard changes did not close Settings")
	}
}

func shootPicker(t *testing.T, m *MainWindow, cam *camera) {
	menuItem(t, m, "Settings")
	test.Tap(m.Settings.EditFields)
	p := m.Picker
	cam.shoot("06-field-picker")
	test.Tap(p.Checks[fieldKey("Account", "Owner.Email")])
	test.Tap(p.Checks[fieldKey("Account", "Website")])
	cam.shoot("06-field-picker-lookup-rule")
	test.Tap(p.SelectOwner)
	test.Tap(p.Checks[fieldKey("Account", "AnnualRevenue")])
	test.Tap(p.Review)
	cam.shoot("07-field-review")
	p.dialog.Hide()
	m.Settings.Hide()
}

func shootRecords(t *testing.T, env *uiEnv, m *MainWindow, cam *camera) {
	loaded := false
	v := m.Records
	v.OnLoaded = func() { loaded = true }
	m.Tabs.SelectIndex(1)
	env.app.waitFor(t, "the Accounts table", func() bool { return loaded })
	cam.shoot("08-records")
	tb := v.Model()
	test.Type(v.Search, "zzzz-no-such")
	env.app.waitFor(t, "the empty search", func() bool { return tb.Query() == "zzzz-no-such" })
	cam.shoot("08-records-search-no-match")
	v.Search.SetText("LLC")
	env.app.waitFor(t, "the search", func() bool { return tb.Query() == "LLC" })
	d := v.ShowExport()
	cam.shoot("08-records-export")
	var done *ExportDialog
	v.OnExported = func(e *ExportDialog) { done = e }
	w, err := storage.Writer(storage.NewFileURI(filepath.Join(t.TempDir(), "Account.csv")))
	if err != nil {
		t.Fatal(err)
	}
	d.WriteTo(w)
	env.app.waitFor(t, "the export", func() bool { return done == d })
	cam.shoot("08-records-exported")
	d.Hide()
	v.Search.SetText("")
	var page *RecordPage
	v.OnOpened = func(p *RecordPage) { page = p }
	v.OpenRecord("Account", tb.ID(0))
	env.app.waitFor(t, "the record page", func() bool { return page != nil })
	cam.shoot("09-record-page")
	page.Close()
	v.Object.SetSelected("Opportunity")
	env.app.waitFor(t, "the Opportunities", func() bool { return v.Model() != nil && v.Model().Object == "Opportunity" })
	cam.shoot("09-records-opportunities")
}

// hideOverlays closes every dialog and pop-up on w.
func hideOverlays(w fyne.Window) {
	for o := w.Canvas().Overlays().Top(); o != nil; o = w.Canvas().Overlays().Top() {
		w.Canvas().Overlays().Remove(o)
	}
}

// scrollToEnd scrolls the first scroll among c's objects to its end.
func scrollToEnd(c fyne.CanvasObject) {
	for _, o := range c.(*fyne.Container).Objects {
		if s, ok := o.(*container.Scroll); ok {
			s.ScrollToBottom()
			return
		}
	}
}
