package ui

import (
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/sfsync/sfsync/core/engine"
	"github.com/sfsync/sfsync/core/format"
	"github.com/sfsync/sfsync/core/store"
	"github.com/sfsync/sfsync/core/wording"
)

// SettingsDialog is the Salesforce Settings modal of the help pages: the
// sync toggle, update frequency, quota threshold and per-run cap,
// Reauthorize, Edit data sync, the last error in full and the run history.
type SettingsDialog struct {
	Badge          *Badge
	Detail         *widget.Label
	Enabled        *widget.Check
	Frequency      *widget.Select
	Threshold      *widget.Slider
	ThresholdLabel *widget.Label
	RunCap         *widget.Slider
	RunCapLabel    *widget.Label
	Reauthorize    *widget.Button
	EditFields     *widget.Button
	SyncNow        *widget.Button
	Save           *widget.Button
	Close          *widget.Button
	LastError      *widget.Label
	Message        *widget.Label // outcome of Save / Reauthorize
	History        *widget.List
	Runs           []store.Run

	eng    Engine
	saved  engine.State // the values the controls started from
	dialog *dialog.CustomDialog
}

// historyLimit is how many runs the dialog lists.
const historyLimit = 50

// NewSettingsDialog builds the dialog for st. onEditFields opens the field
// picker; onReauthorize starts a sign-in.
func NewSettingsDialog(eng Engine, st engine.State, parent fyne.Window, onEditFields, onReauthorize func()) *SettingsDialog {
	d := &SettingsDialog{eng: eng, saved: st, Badge: newBadge(), Detail: widget.NewLabel(""),
		LastError: widget.NewLabel(""), Message: widget.NewLabel("")}
	d.Detail.Wrapping = fyne.TextWrapWord
	d.LastError.Wrapping = fyne.TextWrapWord
	d.Message.Wrapping = fyne.TextWrapWord
	d.Enabled = widget.NewCheck("Sync data from Salesforce", nil)
	d.Enabled.SetChecked(st.Enabled)
	var freqs []string
	for _, f := range engine.Frequencies {
		freqs = append(freqs, FrequencyLabel(f))
	}
	d.Frequency = widget.NewSelect(freqs, nil)
	d.Frequency.SetSelected(FrequencyLabel(st.Frequency))
	d.ThresholdLabel, d.RunCapLabel = widget.NewLabel(""), widget.NewLabel("")
	d.Threshold = percentSlider(st.QuotaThreshold, d.ThresholdLabel, "Pause syncing at %s of the daily API requests")
	d.RunCap = percentSlider(st.RunCap, d.RunCapLabel, "One sync may use at most %s of the daily API requests")
	d.Reauthorize = widget.NewButton("Reauthorize", onReauthorize)
	d.EditFields = widget.NewButton("Edit data sync", onEditFields)
	d.SyncNow = widget.NewButton("Sync now", eng.SyncNow)
	d.Save = widget.NewButton("Save changes", d.save)
	d.Save.Importance = widget.HighImportance
	d.History = widget.NewList(func() int { return len(d.Runs) },
		func() fyne.CanvasObject { l := widget.NewLabel(""); l.Wrapping = fyne.TextWrapWord; return l },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(wording.HistoryLine(d.Runs[i]))
		})

	form := widget.NewForm(
		widget.NewFormItem("Status", container.NewVBox(container.NewHBox(d.Badge.box), d.Detail)),
		widget.NewFormItem("", d.Enabled),
		widget.NewFormItem("Update frequency", d.Frequency),
		widget.NewFormItem("API quota threshold", container.NewVBox(d.Threshold, d.ThresholdLabel)),
		widget.NewFormItem("Per-run cap", container.NewVBox(d.RunCap, d.RunCapLabel)),
		widget.NewFormItem("Last error", d.LastError),
	)
	actions := container.NewHBox(d.Reauthorize, d.EditFields, d.SyncNow)
	history := container.NewBorder(widget.NewLabelWithStyle("Sync history", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		nil, nil, nil, d.History)
	top := container.NewVBox(form, actions, d.Message)
	body := container.NewVSplit(container.NewVScroll(top), history)
	body.SetOffset(0.62)
	d.dialog = dialog.NewCustomWithoutButtons("Salesforce Settings", body, parent)
	d.Close = widget.NewButton("Close", d.dialog.Hide)
	d.dialog.SetButtons([]fyne.CanvasObject{d.Close, d.Save})
	d.Update(st, true)
	return d
}

func percentSlider(value float64, label *widget.Label, text string) *widget.Slider {
	s := widget.NewSlider(5, 100)
	s.Step = 5
	s.OnChanged = func(v float64) { label.SetText(fmt.Sprintf(text, format.Percent(v))) }
	s.SetValue(value)
	label.SetText(fmt.Sprintf(text, format.Percent(value)))
	return s
}

// Show opens the dialog.
func (d *SettingsDialog) Show(size fyne.Size) {
	d.dialog.Resize(size)
	d.dialog.Show()
}

// Hide closes it.
func (d *SettingsDialog) Hide() { d.dialog.Hide() }

// SetOnClosed runs f when the dialog closes.
func (d *SettingsDialog) SetOnClosed(f func()) { d.dialog.SetOnClosed(f) }

// Update shows a new state; the person's unsaved choices are kept.
// reloadHistory reads the run history again.
func (d *SettingsDialog) Update(st engine.State, reloadHistory bool) {
	d.Badge.Set(st.Status)
	d.Detail.SetText(st.Detail)
	if st.LastError == "" {
		d.LastError.SetText("None")
	} else {
		d.LastError.SetText(st.LastError)
	}
	if reloadHistory {
		runs, err := d.eng.History(historyLimit)
		if err != nil {
			d.Message.SetText("Could not read the sync history: " + err.Error())
		}
		d.Runs = runs
		d.History.Refresh()
	}
}

// save applies what changed, off the UI goroutine (each setting is a store
// write), and reports the outcome.
func (d *SettingsDialog) save() {
	freq := d.saved.Frequency
	if i := d.Frequency.SelectedIndex(); i >= 0 {
		freq = engine.Frequencies[i]
	}
	enabled, threshold, runCap := d.Enabled.Checked, d.Threshold.Value, d.RunCap.Value
	saved := d.saved
	d.Save.Disable()
	d.Message.SetText("Saving…")
	go func() {
		var errs []error
		if enabled != saved.Enabled {
			errs = append(errs, d.eng.SetEnabled(enabled))
		}
		if freq != saved.Frequency {
			errs = append(errs, d.eng.SetFrequency(freq))
		}
		if threshold != saved.QuotaThreshold {
			errs = append(errs, d.eng.SetQuotaThreshold(threshold))
		}
		if runCap != saved.RunCap {
			errs = append(errs, d.eng.SetRunCap(runCap))
		}
		err := errors.Join(errs...)
		fyne.Do(func() {
			d.Save.Enable()
			if err != nil {
				d.Message.SetText("Not saved: " + err.Error())
				return
			}
			d.saved.Enabled, d.saved.Frequency, d.saved.QuotaThreshold, d.saved.RunCap = enabled, freq, threshold, runCap
			d.Message.SetText("Changes saved.")
		})
	}()
}
