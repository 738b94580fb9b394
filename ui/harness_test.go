package ui

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/sfsync/sfsync/core/demo"
	"github.com/sfsync/sfsync/core/engine"
	"github.com/sfsync/sfsync/core/salesforce"
	"github.com/sfsync/sfsync/core/secrets"
	"github.com/sfsync/sfsync/core/sfsim"
	"github.com/sfsync/sfsync/core/sfsim/simtest"
	"github.com/sfsync/sfsync/core/store"
)

// queuedApp is the test app with one change: fyne.Do queues work for the
// test goroutine, which plays the UI goroutine and runs it in drain. So
// widgets change only on the test goroutine (the race detector checks it),
// and nothing an engine goroutine sends shows up before it went through
// fyne.Do.
type queuedApp struct {
	fyne.App
	drv *queuedDriver
}

type queuedDriver struct {
	fyne.Driver
	q      chan func()
	queued atomic.Int64
}

func (a *queuedApp) Driver() fyne.Driver { return a.drv }

func (d *queuedDriver) DoFromGoroutine(fn func(), wait bool) {
	d.queued.Add(1)
	if !wait {
		d.q <- fn
		return
	}
	done := make(chan struct{})
	d.q <- func() { fn(); close(done) }
	<-done
}

func newQueuedApp(t *testing.T) *queuedApp {
	base := test.NewTempApp(t)
	a := &queuedApp{App: base, drv: &queuedDriver{Driver: base.Driver(), q: make(chan func(), 1<<16)}}
	fyne.SetCurrentApp(a)
	return a
}

// drain runs what fyne.Do queued so far.
func (a *queuedApp) drain() {
	for {
		select {
		case fn := <-a.drv.q:
			fn()
		default:
			return
		}
	}
}

// waitFor drains until cond holds (the UI goroutine's view of the world).
func (a *queuedApp) waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		a.drain()
		if cond() {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// testSeed is a small org: fast to sync, big enough to search.
var testSeed = sfsim.SeedConfig{Users: 6, Accounts: 40, ContactsPerAccount: 2, OpportunitiesPerAccount: 1, Leads: 15, Seed: 7}

// uiEnv is the real engine on a real store with in-memory secrets, and a
// browser that answers the simulator's authorize page.
type uiEnv struct {
	t        *testing.T
	app      *queuedApp
	st       *store.Store
	eng      *engine.Engine
	decision atomic.Value // "allow", "deny" or "wait" (no answer)
	sim      *sfsim.Server
	sec      *secrets.Memory
	demo     *demo.Org                       // the last Demo org started
	wrap     func(http.Handler) http.Handler // tampers with the simulator (nil: none)
	callback int                             // callback port the sim registers (0: the one the app uses)
	// cliSession stands in for the Salesforce CLI's sessions (nil: none).
	cliSession func(context.Context, string) (salesforce.Token, error)
	deps       func(*Deps) // changes the window's Deps (nil: none)
}

func newUIEnv(t *testing.T) *uiEnv {
	t.Helper()
	e := &uiEnv{t: t, app: newQueuedApp(t)}
	e.decision.Store("allow")
	st, err := store.Open(t.TempDir(), store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	e.st, e.sec = st, secrets.NewMemory()
	e.eng = e.newEngine()
	t.Cleanup(func() { e.eng.Close(); st.Close() })
	return e
}

// newEngine opens an engine on the env's store and secrets.
func (e *uiEnv) newEngine() *engine.Engine {
	e.t.Helper()
	eng, err := engine.New(engine.Config{
		Store: e.st, Secrets: e.sec, Notifier: Notifier{App: e.app},
		OpenURL:      e.browse,
		LoginTimeout: 5 * time.Second,
		CLISession: func(ctx context.Context, target string) (salesforce.Token, error) {
			if e.cliSession == nil {
				return salesforce.Token{}, errors.New("no Salesforce CLI in this test")
			}
			return e.cliSession(ctx, target)
		},
		Retry: salesforce.RetryPolicy{Attempts: 3, Base: time.Millisecond, Max: 5 * time.Millisecond},
		Poll:  salesforce.PollPolicy{Initial: time.Millisecond, Max: 5 * time.Millisecond},
	})
	if err != nil {
		e.t.Fatal(err)
	}
	return eng
}

// restart plays an app restart: a new engine on the same store and keyring.
func (e *uiEnv) restart() {
	e.eng.Close()
	e.eng = e.newEngine()
}

// startDemo is the Demo org of the tests: testSeed, optionally tampered.
func (e *uiEnv) startDemo() (*demo.Org, error) {
	port, err := demo.FreePort()
	if err != nil {
		return nil, err
	}
	registered := port
	if e.callback != 0 {
		registered = e.callback
	}
	e.sim = sfsim.New(sfsim.Options{ClientID: demo.ClientID, Org: sfsim.NewOrg(testSeed),
		RedirectURIs: []string{"http://localhost:" + strconv.Itoa(registered) + salesforce.DefaultRedirectPath}})
	var h http.Handler = e.sim
	if e.wrap != nil {
		h = e.wrap(h)
	}
	d, err := demo.Serve(h, port)
	if err == nil {
		e.demo = d
		e.t.Cleanup(d.Stop)
	}
	return d, err
}

// browse plays the person in the browser: load the authorize page, click
// the decision, follow the redirect to the app's loopback listener.
func (e *uiEnv) browse(authURL string) error {
	decision := e.decision.Load().(string)
	if decision == "wait" { // the person has not answered yet: nothing loads
		return nil
	}
	// An authorize error page leaves the app without an answer, as in a browser.
	go func() { _, _, _ = simtest.Approve(authURL, decision) }()
	return nil
}

// window opens the main window on the env.
func (e *uiEnv) window() *MainWindow {
	deps := Deps{Engine: e.eng, Store: e.st, ClientID: "", StartDemo: e.startDemo, Quit: func() {}}
	if e.deps != nil {
		e.deps(&deps)
	}
	m := NewMainWindow(e.app, deps)
	e.t.Cleanup(m.Close)
	m.Window.Resize(fyne.NewSize(1000, 700))
	return m
}

// connectDemo goes through Connect → Demo org → Allow → Start first sync
// and waits for Active. It returns the (closed) Connect screen.
func (e *uiEnv) connectDemo(m *MainWindow) *ConnectDialog {
	e.t.Helper()
	test.Tap(m.Sources.Connect)
	if m.Connect == nil {
		e.t.Fatal("Connect did not open the Connect screen")
	}
	c := m.Connect
	c.Env.SetSelected(EnvDemo)
	test.Tap(c.Connect)
	e.app.waitFor(e.t, "Success", func() bool {
		return strings.HasPrefix(c.Status.Text, "Success") || strings.Contains(c.Status.Text, "failed")
	})
	if !strings.HasPrefix(c.Status.Text, "Success") {
		e.t.Fatalf("connect: %s", c.Status.Text)
	}
	e.app.waitFor(e.t, "the estimate", func() bool { return c.StartSync.Visible() })
	// The first sync waits for the person: Configuring…, no run yet.
	if got := m.Sources.Badge.Status(); got != engine.StatusConfiguring || !m.State().FirstSyncHeld {
		e.t.Fatalf("before Start first sync: badge %q, held %v", got, m.State().FirstSyncHeld)
	}
	if runs, _ := e.eng.History(0); len(runs) != 0 {
		e.t.Fatalf("the first sync ran before Start first sync: %+v", runs)
	}
	if m.Window.Canvas().Focused() != c.StartSync {
		e.t.Errorf("focused %T, want the Start first sync button", m.Window.Canvas().Focused())
	}
	test.Tap(c.StartSync)
	if m.Connect != nil {
		e.t.Error("Start first sync did not close the Connect screen")
	}
	e.app.waitFor(e.t, "Active", func() bool { return m.Sources.Badge.Status() == engine.StatusActive })
	return c
}

func (e *uiEnv) String() string { return fmt.Sprintf("uiEnv(%p)", e) }
