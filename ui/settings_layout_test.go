package ui

import (
	"testing"

	"fyne.io/fyne/v2/theme"
)

// TestSettingsStatusClearsTheTabBar: on Settings' General tab the status
// badge stands apart from the tab bar above it, as the card's badge does
// from the card's edge. Under Xvfb it touched the tabs' underline (no gap
// at all) and read as part of the tab bar.
func TestSettingsStatusClearsTheTabBar(t *testing.T) {
	env := newUIEnv(t)
	m := env.window()
	m.Window.Resize(screenSize)
	env.connectDemo(m)
	menuItem(t, m, "Settings")
	d := m.Settings
	tabTop, _ := box(d.Tabs.Items[0].Content)
	badgeTop, _ := box(d.Badge.box)
	if gap := badgeTop - tabTop; gap < theme.Padding() {
		t.Errorf("the badge is %.0f px below the tab bar, want at least %.0f", gap, theme.Padding())
	}
}
