package ui

import (
	"context"
	"log/slog"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/sfsync/sfsync/core/demo"
	"github.com/sfsync/sfsync/core/engine"
	"github.com/sfsync/sfsync/core/store"
)

// Preference keys (fyne Preferences; never tokens).
const (
	prefWidth  = "window.width"
	prefHeight = "window.height"
	prefView   = "window.view" // index of the last tab
)

// MainWindow is sfsync's window: the Data Sources and Records tabs, the
// dialogs they open, the system tray menu, and the goroutine that drains the
// engine's events onto the UI goroutine with fyne.Do.
type MainWindow struct {
	App     fyne.App
	Window  fyne.Window
	Tabs    *container.AppTabs
	Sources *DataSources
	Records *RecordsView

	Settings *SettingsDialog // open Settings dialog, or nil
	Connect  *ConnectDialog  // open Connect dialog, or nil
	// ReplaceConfirm is the open "Connect another org?" question, or nil.
	ReplaceConfirm *dialog.ConfirmDialog
	Help           *HelpDialog  // the last Help screen opened (About, connect guide)
	Picker         *FieldPicker // open field picker, or nil
	escapes        escapes      // the other dialogs Escape closes
	// DisconnectChoice is the keep/delete choice of the last Disconnect
	// confirmation.
	DisconnectChoice *widget.RadioGroup

	TrayStatus *fyne.MenuItem // nil without a system tray
	trayMenu   *fyne.Menu

	deps          Deps
	state         engine.State
	activity      Activity // from the run history
	lastRunFailed bool
	demo          *demo.Org // the Demo org this window started
	log           *slog.Logger
	ctx           context.Context // cancelled when the app stops
	cancel        context.CancelFunc
	// applied, when set, is told how long each event took to apply (for
	// the event benchmark).
	applied func(time.Duration)
}

// NewMainWindow builds the window on a, shows the engine's current state and
// starts draining its events. The caller shows the window (ShowAndRun).
func NewMainWindow(a fyne.App, deps Deps) *MainWindow {
	ctx, cancel := context.WithCancel(context.Background())
	m := &MainWindow{App: a, deps: deps, activity: Activity{AppCalls: -1}, ctx: ctx, cancel: cancel, log: deps.Logger,
		escapes: escapes{}}
	if m.log == nil {
		m.log = slog.New(slog.DiscardHandler)
	}
	if m.deps.StartDemo == nil {
		m.deps.StartDemo = func() (*demo.Org, error) { return demo.Start(demo.Seed()) }
	}
	useTheme(a)
	m.Window = a.NewWindow("sfsync")
	if deps.Icon != nil {
		m.Window.SetIcon(deps.Icon)
	}
	m.Sources = NewDataSources(deps.Icon, SourceActions{
		Connect:     m.ShowConnect,
		Settings:    m.ShowSettings,
		SyncNow:     deps.Engine.SyncNow,
		Disconnect:  m.ConfirmDisconnect,
		Reauthorize: m.reauthorize,
	})
	m.Records = NewRecordsView(m.Window, deps.Store, RecordsActions{
		Connect:     m.ShowConnect,
		SyncNow:     deps.Engine.SyncNow,
		Connected:   m.hasRecords,
		InstanceURL: func() string { return m.state.InstanceURL },
		OnDialog:    m.closeOnEscape,
	})
	m.Records.log = m.log
	m.Tabs = container.NewAppTabs(
		container.NewTabItem("Data Sources", m.Sources.Content()),
		container.NewTabItem("Records", m.Records.Content()),
	)
	prefs := a.Preferences()
	m.Tabs.SelectIndex(prefs.IntWithFallback(prefView, 0))
	m.Tabs.OnSelected = func(*container.TabItem) {
		prefs.SetInt(prefView, m.Tabs.SelectedIndex())
		m.tabShown()
	}
	m.tabShown() // the saved tab was selected before OnSelected was set
	m.Window.SetContent(m.Tabs)
	m.Window.Resize(fyne.NewSize(float32(prefs.FloatWithFallback(prefWidth, 960)),
		float32(prefs.FloatWithFallback(prefHeight, 640))))
	m.setupTray()
	m.setupMenu()
	m.Window.Canvas().SetOnTypedKey(m.typedKey)
	m.refreshAppCalls() // before the first Apply: the card shows the history's facts
	m.Apply(engine.Event{Kind: engine.EventStatusChanged, State: deps.Engine.State()})
	go m.pump(deps.Engine.Events())
	every := deps.ClockEvery
	if every <= 0 {
		every = time.Minute
	}
	go m.tick(every)
	return m
}

// tick rewrites the card's relative times ("5 min ago", "in 3 min") as
// the clock moves: no engine event comes between runs.
func (m *MainWindow) tick(every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-m.ctx.Done():
			return
		case <-t.C:
			fyne.Do(func() {
				if m.ctx.Err() == nil {
					m.Sources.showFacts(m.state, m.activity)
				}
			})
		}
	}
}

// tabShown starts what the selected tab needs: Records loads its table.
func (m *MainWindow) tabShown() {
	if m.recordsSelected() {
		m.Records.Show()
	}
}

// recordsSelected reports whether the Records tab is the one shown.
func (m *MainWindow) recordsSelected() bool {
	return m.Tabs.Selected().Content == m.Records.Content()
}

// runChanged reports whether a finished run may have changed records (a
// run without its summary counts as changed).
func runChanged(r *store.Run) bool {
	if r == nil {
		return true
	}
	for _, c := range r.Objects {
		if c.Added+c.Updated+c.Deleted > 0 {
			return true
		}
	}
	return false
}

// pump moves engine events to the UI goroutine. It is the only goroutine
// that reads Events; widgets are touched only inside fyne.Do.
func (m *MainWindow) pump(events <-chan engine.Event) {
	for ev := range events {
		fyne.Do(func() {
			if m.ctx.Err() != nil {
				return // closed: the widgets may belong to an app that is gone
			}
			start := time.Now()
			m.Apply(ev)
			if m.applied != nil {
				m.applied(time.Since(start))
			}
		})
	}
}

// Apply shows one engine event. It runs on the UI goroutine.
func (m *MainWindow) Apply(ev engine.Event) {
	m.state = ev.State
	m.notifyFailure(ev)
	if ev.Kind == engine.EventRunFinished {
		m.refreshAppCalls()
		// A reauthorization's outcome is stale once a run has spoken:
		// "Success" must not stay under an error asking to reauthorize.
		m.Sources.Message.SetText("")
		if runChanged(ev.Run) {
			m.Records.MarkStale()
			if m.recordsSelected() {
				m.Records.Reload() // the table in view shows the sync now
			}
		}
	}
	m.Sources.Update(m.state, m.activity)
	if m.Records.Shown() {
		m.Records.showEmpty()
	}
	if m.recordsSelected() {
		m.Records.Reload() // a no-op unless it is stale
	}
	if m.Settings != nil {
		m.Settings.Update(m.state, ev.Kind == engine.EventRunFinished)
	}
	if m.Connect != nil {
		m.Connect.Update(m.state)
	}
	if m.TrayStatus != nil {
		m.TrayStatus.Label = "Salesforce: " + string(m.state.Status)
		m.trayMenu.Refresh()
	}
}

// hasRecords reports whether there is a source or records kept from one
// (a disconnect may keep them for export).
func (m *MainWindow) hasRecords() bool {
	if m.state.OrgID != "" {
		return true
	}
	for _, n := range m.state.Counts {
		if n > 0 {
			return true
		}
	}
	return false
}

// State is the last state shown.
func (m *MainWindow) State() engine.State { return m.state }

// refreshAppCalls reads the run history (a few dozen small rows): sfsync's
// API calls over the last 24 hours and the latest run.
func (m *MainWindow) refreshAppCalls() {
	runs, err := m.deps.Engine.History(200)
	if err != nil {
		m.activity = Activity{AppCalls: -1}
		return
	}
	since := time.Now().Add(-24 * time.Hour)
	act := Activity{}
	for i, r := range runs {
		if r.Start.After(since) {
			act.AppCalls += int64(r.APICalls)
		}
		if i == 0 {
			act.LastRun = &runs[0]
		}
		if r.Result == store.RunOK && act.LastOK.IsZero() {
			act.LastOK = r.End
		}
	}
	m.activity = act
}

func (m *MainWindow) savePrefs() {
	size := m.Window.Canvas().Size()
	if size.Width > 0 && size.Height > 0 {
		m.App.Preferences().SetFloat(prefWidth, float64(size.Width))
		m.App.Preferences().SetFloat(prefHeight, float64(size.Height))
	}
	m.App.Preferences().SetInt(prefView, m.Tabs.SelectedIndex())
}

func (m *MainWindow) quit() {
	m.savePrefs()
	m.cancel()
	if m.deps.Quit != nil {
		m.deps.Quit()
		return
	}
	m.App.Quit()
}

// Close cancels work the window started (sign-ins, the Demo org).
func (m *MainWindow) Close() { m.cancel() }
