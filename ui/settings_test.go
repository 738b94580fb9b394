package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/sfsync/sfsync/core/engine"
	"github.com/sfsync/sfsync/core/wording"
)

// menuItem runs the Data Sources three-dot menu entry labelled label.
func menuItem(t *testing.T, m *MainWindow, label string) {
	t.Helper()
	for _, it := range m.Sources.MenuDef.Items {
		if it.Label == label {
			it.Action()
			return
		}
	}
	t.Fatalf("no menu item %q", label)
}

func TestSettingsSaveCallsTheEngine(t *testing.T) {
	env := newUIEnv(t)
	m := env.window()
	env.connectDemo(m)
	menuItem(t, m, "Settings")
	d := m.Settings
	if d == nil {
		t.Fatal("Settings did not open")
	}
	env.app.waitFor(t, "the first run in the history", func() bool { return len(d.Runs) > 0 })
	if got := wording.HistoryLine(d.Runs[0]); !strings.Contains(got, "Succeeded") || !strings.Contains(got, " API call") {
		t.Errorf("history line %q", got)
	}
	if !d.Enabled.Checked || d.Frequency.Selected != "Every hour" || d.Threshold.Value != 80 {
		t.Fatalf("defaults: enabled %v, frequency %q, threshold %v", d.Enabled.Checked, d.Frequency.Selected, d.Threshold.Value)
	}

	test.Tap(d.Enabled) // off
	d.Frequency.SetSelected("Every 4 hours")
	d.Threshold.SetValue(90)
	d.RunCap.SetValue(40)
	test.Tap(d.Save)
	env.app.waitFor(t, "the save", func() bool { return d.Message.Text != "Saving…" })
	if d.Message.Text != "Changes saved." {
		t.Fatalf("save: %s", d.Message.Text)
	}
	st := env.eng.State()
	if st.Enabled || st.Frequency != 4*time.Hour || st.QuotaThreshold != 90 || st.RunCap != 40 {
		t.Fatalf("engine state after save: enabled %v, frequency %v, threshold %v, cap %v", st.Enabled, st.Frequency, st.QuotaThreshold, st.RunCap)
	}
	env.app.waitFor(t, "Not syncing", func() bool {
		return m.Sources.Badge.Status() == engine.StatusNotSyncing && d.Badge.Status() == engine.StatusNotSyncing
	})
	if !strings.Contains(m.Sources.Quota.Label.Text, "pauses at 90 %") {
		t.Errorf("gauge after save: %q", m.Sources.Quota.Label.Text)
	}
}

func TestSettingsShowsTheLastErrorInFull(t *testing.T) {
	env := newUIEnv(t)
	m := env.window()
	env.connectDemo(m)
	menuItem(t, m, "Settings")
	d := m.Settings
	if d.LastError.Text != "None" {
		t.Fatalf("last error before any: %q", d.LastError.Text)
	}
	env.sim.RevokeRefreshTokens()
	env.sim.ExpireAccessTokens()
	env.eng.SyncNow()
	env.app.waitFor(t, "the reauthorization error", func() bool { return d.Badge.Status() == engine.StatusError })
	if st := env.eng.State(); d.LastError.Text != st.LastError || !strings.Contains(d.LastError.Text, "Reauthorize") {
		t.Fatalf("last error shown %q, engine's %q", d.LastError.Text, st.LastError)
	}
}
