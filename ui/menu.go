package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// Keyboard shortcuts of the main menu (Ctrl on Linux and Windows, Cmd on
// macOS). Menu shortcuts work whatever has the focus, dialogs included.
var (
	ShortcutDataSources = shortcut(fyne.Key1)
	ShortcutRecords     = shortcut(fyne.Key2)
	ShortcutSyncNow     = shortcut(fyne.KeyR)
	ShortcutSettings    = shortcut(fyne.KeyComma)
	ShortcutQuit        = shortcut(fyne.KeyQ)
)

func shortcut(key fyne.KeyName) *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}
}

// setupMenu gives the window its menu bar: Salesforce (Connect, Sync now,
// Settings, Quit), View (Data Sources, Records), with shortcuts, and Help
// (the connect guide, About).
func (m *MainWindow) setupMenu() {
	item := func(label string, sc fyne.Shortcut, action func()) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, action)
		it.Shortcut = sc
		return it
	}
	quit := item("Quit", ShortcutQuit, m.quit)
	quit.IsQuit = true
	m.Window.SetMainMenu(fyne.NewMainMenu(
		fyne.NewMenu("Salesforce",
			fyne.NewMenuItem("Connect…", m.ShowConnect),
			item("Sync now", ShortcutSyncNow, m.deps.Engine.SyncNow),
			item("Settings…", ShortcutSettings, m.settingsIfConnected),
			fyne.NewMenuItemSeparator(),
			quit,
		),
		fyne.NewMenu("View",
			item("Data Sources", ShortcutDataSources, func() { m.Tabs.SelectIndex(0) }),
			item("Records", ShortcutRecords, func() { m.Tabs.SelectIndex(1) }),
		),
		fyne.NewMenu("Help",
			fyne.NewMenuItem(HelpGuide+"…", m.ShowGuide),
			fyne.NewMenuItem(HelpAbout, m.ShowAbout),
		),
	))
}

// settingsIfConnected opens Settings once there is a source to set up;
// before that it opens Connect.
func (m *MainWindow) settingsIfConnected() {
	if m.state.OrgID == "" {
		m.ShowConnect()
		return
	}
	m.ShowSettings()
}

// Quit saves the window's preferences and ends the app (the menu's Quit;
// main calls it on SIGTERM). It runs on the UI goroutine.
func (m *MainWindow) Quit() { m.quit() }

// closeOnEscape lets Escape run close while the dialog just shown is in
// front.
func (m *MainWindow) closeOnEscape(close func()) { m.escapes.add(m.Window.Canvas(), close) }

// typedKey is the window's key handler for keys no focused widget took:
// Escape closes the top dialog (a record page, the field picker, Settings
// after asking about unsaved changes, any other dialog closeOnEscape
// named).
func (m *MainWindow) typedKey(ev *fyne.KeyEvent) {
	if ev.Name != fyne.KeyEscape || m.escapes.close(m.Window.Canvas()) {
		return
	}
	switch {
	case len(m.Records.pages) > 0:
		m.Records.pages[len(m.Records.pages)-1].Close()
	case m.Picker != nil:
		m.Picker.dialog.Hide()
	case m.Settings != nil && m.Settings.Discard != nil:
		m.Settings.Discard.Dismiss()
	case m.Settings != nil:
		m.Settings.RequestClose()
	}
}
