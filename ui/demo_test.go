package ui

import (
	"context"
	"strings"
	"testing"

	"github.com/sfsync/sfsync/core/demo"
	"github.com/sfsync/sfsync/core/engine"
)

// TestDemoOrgEndsWithTheApp: after a restart the Demo org of the earlier
// run is gone; EndStaleDemo signs out of it without a sync trying it, the
// row says so and offers Connect, and the synced records stay browsable.
func TestDemoOrgEndsWithTheApp(t *testing.T) {
	env := newUIEnv(t)
	m := env.window()
	env.connectDemo(m)
	accounts := env.eng.State().Counts["Account"]
	m.Close()
	env.demo.Stop() // the app quits: its Demo org goes with it
	env.restart()

	ended, err := demo.End(context.Background(), env.eng, env.st)
	if err != nil || !ended {
		t.Fatalf("demo.End = %v, %v; want true", ended, err)
	}
	if runs, _ := env.eng.History(0); len(runs) != 1 {
		t.Errorf("history has %d runs, want only the first sync", len(runs))
	}
	m = env.window()
	if m.Sources.Badge.Status() != engine.StatusNotConnected || m.Sources.Detail.Text != demo.EndedDetail || !m.Sources.Connect.Visible() {
		t.Fatalf("after restart: badge %q, detail %q, Connect visible %v", m.Sources.Badge.Status(), m.Sources.Detail.Text, m.Sources.Connect.Visible())
	}
	// Signed out, the card still says when the records were last synced
	// (issue 10: it said "None yet" over 65,200 synced records).
	if m.Sources.LastSync.Text == "None yet" || !strings.Contains(m.Sources.LastSync.Text, ":") {
		t.Errorf("last successful sync after the Demo org ended: %q", m.Sources.LastSync.Text)
	}
	loaded := false
	m.Records.OnLoaded = func() { loaded = true }
	m.Tabs.SelectIndex(1)
	env.app.waitFor(t, "the Accounts table", func() bool { return loaded })
	if got := m.Records.Model().Total(); got != accounts || accounts == 0 {
		t.Fatalf("Records shows %d Accounts after the Demo org ended, %d were synced", got, accounts)
	}
	if again, err := demo.End(context.Background(), env.eng, env.st); again || err != nil {
		t.Fatalf("demo.End on a signed-out source = %v, %v", again, err)
	}
}

// TestMainMenuShortcuts: the menu bar's items carry the documented
// shortcuts and do what they say.
func TestMainMenuShortcuts(t *testing.T) {
	env := newUIEnv(t)
	m := env.window()
	items := map[string]func(){}
	for _, menu := range m.Window.MainMenu().Items {
		for _, it := range menu.Items {
			if it.Shortcut != nil {
				items[it.Shortcut.ShortcutName()] = it.Action
			}
		}
	}
	items[ShortcutRecords.ShortcutName()]()
	if m.Tabs.Selected().Text != "Records" {
		t.Fatalf("%s selected %q", ShortcutRecords.ShortcutName(), m.Tabs.Selected().Text)
	}
	// Nothing connected: Records says so and offers Connect (issue 10).
	if !m.Records.Empty.Visible() || m.Records.EmptyAction.Text != "Connect…" || m.Records.Table.Visible() {
		t.Fatalf("Records before connecting: empty state %v %q, table %v", m.Records.Empty.Visible(), m.Records.EmptyText.Text, m.Records.Table.Visible())
	}
	items[ShortcutDataSources.ShortcutName()]()
	if m.Tabs.Selected().Text != "Data Sources" {
		t.Fatalf("%s selected %q", ShortcutDataSources.ShortcutName(), m.Tabs.Selected().Text)
	}
	items[ShortcutSettings.ShortcutName()]() // not connected yet: Connect
	if m.Connect == nil || m.Settings != nil {
		t.Fatalf("%s before connecting: Connect %v, Settings %v", ShortcutSettings.ShortcutName(), m.Connect != nil, m.Settings != nil)
	}
	if items[ShortcutSyncNow.ShortcutName()] == nil || items[ShortcutQuit.ShortcutName()] == nil {
		t.Fatal("Sync now or Quit has no shortcut")
	}
}
