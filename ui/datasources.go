package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/sfsync/sfsync/core/engine"
	"github.com/sfsync/sfsync/core/store"
	"github.com/sfsync/sfsync/core/wording"
)

// SourceActions are the intents of the Data Sources row.
type SourceActions struct {
	Connect, Settings, SyncNow, Disconnect, Reauthorize func()
}

// Activity is what the window knows of the source beyond its state, from
// the run history: sfsync's own API calls over 24 hours (-1: unknown), the
// latest run (nil: none yet) and when the last successful one ended (the
// engine's state forgets it once signed out, the history does not).
type Activity struct {
	AppCalls int64
	LastRun  *store.Run
	LastOK   time.Time
}

// DataSources is the Data Sources page: the Salesforce card with its logo,
// org and user, status badge and the action the status calls for, then
// its facts (last successful sync and last attempt, next sync, records,
// API usage against the pause threshold, refresh schedules) and the sync
// progress.
type DataSources struct {
	Logo     *canvas.Image
	Title    *widget.Label
	Org      *widget.Label // org and user name
	Detail   *widget.Label // the state's one-sentence detail, styled as an error on Error
	Message  *widget.Label // outcome of an action started here (Reauthorize)
	LastSync *widget.Label // last successful sync
	Attempt  *widget.Label // last attempt, when it failed after the last success
	NextSync *widget.Label
	Counts   *widget.Label
	Refresh  *widget.Label // formula refresh and purge sweep periods
	Badge    *Badge
	Connect  *widget.Button
	Menu     *widget.Button // the three dots
	MenuDef  *fyne.Menu     // Settings, Sync now, Disconnect
	Quota    *QuotaGauge
	Progress *SyncProgress

	// The card's actions, each shown when the status calls for it.
	StartSync, Reauthorize, OpenSettings, SyncNow *widget.Button

	connected  *fyne.Container // shown once connected
	attemptRow []fyne.CanvasObject
	content    fyne.CanvasObject
	now        func() time.Time
}

// NewDataSources builds the page around the source's actions.
func NewDataSources(logo fyne.Resource, act SourceActions) *DataSources {
	if logo == nil {
		logo = theme.StorageIcon()
	}
	p := &DataSources{
		Logo:     canvas.NewImageFromResource(logo),
		Title:    widget.NewLabelWithStyle("Salesforce", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		Org:      widget.NewLabel(""),
		Detail:   widget.NewLabel(""),
		Message:  widget.NewLabel(""),
		LastSync: widget.NewLabel(""), Attempt: widget.NewLabel(""), NextSync: widget.NewLabel(""),
		Counts: widget.NewLabel(""), Refresh: widget.NewLabel(""),
		Badge:    newBadge(),
		Connect:  widget.NewButtonWithIcon("Connect…", theme.LoginIcon(), act.Connect),
		Quota:    newQuotaGauge(),
		Progress: newSyncProgress(),
		now:      time.Now,
	}
	p.Title.SizeName = theme.SizeNameSubHeadingText
	for _, l := range []*widget.Label{p.Org, p.Detail, p.Message, p.Counts, p.Refresh} {
		l.Wrapping = fyne.TextWrapWord
	}
	p.Connect.Importance = widget.HighImportance
	p.Logo.FillMode = canvas.ImageFillContain
	p.Logo.SetMinSize(fyne.NewSquareSize(56))
	p.newActions(act)
	p.newMenu(act)
	p.content = p.layout()
	p.Update(engine.State{Status: engine.StatusNotConnected}, Activity{AppCalls: -1})
	return p
}

// newActions makes the card's buttons.
func (p *DataSources) newActions(act SourceActions) {
	p.StartSync = widget.NewButtonWithIcon("Start first sync", theme.MediaPlayIcon(), act.SyncNow)
	p.StartSync.Importance = widget.HighImportance
	p.Reauthorize = widget.NewButtonWithIcon("Reauthorize…", theme.LoginIcon(), act.Reauthorize)
	p.Reauthorize.Importance = widget.HighImportance
	p.OpenSettings = widget.NewButtonWithIcon("Open Settings", theme.SettingsIcon(), act.Settings)
	p.SyncNow = widget.NewButtonWithIcon("Sync now", theme.ViewRefreshIcon(), act.SyncNow)
}

func (p *DataSources) newMenu(act SourceActions) {
	p.MenuDef = fyne.NewMenu("",
		fyne.NewMenuItem("Settings", act.Settings),
		fyne.NewMenuItem("Sync now", act.SyncNow),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Disconnect", act.Disconnect),
	)
	p.Menu = widget.NewButtonWithIcon("", theme.MoreVerticalIcon(), nil)
	p.Menu.Importance = widget.LowImportance
	p.Menu.OnTapped = func() {
		c := fyne.CurrentApp().Driver().CanvasForObject(p.Menu)
		if c == nil {
			return
		}
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(p.Menu).AddXY(0, p.Menu.Size().Height)
		widget.ShowPopUpMenuAtPosition(p.MenuDef, c, pos)
	}
}

// layout puts the page together: a note on what the page is, then the
// source's card (header, detail, actions, facts, progress).
func (p *DataSources) layout() fyne.CanvasObject {
	intro := newNote("sfsync copies records from these sources to this computer and keeps them up to date.")
	head := container.NewBorder(nil, nil, container.NewCenter(p.Logo),
		container.NewCenter(container.NewHBox(p.Badge.box, p.Connect, p.Menu)),
		container.NewVBox(p.Title, p.Org))
	actions := container.NewHBox(p.StartSync, p.Reauthorize, p.OpenSettings, p.SyncNow)
	key := func(s string) fyne.CanvasObject { n := newNote(s); n.Wrapping = fyne.TextWrapOff; return n }
	p.attemptRow = []fyne.CanvasObject{key("Last attempt"), p.Attempt}
	facts := container.New(layout.NewFormLayout(),
		key("Last successful sync"), p.LastSync,
		p.attemptRow[0], p.attemptRow[1],
		key("Next sync"), p.NextSync,
		key("Records"), p.Counts,
		key("API usage"), p.Quota.box,
		key("Refreshes"), p.Refresh,
	)
	p.connected = container.NewVBox(widget.NewSeparator(), facts, p.Progress.box)
	body := container.NewVBox(head, p.Detail, p.Message, actions, p.connected)
	bg := canvas.NewRectangle(themeColor(theme.ColorNameBackground))
	bg.StrokeColor = themeColor(theme.ColorNameSeparator)
	bg.StrokeWidth = 1
	bg.CornerRadius = theme.InputRadiusSize() * 2
	card := container.NewStack(bg, container.NewPadded(container.NewPadded(body)))
	return container.NewVScroll(container.NewPadded(container.NewVBox(intro, card)))
}

// Update shows st and the run history's facts.
func (p *DataSources) Update(st engine.State, act Activity) {
	p.Badge.Set(st.Status)
	notConnected := st.Status == engine.StatusNotConnected
	showIf(p.Connect, notConnected || (st.Status == engine.StatusError && st.OrgID == ""))
	showIf(p.Menu, !notConnected && st.OrgID != "")
	showIf(p.connected, st.OrgID != "")
	if st.OrgName != "" {
		p.Org.SetText(st.OrgName + " · " + st.UserName + viaCLI(st))
	} else {
		p.Org.SetText("Accounts, Contacts, Leads, Opportunities and Users. Connect to copy them to this computer.")
	}
	p.Detail.SetText(st.Detail)
	p.Detail.Importance = detailImportance(st.Status)
	showIf(p.Detail, st.Detail != "")
	showIf(p.Message, p.Message.Text != "")
	p.showActions(st)
	p.showFacts(st, act)
	p.Quota.Set(st, act.AppCalls)
	p.Progress.Update(st)
}

// showActions shows the buttons the status calls for: Start first sync
// while the first sync waits for the person, Reauthorize when the sign-in
// was refused, Open Settings on any other error and on a quota pause (the
// threshold and cap are there), Sync now otherwise.
func (p *DataSources) showActions(st engine.State) {
	connected := st.OrgID != "" && st.Status != engine.StatusNotConnected && st.Status != engine.StatusConfiguring
	held := st.FirstSyncHeld && !st.Running
	showIf(p.StartSync, held)
	showIf(p.Reauthorize, st.NeedsReauth)
	trouble := st.Status == engine.StatusError || st.Status == engine.StatusPausedQuota
	showIf(p.OpenSettings, trouble && !st.NeedsReauth && st.OrgID != "")
	showIf(p.SyncNow, connected && !held && !st.NeedsReauth && !st.Running)
}

// showFacts fills the facts: the last successful sync apart from the last
// attempt (shown only when that one failed later), the next sync, the
// records and the refresh schedules.
func (p *DataSources) showFacts(st engine.State, act Activity) {
	now := p.now()
	last := st.LastSync
	if act.LastOK.After(last) {
		last = act.LastOK
	}
	p.LastSync.SetText(whenText(last, now))
	if last.IsZero() {
		p.LastSync.SetText("None yet")
	}
	failedLater := act.LastRun != nil && act.LastRun.Result != store.RunOK && act.LastRun.Result != store.RunRunning &&
		act.LastRun.Start.After(last)
	if failedLater {
		p.Attempt.SetText(whenText(act.LastRun.Start, now) + " · " + wording.RunResult(act.LastRun.Result))
	}
	for _, o := range p.attemptRow {
		showIf(o, failedLater)
	}
	next := whenText(st.NextSync, now)
	if st.NextSync.IsZero() {
		next = "Not scheduled"
	}
	if !st.Enabled && st.FirstSyncDone {
		next = "Paused in Settings (Sync now still syncs once)"
	}
	p.NextSync.SetText(next)
	p.Counts.SetText(countsText(st.Counts))
	p.Refresh.SetText(wording.Refreshes(st.FormulaRefresh, st.SweepEvery))
}

// Content is the page's root object.
func (p *DataSources) Content() fyne.CanvasObject { return p.content }

func showIf(o fyne.CanvasObject, show bool) {
	if show {
		o.Show()
	} else {
		o.Hide()
	}
}
