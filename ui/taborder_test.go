package ui

import (
	"testing"

	"fyne.io/fyne/v2"
)

// tabsReach presses Tab (FocusNext) once per wanted control and checks each
// gets the focus in turn.
func tabsReach(t *testing.T, c fyne.Canvas, want ...fyne.Focusable) {
	t.Helper()
	for i, w := range want {
		c.FocusNext()
		if got := c.Focused(); got != w {
			t.Fatalf("Tab %d focuses %T, want %T (the control on screen after the previous one)", i+1, got, w)
		}
	}
}

// TestPickerAndRecordsTabOrderFollowTheScreen (seen in the real window):
// Tab went to the field picker's list of check boxes before its search
// and preset above, and to the Records table (and the search) before the
// object chooser at the left of the bar above it: Fyne's Border puts the
// content first. Tab goes as the screen reads.
func TestPickerAndRecordsTabOrderFollowTheScreen(t *testing.T) {
	env, m, p := openPicker(t)
	tabsReach(t, m.Window.Canvas(), p.Search, p.Presets)
	p.dialog.Hide()
	m.Settings.Hide()
	v := m.Records
	loaded := false
	v.OnLoaded = func() { loaded = true }
	m.Tabs.SelectIndex(1)
	env.app.waitFor(t, "the Accounts table", func() bool { return loaded })
	tabsReach(t, m.Window.Canvas(), v.Object, v.Search, v.Export)
}

// TestSettingsClosesOnEscapeFromAButton (seen in the real window): Tab to
// Reauthorize, Sync now or Save, then Escape, and Settings stayed open
// (Fyne gives the key to the focused button only, which ignores Escape).
func TestSettingsClosesOnEscapeFromAButton(t *testing.T) {
	_, m := connectedWindow(t, screenSize)
	for i := range 3 {
		menuItem(t, m, "Settings")
		c := m.Window.Canvas()
		for range i + 1 {
			c.FocusNext()
		}
		focused := c.Focused()
		pressEscape(m.Window)
		if m.Settings != nil {
			t.Fatalf("Escape with %T %v focused left Settings open", focused, focused)
		}
	}
}
