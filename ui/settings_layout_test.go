package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/sfsync/sfsync/core/engine"
)

// TestSettingsStatusClearsTheTabBar: on Settings' General tab the status
// badge stands apart from the tab bar above it, as the card's badge does
// from the card's edge. Under Xvfb it touched the tabs' underline (no gap
// at all) and read as part of the tab bar.
func TestSettingsStatusClearsTheTabBar(t *testing.T) {
	_, m := connectedWindow(t, screenSize)
	menuItem(t, m, "Settings")
	d := m.Settings
	tabTop, _ := box(d.Tabs.Items[0].Content)
	badgeTop, _ := box(d.Badge.box)
	if gap := badgeTop - tabTop; gap < theme.Padding() {
		t.Errorf("the badge is %.0f px below the tab bar, want at least %.0f", gap, theme.Padding())
	}
}

// TestSettingsUsesATallWindow: in a 1400×900 window, Settings paused for
// the API quota (its long sentence above the actions) shows the whole
// form down to Last error above its buttons. Under Xvfb the dialog kept
// its 640 px and scrolled the form while 260 px of the window stayed
// unused.
func TestSettingsUsesATallWindow(t *testing.T) {
	env, m := connectedWindow(t, fyne.NewSize(1400, 900))
	d := settingsPausedForQuota(t, env, m)
	buttons, _ := box(d.Close)
	if _, bottom := box(d.LastError); bottom > buttons {
		t.Errorf("Last error ends at y %.0f, below the dialog's buttons at %.0f: the form scrolls in a 900 px window", bottom, buttons)
	}
}

// connectedWindow is the main window at size, connected to the Demo org.
func connectedWindow(t *testing.T, size fyne.Size) (*uiEnv, *MainWindow) {
	env := newUIEnv(t)
	m := env.window()
	m.Window.Resize(size)
	env.connectDemo(m)
	return env, m
}

// TestSettingsTabOrderFollowsTheScreen (seen in the real window): the
// first Tab in Settings skipped Reauthorize, Edit data sync and Sync now
// (at the top) and went to the Syncing check box; the actions came only
// after Last error. Tab goes top to bottom as the screen reads.
func TestSettingsTabOrderFollowsTheScreen(t *testing.T) {
	_, m := connectedWindow(t, screenSize)
	menuItem(t, m, "Settings")
	d := m.Settings
	c := m.Window.Canvas()
	for i, want := range []fyne.Focusable{d.Reauthorize, d.EditFields, d.SyncNow, d.Enabled, d.Frequency} {
		c.FocusNext()
		if got := c.Focused(); got != want {
			t.Fatalf("Tab %d focuses %T %v, want %T %v", i+1, got, got, want, want)
		}
	}
}

// settingsPausedForQuota pauses the source for the API quota (the org at
// 85 %, over the 80 % threshold) and opens Settings.
func settingsPausedForQuota(t *testing.T, env *uiEnv, m *MainWindow) *SettingsDialog {
	t.Helper()
	_, daily := env.sim.Usage()
	env.sim.SetUsage(daily * 85 / 100)
	test.Tap(m.Sources.SyncNow)
	env.app.waitFor(t, "the quota pause", func() bool { return m.Sources.Badge.Status() == engine.StatusPausedQuota })
	menuItem(t, m, "Settings")
	return m.Settings
}
