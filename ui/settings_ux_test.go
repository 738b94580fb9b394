package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/sfsync/sfsync/core/engine"
	"github.com/sfsync/sfsync/core/wording"
)

// pressEscape delivers Escape as the driver does: to the focused widget,
// else to the window's key handler.
func pressEscape(w fyne.Window) {
	ev := &fyne.KeyEvent{Name: fyne.KeyEscape}
	if f := w.Canvas().Focused(); f != nil {
		f.TypedKey(ev)
		return
	}
	if h := w.Canvas().OnTypedKey(); h != nil {
		h(ev)
	}
}

// box is an object's rectangle on the window's canvas.
func box(o fyne.CanvasObject) (top, bottom float32) {
	p := fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
	return p.Y, p.Y + o.Size().Height
}

// TestSettingsFitsAt960x640: in a 960×640 window, Settings shows
// Reauthorize and Edit data sync without scrolling, above its buttons
// (issue 10: they were below the fold of a scrolled form).
func TestSettingsFitsAt960x640(t *testing.T) {
	_, m := connectedWindow(t, screenSize)
	menuItem(t, m, "Settings")
	d := m.Settings
	_, limit := box(d.Close)
	limit -= d.Close.Size().Height
	for name, b := range map[string]fyne.CanvasObject{"Reauthorize": d.Reauthorize, "Edit data sync": d.EditFields} {
		top, bottom := box(b)
		if !b.Visible() || top < 0 || bottom > limit || bottom > screenSize.Height {
			t.Errorf("%s spans y %.0f–%.0f; the dialog's buttons start at %.0f, the window ends at %.0f", name, top, bottom, limit, screenSize.Height)
		}
	}
}

// TestSettingsWarnsBeforeDiscardingAndClosesOnEscape: Close with unsaved
// changes asks first (Keep editing keeps them); Escape closes, from a
// focused control too, asking the same (issue 10).
func TestSettingsWarnsBeforeDiscardingAndClosesOnEscape(t *testing.T) {
	env := newUIEnv(t)
	m := env.window()
	env.connectDemo(m)
	menuItem(t, m, "Settings")
	d := m.Settings
	d.Threshold.SetValue(90)
	test.Tap(d.Close)
	if d.Discard == nil || m.Settings == nil {
		t.Fatal("Close with an unsaved change closed without asking")
	}
	pressEscape(m.Window) // Escape on the question: keep editing
	if d.Discard != nil || m.Settings == nil || d.Threshold.Value != 90 {
		t.Fatalf("Escape on the question: question %v, settings open %v, threshold %v", d.Discard != nil, m.Settings != nil, d.Threshold.Value)
	}
	m.Window.Canvas().Focus(d.Threshold)
	pressEscape(m.Window) // from the focused slider
	if d.Discard == nil {
		t.Fatal("Escape on a focused slider did not ask about the unsaved change")
	}
	d.Discard.Confirm()
	if m.Settings != nil {
		t.Fatal("Discard changes did not close Settings")
	}
	if st := env.eng.State(); st.QuotaThreshold != 80 {
		t.Fatalf("a discarded change was saved: threshold %v", st.QuotaThreshold)
	}
	menuItem(t, m, "Settings")
	m.Window.Canvas().Unfocus()
	pressEscape(m.Window)
	if m.Settings != nil {
		t.Fatal("Escape did not close Settings without changes")
	}
}

// TestSyncNowWhilePausedSaysItSyncsOnce: with syncing paused, Sync now
// says it syncs once and stays paused, runs, and the pause stays.
func TestSyncNowWhilePausedSaysItSyncsOnce(t *testing.T) {
	env := newUIEnv(t)
	m := env.window()
	env.connectDemo(m)
	menuItem(t, m, "Settings")
	d := m.Settings
	test.Tap(d.Enabled)
	test.Tap(d.Save)
	env.app.waitFor(t, "the save", func() bool { return d.Saved.Text == "✓ Saved" })
	runs := len(d.Runs)
	test.Tap(d.SyncNow)
	if d.Message.Text != wording.SyncOncePaused(wording.Window) {
		t.Fatalf("Sync now while paused says %q", d.Message.Text)
	}
	env.app.waitFor(t, "the run", func() bool { return len(d.Runs) > runs && !m.State().Running })
	if st := env.eng.State(); st.Enabled || st.Status != engine.StatusNotSyncing || m.Sources.Badge.Status() != engine.StatusNotSyncing {
		t.Fatalf("after syncing once: enabled %v, status %q, badge %q", st.Enabled, st.Status, m.Sources.Badge.Status())
	}
	if !strings.Contains(m.Sources.NextSync.Text, "Sync now still syncs once") {
		t.Errorf("next sync while paused: %q", m.Sources.NextSync.Text)
	}
}

// TestSyncHistoryRowsGrowWithTheirText: a run whose line wraps gets a row
// as tall as its text, the next row starts below it, and the history says
// what +, ~ and − mean (issue 10: wrapped rows overlapped the next one).
func TestSyncHistoryRowsGrowWithTheirText(t *testing.T) {
	env := newUIEnv(t)
	m := env.window()
	m.Window.Resize(screenSize)
	env.connectDemo(m)
	env.sim.RevokeRefreshTokens()
	env.sim.ExpireAccessTokens()
	env.eng.SyncNow() // a failed run with a long error
	env.app.waitFor(t, "the failed run", func() bool { return m.State().NeedsReauth })
	menuItem(t, m, "Settings")
	d := m.Settings
	d.Tabs.SelectIndex(1)
	m.Window.Content().Refresh()
	if len(d.HistoryRows) < 2 {
		t.Fatalf("%d history rows", len(d.HistoryRows))
	}
	line := fyne.MeasureText("Ag", 14, fyne.TextStyle{}).Height
	tallest := float32(0)
	for i, r := range d.HistoryRows {
		_, bottom := box(r)
		if r.Size().Height < r.MinSize().Height {
			t.Errorf("row %d is %.0f tall, its text needs %.0f", i, r.Size().Height, r.MinSize().Height)
		}
		if i+1 < len(d.HistoryRows) {
			if next, _ := box(d.HistoryRows[i+1]); next < bottom {
				t.Errorf("row %d ends at %.0f, row %d starts at %.0f", i, bottom, i+1, next)
			}
		}
		tallest = max(tallest, r.Size().Height)
	}
	if tallest < 2.5*line {
		t.Errorf("no row wraps (tallest %.0f, a line %.0f)", tallest, line)
	}
	if !dialogSays(m.Window, wording.ChangesLegend) {
		t.Error("the sync history does not explain +, ~ and −")
	}
}

// TestSettingsNamesAQuotaPauseAPause (seen in the real window): paused
// for the API quota, the card's badge said "Paused: API quota" while
// Settings listed the same sentence under "Last error": one state, two
// names, and a pause the person chose (the threshold) called an error. The
// row names what last stopped syncing: a pause is a pause, an error an
// error.
func TestSettingsNamesAQuotaPauseAPause(t *testing.T) {
	env, m := connectedWindow(t, screenSize)
	d := settingsPausedForQuota(t, env, m)
	if !strings.HasPrefix(d.LastError.Text, wording.PausedQuota) {
		t.Fatalf("the row shows %q, want the pause's sentence", d.LastError.Text)
	}
	if label := lastStopLabel(t, d); strings.Contains(strings.ToLower(label), "error") || !strings.Contains(strings.ToLower(label), "pause") {
		t.Errorf("the quota pause is listed under %q: a pause is not an error", label)
	}
	env.sim.RevokeRefreshTokens()
	env.sim.ExpireAccessTokens()
	d.Threshold.SetValue(95)
	test.Tap(d.Save)
	env.app.waitFor(t, "the reauthorization error", func() bool { return d.Badge.Status() == engine.StatusError })
	if label := lastStopLabel(t, d); label != "Last error" {
		t.Errorf("an error is listed under %q, want Last error", label)
	}
}

// lastStopLabel is the label of the form row that shows d.LastError.
func lastStopLabel(t *testing.T, d *SettingsDialog) string {
	t.Helper()
	for _, it := range d.form.Items {
		if it.Widget == d.LastError {
			return it.Text
		}
	}
	t.Fatal("no form row shows the last error")
	return ""
}
