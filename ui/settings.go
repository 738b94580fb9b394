package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/sfsync/sfsync/core/engine"
	"github.com/sfsync/sfsync/core/format"
	"github.com/sfsync/sfsync/core/store"
	"github.com/sfsync/sfsync/core/wording"
)

// SettingsDialog is the Salesforce Settings modal of the help pages. Its
// General tab starts with the status and the account actions (Reauthorize,
// Edit data sync, Sync now), visible without scrolling at 960×640, then the
// sync toggle, update frequency, quota threshold, per-run cap, formula
// refresh and purge sweep periods and the last error (or quota pause) in full; its Sync
// history tab lists the runs, each row as tall as its text. Save says
// "Saved" next to the button; Close (and Escape) ask before discarding
// changes.
type SettingsDialog struct {
	Badge          *Badge
	Detail         *widget.Label
	Enabled        *escCheck
	Frequency      *escSelect
	FormulaRefresh *escSelect
	Sweep          *escSelect
	Threshold      *escSlider
	ThresholdLabel *widget.Label
	RunCap         *escSlider
	RunCapLabel    *widget.Label
	Reauthorize    *escButton
	EditFields     *escButton
	SyncNow        *escButton
	Save           *escButton
	Close          *escButton
	Saved          *widget.Label // "Saved" or why not, next to Save
	LastError      *widget.Label
	Message        *widget.Label // outcome of Reauthorize and Sync now
	History        *fyne.Container
	HistoryRows    []*widget.Label
	Runs           []store.Run
	Tabs           *container.AppTabs
	// Discard is the open "discard changes?" confirmation, or nil.
	Discard *dialog.ConfirmDialog

	eng    Engine
	form   *widget.Form
	parent fyne.Window
	saved  engine.State // the values the controls started from or were saved as
	dialog *dialog.CustomDialog
}

// historyLimit is how many runs the dialog lists.
const historyLimit = 50

// NewSettingsDialog builds the dialog for st. onEditFields opens the field
// picker; onReauthorize starts a sign-in.
func NewSettingsDialog(eng Engine, st engine.State, parent fyne.Window, onEditFields, onReauthorize func()) *SettingsDialog {
	d := &SettingsDialog{eng: eng, saved: st, parent: parent, Badge: newBadge(), Detail: widget.NewLabel(""),
		LastError: widget.NewLabel(""), Message: widget.NewLabel(""), Saved: widget.NewLabel(""),
		History: container.NewVBox()}
	for _, l := range []*widget.Label{d.Detail, d.LastError, d.Message} {
		l.Wrapping = fyne.TextWrapWord
	}
	d.Message.Hide()
	d.newControls(st)
	d.Reauthorize = newEscButton("Reauthorize…", theme.LoginIcon(), onReauthorize, d.RequestClose)
	d.EditFields = newEscButton("Edit data sync…", theme.ListIcon(), onEditFields, d.RequestClose)
	d.SyncNow = newEscButton("Sync now", theme.ViewRefreshIcon(), d.syncNow, d.RequestClose)
	d.Save = newEscButton("Save changes", theme.DocumentSaveIcon(), d.save, d.RequestClose)
	d.Save.Importance = widget.HighImportance
	d.Tabs = container.NewAppTabs(
		container.NewTabItem("General", d.general()),
		container.NewTabItem("Sync history", d.history()),
	)
	d.dialog = dialog.NewCustomWithoutButtons("Salesforce Settings", d.Tabs, parent)
	d.Close = newEscButton("Close", nil, d.RequestClose, d.RequestClose)
	d.dialog.SetButtons([]fyne.CanvasObject{d.Saved, d.Close, d.Save})
	d.Update(st, true)
	d.showSaved()
	return d
}

// newControls makes the setting controls from st; each change clears the
// "Saved" note and enables Save.
func (d *SettingsDialog) newControls(st engine.State) {
	changed := func() { d.showSaved() }
	d.Enabled = newEscCheck("Sync data from Salesforce", func(bool) { changed() }, d.RequestClose)
	d.Enabled.SetChecked(st.Enabled)
	d.Frequency = newPeriodSelect(engine.Frequencies, st.Frequency, changed, d.RequestClose)
	d.FormulaRefresh = newPeriodSelect(engine.RefreshPeriods, st.FormulaRefresh, changed, d.RequestClose)
	d.Sweep = newPeriodSelect(engine.RefreshPeriods, st.SweepEvery, changed, d.RequestClose)
	d.ThresholdLabel, d.RunCapLabel = widget.NewLabel(""), widget.NewLabel("")
	d.Threshold = percentSlider(st.QuotaThreshold, d.ThresholdLabel, changed, d.RequestClose)
	d.RunCap = percentSlider(st.RunCap, d.RunCapLabel, changed, d.RequestClose)
}

// general is the General tab: status and actions first, then the settings.
func (d *SettingsDialog) general() fyne.CanvasObject {
	status := container.NewBorder(nil, nil, container.NewVBox(d.Badge.box), nil, d.Detail)
	actions := container.NewHBox(d.Reauthorize, d.EditFields, d.SyncNow)
	slider := func(s *escSlider, l *widget.Label) fyne.CanvasObject { return container.NewBorder(nil, nil, nil, l, s) }
	d.form = widget.NewForm(
		&widget.FormItem{Text: "Syncing", Widget: d.Enabled},
		&widget.FormItem{Text: "Update frequency", Widget: d.Frequency},
		&widget.FormItem{Text: "API quota threshold", Widget: slider(d.Threshold, d.ThresholdLabel),
			HintText: "Syncing pauses when the org has used this share of its daily API requests."},
		&widget.FormItem{Text: "Per-run cap", Widget: slider(d.RunCap, d.RunCapLabel),
			HintText: "One sync stops after this share of the daily requests and continues at the next."},
		&widget.FormItem{Text: "Formula refresh", Widget: d.FormulaRefresh, HintText: wording.FormulaRefreshNote},
		&widget.FormItem{Text: "Purge sweep", Widget: d.Sweep, HintText: wording.SweepNote},
		&widget.FormItem{Text: "Last error", Widget: d.LastError},
	)
	top := container.NewVBox(status, actions, d.Message, widget.NewSeparator())
	// AppTabs puts its content flush under the tab bar: without this gap
	// the badge touches the tabs' underline and reads as part of them.
	top = container.New(layout.NewCustomPaddedLayout(theme.InnerPadding(), 0, 0, 0), top)
	return border(top, nil, nil, nil, container.NewVScroll(d.form))
}

// history is the Sync history tab: what +, ~ and − mean, then the runs.
func (d *SettingsDialog) history() fyne.CanvasObject {
	return container.NewBorder(newNote(wording.ChangesLegend), nil, nil, nil, container.NewVScroll(d.History))
}

// newPeriodSelect is a select of periods (wording.Period labels) showing
// current.
func newPeriodSelect(periods []time.Duration, current time.Duration, changed, esc func()) *escSelect {
	labels := make([]string, len(periods))
	for i, p := range periods {
		labels[i] = wording.Period(p)
	}
	s := newEscSelect(labels, func(string) { changed() }, esc)
	s.SetSelected(wording.Period(current))
	return s
}

func percentSlider(value float64, label *widget.Label, changed, esc func()) *escSlider {
	s := newEscSlider(5, 100, esc)
	s.Step = 5
	s.SetValue(value)
	label.SetText(format.Percent(value))
	s.OnChanged = func(v float64) { label.SetText(format.Percent(v)); changed() }
	return s
}

// Show opens the dialog at size, smaller where the window is.
func (d *SettingsDialog) Show(size fyne.Size) {
	win := d.parent.Canvas().Size()
	if win.Width > 0 && win.Height > 0 {
		size = fyne.NewSize(min(size.Width, win.Width-2*theme.Padding()), min(size.Height, win.Height-2*theme.Padding()))
	}
	d.dialog.Resize(size)
	d.dialog.Show()
}

// Hide closes it without asking.
func (d *SettingsDialog) Hide() { d.dialog.Hide() }

// SetOnClosed runs f when the dialog closes.
func (d *SettingsDialog) SetOnClosed(f func()) { d.dialog.SetOnClosed(f) }

// Update shows a new state; the person's unsaved choices are kept.
// reloadHistory reads the run history again.
func (d *SettingsDialog) Update(st engine.State, reloadHistory bool) {
	d.Badge.Set(st.Status)
	d.Detail.SetText(st.Detail)
	d.Detail.Importance = detailImportance(st.Status)
	d.Detail.Refresh()
	d.showLastStop(st.LastError)
	showIf(d.Reauthorize, st.OrgID != "")
	d.Reauthorize.Importance = widget.MediumImportance
	if st.NeedsReauth {
		d.Reauthorize.Importance = widget.HighImportance
	}
	d.Reauthorize.Refresh()
	if reloadHistory {
		d.reloadHistory()
	}
}

// showLastStop shows what last stopped syncing under a name that says
// what it was: a quota pause (the threshold or cap the person set, the
// badge's "Paused: API quota") is a pause, not an error.
func (d *SettingsDialog) showLastStop(last string) {
	label := "Last error"
	if strings.HasPrefix(last, wording.PausedQuota) {
		label = "Last pause"
	}
	if last == "" {
		last = "None"
	}
	d.LastError.SetText(last)
	for _, it := range d.form.Items {
		if it.Widget == d.LastError && it.Text != label {
			it.Text = label
			d.form.Refresh()
		}
	}
}

// reloadHistory lists the runs, newest first, one word-wrapped row each.
func (d *SettingsDialog) reloadHistory() {
	runs, err := d.eng.History(historyLimit)
	if err != nil {
		say(d.Message, "Could not read the sync history: "+err.Error())
	}
	d.Runs = runs
	d.HistoryRows = d.HistoryRows[:0]
	d.History.RemoveAll()
	for _, r := range runs {
		row := widget.NewLabel(wording.HistoryLine(r))
		row.Wrapping = fyne.TextWrapWord
		if r.Result != store.RunOK && r.Result != store.RunRunning {
			row.Importance = widget.DangerImportance
		}
		d.HistoryRows = append(d.HistoryRows, row)
		d.History.Add(row)
	}
	if len(runs) == 0 {
		d.History.Add(newNote("No syncs yet."))
	}
	d.Tabs.Items[1].Text = fmt.Sprintf("Sync history (%d)", len(runs))
	d.Tabs.Refresh()
}

// syncNow asks for a sync; while syncing is paused it says that this syncs
// once and the pause stays.
func (d *SettingsDialog) syncNow() {
	d.eng.SyncNow()
	if !d.saved.Enabled {
		say(d.Message, wording.SyncOncePaused(wording.Window))
		return
	}
	say(d.Message, "Syncing now.")
}
