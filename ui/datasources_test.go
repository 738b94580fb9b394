package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/sfsync/sfsync/core/engine"
)

// TestCardOffersTheActionTheStatusCallsFor: after Cancel at the first
// sync's estimate the card offers Start first sync (before, no button
// anywhere started it); a refused sign-in offers Reauthorize; a failed
// run after a successful one shows the last attempt apart from the last
// successful sync (issue 10).
func TestCardOffersTheActionTheStatusCallsFor(t *testing.T) {
	env := newUIEnv(t)
	m := env.window()
	p := m.Sources
	test.Tap(p.Connect)
	c := m.Connect
	c.Env.SetSelected(EnvDemo)
	test.Tap(c.Connect)
	env.app.waitFor(t, "the estimate", func() bool { return c.StartSync.Visible() })
	test.Tap(c.Cancel)
	env.app.waitFor(t, "the held first sync", func() bool { return m.State().FirstSyncHeld })
	if !p.StartSync.Visible() || p.SyncNow.Visible() || p.Reauthorize.Visible() {
		t.Fatalf("held first sync: Start first sync %v, Sync now %v, Reauthorize %v", p.StartSync.Visible(), p.SyncNow.Visible(), p.Reauthorize.Visible())
	}
	test.Tap(p.StartSync)
	env.app.waitFor(t, "Active", func() bool { return p.Badge.Status() == engine.StatusActive })
	if p.StartSync.Visible() || !p.SyncNow.Visible() || p.Attempt.Visible() || strings.Contains(p.LastSync.Text, "None") {
		t.Fatalf("active: Start first sync %v, Sync now %v, last attempt %v %q, last sync %q",
			p.StartSync.Visible(), p.SyncNow.Visible(), p.Attempt.Visible(), p.Attempt.Text, p.LastSync.Text)
	}
	lastSync := p.LastSync.Text
	env.sim.RevokeRefreshTokens()
	env.sim.ExpireAccessTokens()
	test.Tap(p.SyncNow)
	env.app.waitFor(t, "the reauthorization error", func() bool { return m.State().NeedsReauth })
	if !p.Reauthorize.Visible() || p.SyncNow.Visible() || p.OpenSettings.Visible() {
		t.Fatalf("reauthorization error: Reauthorize %v, Sync now %v, Open Settings %v", p.Reauthorize.Visible(), p.SyncNow.Visible(), p.OpenSettings.Visible())
	}
	if !p.Attempt.Visible() || !strings.Contains(p.Attempt.Text, "Failed") || p.LastSync.Text != lastSync {
		t.Fatalf("last attempt %v %q, last successful sync %q (was %q)", p.Attempt.Visible(), p.Attempt.Text, p.LastSync.Text, lastSync)
	}
	if p.Detail.Importance != widget.DangerImportance {
		t.Errorf("the error detail is not styled as an error")
	}
}

// TestQuotaPauseShowsOneNameAndResumesOnSave: a run whose answers show
// usage at the threshold leaves the card "Paused: API quota" with Open
// Settings; raising the threshold there and saving resumes syncing with no
// Sync now (issue 10).
func TestQuotaPauseShowsOneNameAndResumesOnSave(t *testing.T) {
	env := newUIEnv(t)
	m := env.window()
	env.connectDemo(m)
	p := m.Sources
	_, daily := env.sim.Usage()
	env.sim.SetUsage(daily * 85 / 100)
	test.Tap(p.SyncNow)
	env.app.waitFor(t, "the quota pause", func() bool { return p.Badge.Status() == engine.StatusPausedQuota })
	if !p.OpenSettings.Visible() || p.Detail.Importance != widget.WarningImportance || !strings.HasPrefix(p.Detail.Text, "Paused: API quota. ") {
		t.Fatalf("paused: Open Settings %v, detail %q (importance %d)", p.OpenSettings.Visible(), p.Detail.Text, p.Detail.Importance)
	}
	paused := time.Now()
	test.Tap(p.OpenSettings)
	d := m.Settings
	if d == nil || d.Badge.Status() != engine.StatusPausedQuota {
		t.Fatal("Open Settings did not open Settings on the paused source")
	}
	d.Threshold.SetValue(95)
	test.Tap(d.Save)
	env.app.waitFor(t, "syncing to resume", func() bool {
		runs, _ := env.eng.History(1)
		return p.Badge.Status() == engine.StatusActive && !m.State().Running && d.Saved.Text == "✓ Saved" &&
			len(runs) == 1 && runs[0].Result != "running" && runs[0].Start.After(paused)
	})
	if runs, _ := env.eng.History(1); len(runs) != 1 || runs[0].Result != "ok" {
		t.Fatalf("the resumed run: %+v", runs)
	}
}

// TestCardTimesFollowTheClock (seen in the real window): "06:45 (just
// now)" still said "just now" minutes later. The card wrote its relative
// times on the engine's events only, and none come between runs.
func TestCardTimesFollowTheClock(t *testing.T) {
	env := newUIEnv(t)
	env.deps = func(d *Deps) { d.ClockEvery = 10 * time.Millisecond }
	m := env.window()
	t0 := time.Date(2026, 11, 30, 6, 45, 0, 0, time.Local)
	now := t0
	m.Sources.now = func() time.Time { return now }
	m.Apply(engine.Event{Kind: engine.EventStatusChanged, State: engine.State{OrgID: "00DBA0000000001", Status: engine.StatusActive,
		OrgName: "Acme", LastSync: t0, NextSync: t0.Add(time.Hour)}})
	if !strings.Contains(m.Sources.LastSync.Text, "(just now)") {
		t.Fatalf("last sync %q, want just now", m.Sources.LastSync.Text)
	}
	next := m.Sources.NextSync.Text
	now = t0.Add(5 * time.Minute)
	env.app.waitFor(t, "the card to say 5 min ago", func() bool {
		return strings.Contains(m.Sources.LastSync.Text, "(5 min ago)") && m.Sources.NextSync.Text != next
	})
}
