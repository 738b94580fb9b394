package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// setupTray makes the close button save the window's preferences and, where
// the desktop really shows a tray icon, hide the window while syncing goes
// on in the tray; without a tray nothing could bring the window back, so
// closing it quits.
func (m *MainWindow) setupTray() {
	m.Window.SetCloseIntercept(m.CloseRequested)
	desk, ok := m.App.(desktop.App)
	if !ok {
		return
	}
	hasTray := m.deps.HasTray
	if hasTray == nil {
		hasTray = SystemTrayAvailable
	}
	if !hasTray() {
		m.log.Info("no system tray on this desktop: closing the window quits")
		return
	}
	m.TrayStatus = fyne.NewMenuItem("Salesforce: "+string(m.deps.Engine.State().Status), nil)
	m.TrayStatus.Disabled = true
	m.trayMenu = fyne.NewMenu("sfsync",
		m.TrayStatus,
		fyne.NewMenuItem("Sync now", m.deps.Engine.SyncNow),
		fyne.NewMenuItem("Open", func() { m.Window.Show(); m.Window.RequestFocus() }),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Quit", m.quit),
	)
	desk.SetSystemTrayMenu(m.trayMenu)
	if m.deps.Icon != nil {
		desk.SetSystemTrayIcon(m.deps.Icon)
	}
}

// CloseRequested is what the window's close button does: with a system
// tray the window hides and syncing goes on; without one the app quits.
// Either way the window size and view are saved first.
func (m *MainWindow) CloseRequested() {
	m.savePrefs()
	if m.TrayStatus != nil {
		m.Window.Hide()
		return
	}
	m.quit()
}
