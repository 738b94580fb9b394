package ui

import (
	"errors"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"github.com/sfsync/sfsync/core/engine"
)

// settingsValues are the dialog's editable settings.
type settingsValues struct {
	enabled                          bool
	frequency, formulaRefresh, sweep time.Duration
	threshold, runCap                float64
}

// values reads the controls (an unselected period keeps the saved one).
func (d *SettingsDialog) values() settingsValues {
	pick := func(s *escSelect, periods []time.Duration, saved time.Duration) time.Duration {
		if i := s.SelectedIndex(); i >= 0 {
			return periods[i]
		}
		return saved
	}
	return settingsValues{enabled: d.Enabled.Checked,
		frequency:      pick(d.Frequency, engine.Frequencies, d.saved.Frequency),
		formulaRefresh: pick(d.FormulaRefresh, engine.RefreshPeriods, d.saved.FormulaRefresh),
		sweep:          pick(d.Sweep, engine.RefreshPeriods, d.saved.SweepEvery),
		threshold:      d.Threshold.Value, runCap: d.RunCap.Value}
}

// savedValues are the values last saved (or the dialog started from).
func (d *SettingsDialog) savedValues() settingsValues {
	s := d.saved
	return settingsValues{enabled: s.Enabled, frequency: s.Frequency, formulaRefresh: s.FormulaRefresh,
		sweep: s.SweepEvery, threshold: s.QuotaThreshold, runCap: s.RunCap}
}

// Dirty reports whether the controls differ from the saved settings.
func (d *SettingsDialog) Dirty() bool { return d.values() != d.savedValues() }

// showSaved enables Save only when there is something to save and clears
// the "Saved" note once the person changes something again.
func (d *SettingsDialog) showSaved() {
	if d.Save == nil {
		return
	}
	if d.Dirty() {
		d.Save.Enable()
		d.Saved.SetText("")
		return
	}
	d.Save.Disable()
}

// save applies what changed, off the UI goroutine (each setting is a store
// write), and says the outcome next to the button.
func (d *SettingsDialog) save() {
	now, was := d.values(), d.savedValues()
	d.Save.Disable()
	d.Saved.SetText("Saving…")
	go func() {
		err := d.apply(now, was)
		fyne.Do(func() {
			if err != nil {
				d.Saved.SetText("Not saved")
				say(d.Message, "Not saved: "+err.Error())
				d.showSaved()
				return
			}
			d.saved.Enabled, d.saved.Frequency, d.saved.QuotaThreshold, d.saved.RunCap = now.enabled, now.frequency, now.threshold, now.runCap
			d.saved.FormulaRefresh, d.saved.SweepEvery = now.formulaRefresh, now.sweep
			d.Saved.SetText("✓ Saved")
			d.showSaved()
		})
	}()
}

// apply calls the engine's setter of each changed setting.
func (d *SettingsDialog) apply(now, was settingsValues) error {
	var errs []error
	set := func(changed bool, f func() error) {
		if changed {
			errs = append(errs, f())
		}
	}
	set(now.enabled != was.enabled, func() error { return d.eng.SetEnabled(now.enabled) })
	set(now.frequency != was.frequency, func() error { return d.eng.SetFrequency(now.frequency) })
	set(now.threshold != was.threshold, func() error { return d.eng.SetQuotaThreshold(now.threshold) })
	set(now.runCap != was.runCap, func() error { return d.eng.SetRunCap(now.runCap) })
	set(now.formulaRefresh != was.formulaRefresh, func() error { return d.eng.SetFormulaRefresh(now.formulaRefresh) })
	set(now.sweep != was.sweep, func() error { return d.eng.SetSweepEvery(now.sweep) })
	return errors.Join(errs...)
}

// RequestClose closes the dialog (Close, Escape), first asking whether to
// discard unsaved changes.
func (d *SettingsDialog) RequestClose() {
	if !d.Dirty() {
		d.dialog.Hide()
		return
	}
	if d.Discard != nil {
		return
	}
	d.Discard = dialog.NewConfirm("Discard your changes?",
		"The settings you changed are not saved. Close and discard them?", func(discard bool) {
			d.Discard = nil
			if discard {
				d.dialog.Hide()
			}
		}, d.parent)
	d.Discard.SetConfirmText("Discard changes")
	d.Discard.SetDismissText("Keep editing")
	d.Discard.Show()
}
