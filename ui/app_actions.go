package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/sfsync/sfsync/core/demo"
	"github.com/sfsync/sfsync/core/engine"
	"github.com/sfsync/sfsync/core/store"
	"github.com/sfsync/sfsync/core/wording"
)

// Dialog sizes.
var (
	settingsSize = fyne.NewSize(720, 640)
	connectSize  = fyne.NewSize(560, 480)
	pickerSize   = fyne.NewSize(820, 680)
)

// ShowConnect opens the Connect screen.
func (m *MainWindow) ShowConnect() {
	if m.Connect != nil {
		return
	}
	m.Connect = NewConnectDialog(m.ctx, m.deps.Engine, m.deps.ClientID, m.deps.StartDemo, m.keepDemo, m.Window)
	m.Connect.log = m.log
	m.Connect.SetOnClosed(func() { m.Connect = nil })
	m.Connect.Show(connectSize)
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
				say(wording.ConnectError(err, port, wording.Window))
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
