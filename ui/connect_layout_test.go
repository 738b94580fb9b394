package ui

import (
	"strconv"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/sfsync/sfsync/core/demo"
)

// TestConnectOutcomeStaysInView (seen in the real window at 960×640):
// with no key built in, the guide fills the screen, and the sign-in's
// progress ("Configuring… Sign in…"), its error and the estimate went
// below it, out of view: after Connect the person saw nothing happen.
func TestConnectOutcomeStaysInView(t *testing.T) {
	env := newUIEnv(t)
	env.decision.Store("wait")
	m := env.window()
	m.Window.Resize(screenSize)
	test.Tap(m.Sources.Connect)
	c := m.Connect
	port, err := demo.FreePort()
	if err != nil {
		t.Fatal(err)
	}
	c.Port.SetText(strconv.Itoa(port))
	c.ClientID.SetText("3MVG9-test-key")
	test.Tap(c.Connect)
	t.Cleanup(func() { test.Tap(c.Cancel); env.app.waitFor(t, "the sign-in to stop", func() bool { return !c.busy }) })
	if !c.Status.Visible() {
		t.Fatalf("no status after Connect: %q", c.Status.Text)
	}
	for _, o := range m.Window.Canvas().Overlays().List() { // a frame's layout
		o.Refresh()
	}
	d := fyne.CurrentApp().Driver()
	top, bottom := d.AbsolutePositionForObject(c.Scroll).Y, d.AbsolutePositionForObject(c.Cancel).Y
	if y := d.AbsolutePositionForObject(c.Status).Y; y < top || y+c.Status.Size().Height > bottom {
		t.Errorf("the status %q is at y=%.0f, outside the screen's %.0f–%.0f", c.Status.Text, y, top, bottom)
	}
}

// TestConnectChoiceShowsItsTop (seen in the real window): scrolled down
// the guide, choosing the Demo org (a short page) kept the scroll offset:
// the first choices stayed hidden above, with no scroll bar to reach them.
func TestConnectChoiceShowsItsTop(t *testing.T) {
	env := newUIEnv(t)
	m := env.window()
	m.Window.Resize(screenSize)
	test.Tap(m.Sources.Connect)
	c := m.Connect
	c.Scroll.ScrollToBottom()
	if c.Scroll.Offset.Y == 0 {
		t.Fatal("the Connect screen does not scroll: nothing to test")
	}
	c.Env.SetSelected(EnvDemo)
	frame(c.Scroll)
	if !inView(c.Env, c.Scroll) {
		t.Errorf("the choices are out of view (offset %v, content %v high, view %v high)",
			c.Scroll.Offset.Y, c.Scroll.Content.MinSize().Height, c.Scroll.Size().Height)
	}
}

// TestConnectOutcomeFollowsTheChoices (seen in the real window at 960×640
// and 1400×900, dark and light): with the Demo org chosen (a short page),
// its sign-in status sat at the dialog's bottom, 170–200 px of blank below
// the choices, and read as unrelated to them. The outcome follows the
// choices when they are short, and stays pinned in view when they are long
// (TestConnectOutcomeStaysInView).
func TestConnectOutcomeFollowsTheChoices(t *testing.T) {
	for _, size := range []fyne.Size{screenSize, fyne.NewSize(1400, 900)} {
		env := newUIEnv(t)
		m := env.window()
		m.Window.Resize(size)
		test.Tap(m.Sources.Connect)
		c := m.Connect
		c.Env.SetSelected(EnvDemo)
		showText(c.Error, "sfsync could not open your web browser on Salesforce's sign-in page.")
		for _, o := range m.Window.Canvas().Overlays().List() { // a frame's layout
			o.Refresh()
		}
		d := fyne.CurrentApp().Driver()
		choicesEnd := d.AbsolutePositionForObject(c.About).Y + c.About.Size().Height
		if gap := d.AbsolutePositionForObject(c.Error).Y - choicesEnd; gap > 4*theme.Padding() {
			t.Errorf("at %v the error is %.0f px below the Demo org's text, want at most %.0f", size, gap, 4*theme.Padding())
		}
		if y := d.AbsolutePositionForObject(c.Error).Y + c.Error.Size().Height; y > d.AbsolutePositionForObject(c.Cancel).Y {
			t.Errorf("at %v the error ends at y=%.0f, below the buttons", size, y)
		}
	}
}

// TestConnectEnterInAFieldConnects (seen in the real window): typing My
// Domain or the consumer key and pressing Enter did nothing; the person
// had to find the Connect button. Enter in a field is Connect.
func TestConnectEnterInAFieldConnects(t *testing.T) {
	env := newUIEnv(t)
	m := env.window()
	test.Tap(m.Sources.Connect)
	c := m.Connect
	c.Env.SetSelected(EnvMyDomain)
	c.ClientID.SetText("")
	for _, e := range []*widget.Entry{c.MyDomain, c.ClientID, c.Port} {
		showText(c.MyDomainError, "")
		showText(c.KeyError, "")
		e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		if !c.MyDomainError.Visible() {
			t.Errorf("Enter in %q did not try to connect (no error for the empty My Domain)", e.PlaceHolder)
		}
	}
}
