package ui

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/sfsync/sfsync/core/engine"
	"github.com/sfsync/sfsync/core/salesforce"
	"github.com/sfsync/sfsync/core/secrets"
	"github.com/sfsync/sfsync/core/sfsim"
	"github.com/sfsync/sfsync/core/store"
)

func widgetCell(row, col int) widget.TableCellID { return widget.TableCellID{Row: row, Col: col} }

// TestQuotaStopSendsADesktopNotification runs the real engine against the
// simulator with the test app (fyne.Do runs at once there), so the engine's
// worker sends the notification through Notifier while RunOnce runs.
func TestQuotaStopSendsADesktopNotification(t *testing.T) {
	a := test.NewTempApp(t)
	sim := sfsim.New(sfsim.Options{Org: sfsim.NewOrg(testSeed)})
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	st, err := store.Open(t.TempDir(), store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	eng, err := engine.New(engine.Config{Store: st, Secrets: secrets.NewMemory(), Notifier: Notifier{App: a},
		Retry: salesforce.RetryPolicy{Attempts: 2, Base: time.Millisecond, Max: time.Millisecond},
		Poll:  salesforce.PollPolicy{Initial: time.Millisecond, Max: time.Millisecond}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { eng.Close(); st.Close() })
	go func() {
		for range eng.Events() {
		}
	}()
	ctx := context.Background()
	if err := eng.ConnectWithToken(ctx, srv.URL, sim.IssueAccessToken()); err != nil {
		t.Fatal(err)
	}
	if _, err := eng.RunOnce(ctx); err != nil {
		t.Fatal(err)
	}
	sim.InjectFault(sfsim.Fault{Endpoint: "*", Kind: sfsim.FaultQuotaExhausted})
	got := &fyne.Notification{Title: "Salesforce sync paused"}
	test.AssertNotificationSent(t, got, func() {
		run, err := eng.RunOnce(ctx)
		if err == nil || run.Result != store.RunPaused {
			t.Errorf("run over the threshold: result %q err %v", run.Result, err)
		}
		got.Content = eng.State().Detail // the body is the reason the badge shows
	})
	if st := eng.State(); st.Status != engine.StatusPausedQuota || !strings.Contains(got.Content, "daily API requests") {
		t.Fatalf("after the quota stop: status %q, detail %q", st.Status, got.Content)
	}
}

// fakeEngine stands in for the engine where a test feeds events itself.
type fakeEngine struct {
	Engine // unused methods panic
	state  engine.State
	events chan engine.Event
	synced int
}

func newFakeEngine() *fakeEngine {
	return &fakeEngine{events: make(chan engine.Event, 1024),
		state: engine.State{Status: engine.StatusActive, OrgID: "00D", OrgName: "acme.my.salesforce.com", UserName: "ada@acme",
			Enabled: true, QuotaThreshold: 80, RunCap: 25, Frequency: time.Hour, FirstSyncDone: true}}
}

func (f *fakeEngine) State() engine.State                    { return f.state }
func (f *fakeEngine) Events() <-chan engine.Event            { return f.events }
func (f *fakeEngine) History(int) ([]store.Run, error)       { return nil, nil }
func (f *fakeEngine) SyncNow()                               { f.synced++ }
func (f *fakeEngine) Selection() map[string][]string         { return nil }
func (f *fakeEngine) SaveFields(map[string][]string) error   { return nil }
func (f *fakeEngine) Disconnect(context.Context, bool) error { return nil }

func TestFailedSyncNotifiesOnceUntilASyncSucceeds(t *testing.T) {
	test.NewTempApp(t)
	f := newFakeEngine()
	m := NewMainWindow(fyne.CurrentApp(), Deps{Engine: f, Quit: func() {}})
	t.Cleanup(func() { close(f.events); m.Close() })
	failed := engine.Event{Kind: engine.EventRunFinished, Run: &store.Run{Result: "error"},
		State: engine.State{Status: engine.StatusError, Detail: "The last sync failed: boom. sfsync tries again at the next scheduled sync."}}
	test.AssertNotificationSent(t, fyne.NewNotification("Salesforce sync failed", failed.State.Detail), func() { m.Apply(failed) })
	test.AssertNotificationSent(t, nil, func() { m.Apply(failed) })
	ok := engine.Event{Kind: engine.EventRunFinished, Run: &store.Run{Result: "ok"}, State: f.state}
	test.AssertNotificationSent(t, nil, func() { m.Apply(ok) })
	test.AssertNotificationSent(t, fyne.NewNotification("Salesforce sync failed", failed.State.Detail), func() { m.Apply(failed) })
	if m.Sources.Badge.Status() != engine.StatusError || m.Sources.Detail.Text != failed.State.Detail {
		t.Fatalf("badge %q detail %q", m.Sources.Badge.Status(), m.Sources.Detail.Text)
	}
}

func TestProgressShowsPerObjectRowsAndOverall(t *testing.T) {
	test.NewTempApp(t)
	f := newFakeEngine()
	m := NewMainWindow(fyne.CurrentApp(), Deps{Engine: f, Quit: func() {}})
	t.Cleanup(func() { close(f.events); m.Close() })
	st := f.state
	st.Running = true
	st.Progress = engine.Progress{Object: "User", FirstSync: true, Done: 50, Estimated: 50, TotalDone: 50, TotalEstimated: 1050}
	m.Apply(engine.Event{Kind: engine.EventProgress, State: st})
	st.Progress = engine.Progress{Object: "Account", FirstSync: true, Done: 500, Estimated: 1000, TotalDone: 550, TotalEstimated: 1050, Skipped: 3}
	m.Apply(engine.Event{Kind: engine.EventProgress, State: st})
	p := m.Sources.Progress
	// The rows read include Salesforce's deleted ones, which are not
	// stored: the label says so (issue 10).
	if !p.box.Visible() || p.Bars["User"].Value != 1 || p.Bars["Account"].Value != 0.5 ||
		p.Labels["Account"].Text != "Account: 500 / 1,000 · 3 deleted in Salesforce skipped" || p.Labels["User"].Text != "User: 50 / 50" {
		t.Fatalf("progress: visible %v, User %v, Account %v %q", p.box.Visible(), p.Bars["User"].Value, p.Bars["Account"].Value, p.Labels["Account"].Text)
	}
	if want := 550.0 / 1050; p.Overall.Value != want || !strings.Contains(p.Title.Text, "550 of 1,050") {
		t.Fatalf("overall %v %q", p.Overall.Value, p.Title.Text)
	}
	st.Running = false
	m.Apply(engine.Event{Kind: engine.EventRunFinished, Run: &store.Run{Result: "ok"}, State: st})
	if p.box.Visible() {
		t.Fatal("progress still shown after the run")
	}
}

func TestClosingTheWindowKeepsPreferences(t *testing.T) {
	a := test.NewTempApp(t)
	f := newFakeEngine()
	quits := 0
	m := NewMainWindow(a, Deps{Engine: f, Quit: func() { quits++ }})
	t.Cleanup(func() { close(f.events) })
	m.Tabs.SelectIndex(1)
	m.Window.Resize(fyne.NewSize(777, 555))
	m.CloseRequested() // the test app has no tray: closing quits, after saving
	if quits != 1 {
		t.Fatalf("quit called %d times", quits)
	}
	p := a.Preferences()
	if p.Int(prefView) != 1 || p.Float(prefWidth) != 777 || p.Float(prefHeight) != 555 {
		t.Fatalf("prefs: view %d size %vx%v", p.Int(prefView), p.Float(prefWidth), p.Float(prefHeight))
	}
	m2 := NewMainWindow(a, Deps{Engine: f, Quit: func() {}})
	if m2.Tabs.SelectedIndex() != 1 {
		t.Fatalf("reopened on tab %d", m2.Tabs.SelectedIndex())
	}
}
