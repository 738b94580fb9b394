package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// trayApp is the test app as a desktop app: it records the tray menu set,
// and its windows whether they are shown.
type trayApp struct {
	fyne.App
	menu *fyne.Menu
}

func (a *trayApp) NewWindow(title string) fyne.Window {
	return &shownWindow{Window: a.App.NewWindow(title)}
}

type shownWindow struct {
	fyne.Window
	shown bool
}

func (w *shownWindow) Show() { w.shown = true; w.Window.Show() }
func (w *shownWindow) Hide() { w.shown = false; w.Window.Hide() }

func (a *trayApp) SetSystemTrayMenu(menu *fyne.Menu) { a.menu = menu }
func (a *trayApp) SetSystemTrayIcon(fyne.Resource)   {}
func (a *trayApp) SetSystemTrayWindow(w fyne.Window) {}

// TestClosingHidesOnlyWithATray: with a tray the window's close button
// hides the window and the tray menu can open it again; without one (no
// StatusNotifierWatcher) no tray menu is set and closing quits.
func TestClosingHidesOnlyWithATray(t *testing.T) {
	for _, tray := range []bool{true, false} {
		a := &trayApp{App: test.NewTempApp(t)}
		f := newFakeEngine()
		quits := 0
		m := NewMainWindow(a, Deps{Engine: f, Quit: func() { quits++ }, HasTray: func() bool { return tray }})
		m.Window.Show()
		m.CloseRequested()
		if !tray {
			if a.menu != nil || m.TrayStatus != nil || quits != 1 {
				t.Errorf("no tray: tray menu %v, quit %d times", a.menu, quits)
			}
		} else {
			if a.menu == nil || quits != 0 || m.Window.(*shownWindow).shown {
				t.Errorf("tray: menu %v, quit %d times, window still shown", a.menu, quits)
			} else {
				a.menu.Items[2].Action() // Open
				if !m.Window.(*shownWindow).shown {
					t.Error("the tray's Open did not show the window")
				}
			}
		}
		close(f.events)
		m.Close()
	}
}
