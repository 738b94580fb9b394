package ui

import (
	"net/url"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/sfsync/sfsync/core/demo"
	"github.com/sfsync/sfsync/core/engine"
	"github.com/sfsync/sfsync/core/store"
	"github.com/sfsync/sfsync/core/wording"
)

// Dialog sizes. Fyne shrinks a dialog to fit its window: Settings asks
// for the height its form takes with a long status sentence (paused for
// the API quota) above the actions, so a tall window shows it all; at
// 960×640 it fills the window's height.
var (
	settingsSize = fyne.NewSize(720, 760)
	connectSize  = fyne.NewSize(680, 620)
	pickerSize   = fyne.NewSize(820, 680)
	// fileDialogSize is the export's save dialog.
	fileDialogSize = fyne.NewSize(800, 560)
)

// ShowConnect opens the Connect screen. While an org is connected it first
// asks: signing in to a different org replaces the records on this
// computer.
func (m *MainWindow) ShowConnect() {
	if m.Connect != nil || m.ReplaceConfirm != nil {
		return
	}
	warning := ""
	if m.state.OrgID != "" && m.state.Status != engine.StatusNotConnected {
		warning = wording.ReplaceOrg(m.state.OrgName, totalRecords(m.state.Counts))
	}
	if warning == "" {
		m.openConnect("")
		return
	}
	m.ReplaceConfirm = dialog.NewConfirm("Connect another org?", warning, func(ok bool) {
		m.ReplaceConfirm = nil
		if ok {
			m.openConnect(warning)
		}
	}, m.Window)
	m.ReplaceConfirm.SetConfirmText("Continue")
	m.ReplaceConfirm.SetDismissText("Cancel")
	m.ReplaceConfirm.Show()
	m.closeOnEscape(m.ReplaceConfirm.Dismiss)
}

// openConnect opens the Connect screen, with the replacement warning shown
// on it when another org is connected.
func (m *MainWindow) openConnect(warning string) {
	m.Connect = newConnectDialog(m.ctx, connectConfig{eng: m.deps.Engine, clientID: m.deps.ClientID, builtIn: m.deps.ClientIDBuiltIn,
		startDemo: m.deps.StartDemo, onDemo: m.keepDemo, cliOrgs: m.deps.CLIOrgs, openURL: m.openURL,
		replacing: warning, parent: m.Window, log: m.log})
	m.Connect.SetOnClosed(func() { m.Connect = nil })
	m.Connect.Show(dialogSize(m.Window, connectSize))
	m.closeOnEscape(m.Connect.dialog.Hide)
}

// totalRecords adds the per-object counts.
func totalRecords(counts map[string]int) int64 {
	var n int64
	for _, c := range counts {
		n += int64(c)
	}
	return n
}

// dialogSize is want, shrunk to fit inside the window with a margin.
func dialogSize(w fyne.Window, want fyne.Size) fyne.Size {
	have := w.Canvas().Size()
	if have.Width <= 0 || have.Height <= 0 {
		return want
	}
	return fyne.NewSize(min(want.Width, have.Width-40), min(want.Height, have.Height-40))
}

// openURL opens a web page in the system browser (Deps.OpenURL in tests).
func (m *MainWindow) openURL(u string) error {
	if m.deps.OpenURL != nil {
		return m.deps.OpenURL(u)
	}
	parsed, err := url.Parse(u)
	if err != nil {
		return err
	}
	return m.App.OpenURL(parsed)
}

// keepDemo remembers a started Demo org so it stops with the window and
// only one runs at a time.
func (m *MainWindow) keepDemo(d *demo.Org) {
	if m.demo != nil {
		m.demo.Stop()
	}
	m.demo = d
	done := m.ctx.Done()
	go func() { <-done; d.Stop() }()
}

// ShowSettings opens the Settings dialog.
func (m *MainWindow) ShowSettings() {
	if m.Settings != nil {
		return
	}
	m.Settings = NewSettingsDialog(m.deps.Engine, m.state, m.Window, m.ShowFieldPicker, m.reauthorize)
	m.Settings.SetOnClosed(func() { m.Settings = nil; m.log.Info("dialog closed", "dialog", "Settings") })
	m.Settings.Show(settingsSize)
	m.log.Info("dialog shown", "dialog", "Settings")
}

// reauthorize signs in again in the background; the engine's events show
// the outcome, the Data Sources card and the Settings dialog say it in
// words.
func (m *MainWindow) reauthorize() {
	say := func(text string) {
		if m.Settings != nil {
			say(m.Settings.Message, text)
		}
		m.Sources.Message.SetText(text)
		showIf(m.Sources.Message, text != "")
	}
	say("Configuring… Sign in to Salesforce in your browser and click Allow.")
	port := m.callbackPort()
	go func() {
		err := m.deps.Engine.Reauthorize(m.ctx)
		fyne.Do(func() {
			if err != nil {
				say(wording.ReauthorizeError(err, port))
				return
			}
			say("Success: reauthorized.")
		})
	}()
}

// callbackPort is the stored callback port, for error messages.
func (m *MainWindow) callbackPort() int {
	if m.deps.Store == nil {
		return 0
	}
	set, _, err := m.deps.Store.Settings()
	if err != nil || set.CallbackPort <= 0 {
		return 1717
	}
	return set.CallbackPort
}

// ShowFieldPicker opens Customize fields.
func (m *MainWindow) ShowFieldPicker() {
	cat, presets, err := LoadPickerCatalog(m.deps.Store)
	if err != nil {
		dialog.ShowError(err, m.Window)
		return
	}
	if cat == nil {
		dialog.ShowInformation("Customize fields", "The field list is read from Salesforce when you connect. Connect first.", m.Window)
		return
	}
	src := PickerSource{Catalog: cat, Presets: presets, Selection: m.deps.Engine.Selection(), Counts: m.state.Counts}
	m.Picker = NewFieldPicker(src, m.Window, m.deps.Engine.SaveFields, m.deps.Engine.SyncNow)
	m.Picker.SetOnClosed(func() { m.Picker = nil })
	m.Picker.Show(pickerSize, m.Window.Canvas().Size())
}

// ConfirmDisconnect asks whether to keep the local records, then disconnects.
func (m *MainWindow) ConfirmDisconnect() {
	keep := widget.NewRadioGroup([]string{KeepData, DeleteData}, nil)
	keep.Required = true
	keep.SetSelected(KeepData)
	text := widget.NewLabel("sfsync stops syncing and signs out of Salesforce. What about the records already on this computer?")
	text.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm("Disconnect Salesforce?", "Disconnect", "Cancel", container.NewVBox(text, keep),
		func(ok bool) {
			if ok {
				m.disconnect(keep.Selected == KeepData)
			}
		}, m.Window)
	m.DisconnectChoice = keep
	d.Resize(fyne.NewSize(480, 260))
	d.Show()
	m.closeOnEscape(d.Dismiss)
}

// The Disconnect dialog's choices.
const (
	KeepData   = "Keep local data"
	DeleteData = "Delete local data"
)

func (m *MainWindow) disconnect(keepData bool) {
	go func() {
		err := m.deps.Engine.Disconnect(m.ctx, keepData)
		fyne.Do(func() {
			m.Records.MarkStale()
			if err != nil {
				dialog.ShowError(err, m.Window)
			}
		})
	}()
}

// notifyFailure sends the "sync failed" notification the engine leaves to
// the UI (it notifies quota pauses and reauthorization itself): once when
// runs start failing, not again for every failed retry.
func (m *MainWindow) notifyFailure(ev engine.Event) {
	if ev.Kind != engine.EventRunFinished || ev.Run == nil {
		return
	}
	failed := ev.Run.Result == store.RunError && !ev.State.NeedsReauth
	if failed && !m.lastRunFailed {
		m.App.SendNotification(fyne.NewNotification("Salesforce sync failed", ev.State.Detail))
	}
	m.lastRunFailed = failed
}

// ConnectDemo opens Connect with the Demo org chosen and starts the sign-in
// (`sfsync --demo`); the person still clicks Allow in the browser and
// Start first sync.
func (m *MainWindow) ConnectDemo() {
	m.ShowConnect()
	if m.Connect == nil || m.Connect.busy || m.Connect.connected {
		return
	}
	m.Connect.Env.SetSelected(EnvDemo)
	m.Connect.start()
}
