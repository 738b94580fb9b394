package ui

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/sfsync/sfsync/core/engine"
	"github.com/sfsync/sfsync/core/format"
)

func TestConnectDemoOrgRunsFirstSyncAndShowsActive(t *testing.T) {
	env := newUIEnv(t)
	m := env.window()
	if m.Sources.Badge.Status() != engine.StatusNotConnected || !m.Sources.Connect.Visible() || m.Sources.Menu.Visible() {
		t.Fatalf("start: badge %q, connect visible %v, menu visible %v", m.Sources.Badge.Text.Text,
			m.Sources.Connect.Visible(), m.Sources.Menu.Visible())
	}
	c := env.connectDemo(m)
	if !strings.Contains(c.Estimate.Text, " API call") { // a small org's first sync is one call
		t.Errorf("estimate = %q, want the first sync's API calls", c.Estimate.Text)
	}
	st := env.eng.State()
	if !strings.Contains(m.Sources.Org.Text, st.UserName) || st.UserName == "" {
		t.Errorf("org line %q does not name the user %q", m.Sources.Org.Text, st.UserName)
	}
	want := format.Thousands(int64(env.sim.Org().Count("Account", false))) + " Accounts"
	env.app.waitFor(t, "record counts", func() bool { return strings.Contains(m.Sources.Counts.Text, want) })
	if m.Sources.Connect.Visible() || !m.Sources.Menu.Visible() {
		t.Errorf("connected: Connect visible %v, menu visible %v", m.Sources.Connect.Visible(), m.Sources.Menu.Visible())
	}
	if !strings.Contains(m.Sources.Quota.Label.Text, "API calls today") || m.Sources.Quota.Threshold() != 0.8 {
		t.Errorf("quota gauge %q threshold %v", m.Sources.Quota.Label.Text, m.Sources.Quota.Threshold())
	}
}

func TestEngineEventsReachWidgetsOnlyThroughFyneDo(t *testing.T) {
	env := newUIEnv(t)
	m := env.window()
	env.connectDemo(m)
	env.app.drain()
	runs, _ := env.eng.History(0)
	before, queued := m.State().LastSync, env.app.drv.queued.Load()

	env.eng.SyncNow()
	deadline := time.Now().Add(time.Minute)
	for { // wait for the run without draining: the UI must not change meanwhile
		now, _ := env.eng.History(0)
		if len(now) > len(runs) && !env.eng.State().Running {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the sync did not finish")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if !m.State().LastSync.Equal(before) {
		t.Fatal("the window changed before the UI goroutine ran the queued work")
	}
	if env.app.drv.queued.Load() == queued {
		t.Fatal("the run's events were not handed to fyne.Do")
	}
	env.app.waitFor(t, "the new last sync", func() bool { return m.State().LastSync.After(before) })
}

// TestConnectErrorsAreNamed (issue 10): each failure is one sentence in
// the error colour next to the field to change; a wrong callback URL is
// said at once (it waited for the 5-minute timeout, here LoginTimeout 5 s);
// a denial leaves the source Not connected, an admin's block says what to
// ask the admin.
func TestConnectErrorsAreNamed(t *testing.T) {
	cases := []struct {
		name  string
		setup func(*uiEnv)
		field func(*ConnectDialog) *widget.Label
		want  []string
		badge engine.Status
	}{
		{"denied", func(e *uiEnv) { e.decision.Store("deny") }, func(c *ConnectDialog) *widget.Label { return c.Error },
			[]string{"You chose Deny"}, engine.StatusNotConnected},
		{"wrong callback", func(e *uiEnv) { e.callback = 1 }, func(c *ConnectDialog) *widget.Label { return c.PortError },
			[]string{"callback URL", "exactly http://localhost:"}, engine.StatusError},
		{"blocked by an admin", func(e *uiEnv) { e.wrap = blockDecision }, func(c *ConnectDialog) *widget.Label { return c.Error },
			[]string{"admin's policy blocks", "OAUTH_APP_BLOCKED", "Ask the admin"}, engine.StatusError},
		{"missing permission", func(e *uiEnv) {
			e.wrap = func(h http.Handler) http.Handler {
				return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					if strings.HasSuffix(r.URL.Path, "/sobjects/Lead/describe") {
						w.Header().Set("Content-Type", "application/json")
						w.WriteHeader(http.StatusForbidden)
						_, _ = w.Write([]byte(`[{"message":"insufficient access rights on object","errorCode":"INSUFFICIENT_ACCESS"}]`))
						return
					}
					h.ServeHTTP(w, r)
				})
			}
		}, func(c *ConnectDialog) *widget.Label { return c.Error }, []string{"Read on Lead"}, engine.StatusError},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			env := newUIEnv(t)
			tc.setup(env)
			m := env.window()
			test.Tap(m.Sources.Connect)
			c := m.Connect
			c.Env.SetSelected(EnvDemo)
			start := time.Now()
			test.Tap(c.Connect)
			if !strings.HasPrefix(c.Status.Text, "Configuring") {
				t.Fatalf("status while signing in = %q", c.Status.Text)
			}
			env.app.waitFor(t, "the connect outcome", func() bool { return !c.busy })
			if took := time.Since(start); tc.name == "wrong callback" && took >= 5*time.Second {
				t.Errorf("the wrong callback URL was said after %s, at the sign-in's timeout", took)
			}
			l := tc.field(c)
			for _, w := range tc.want {
				if !l.Visible() || !strings.Contains(l.Text, w) {
					t.Errorf("field error (visible %v) = %q, want it to say %q", l.Visible(), l.Text, w)
				}
			}
			if l.Importance != widget.DangerImportance {
				t.Errorf("the error is not styled as an error (importance %v)", l.Importance)
			}
			for _, other := range []*widget.Label{c.Error, c.PortError, c.KeyError, c.MyDomainError, c.CLIError} {
				if other != l && other.Visible() {
					t.Errorf("another error shows too: %q", other.Text)
				}
			}
			if c.Connect.Disabled() {
				t.Error("Connect stays disabled after a failure")
			}
			env.app.waitFor(t, "the badge "+string(tc.badge), func() bool { return m.Sources.Badge.Status() == tc.badge })
		})
	}
}

// blockDecision answers the approval page's Allow as an org whose admin
// blocked the app does: a redirect to the callback with
// error=OAUTH_APP_BLOCKED and the state (MicrosoftDocs/SupportArticles-docs
// failure-passed-to-redirect-url-blocked-app.md).
func blockDecision(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || !strings.HasSuffix(r.URL.Path, "/services/oauth2/authorize") {
			h.ServeHTTP(w, r)
			return
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		u, err := url.Parse(rec.Header().Get("Location"))
		if err != nil || u.Host == "" {
			h.ServeHTTP(w, r)
			return
		}
		q := url.Values{"state": {u.Query().Get("state")}, "error": {"OAUTH_APP_BLOCKED"}, "error_description": {"this app is blocked by admin"}}
		u.RawQuery = q.Encode()
		http.Redirect(w, r, u.String(), http.StatusFound)
	})
}

// TestHeldFirstSyncStartsFromTheMenu: closing Connect without Start first
// sync leaves the source waiting (Configuring…, the detail says how to
// start) and the menu's Sync now starts it; Sync now while Connect still
// asks closes the screen.
func TestHeldFirstSyncStartsFromTheMenu(t *testing.T) {
	for _, cancel := range []bool{true, false} {
		env := newUIEnv(t)
		m := env.window()
		test.Tap(m.Sources.Connect)
		c := m.Connect
		c.Env.SetSelected(EnvDemo)
		test.Tap(c.Connect)
		env.app.waitFor(t, "the estimate", func() bool { return c.StartSync.Visible() })
		if cancel {
			test.Tap(c.Cancel)
			env.app.waitFor(t, "the held detail", func() bool { return strings.Contains(m.Sources.Detail.Text, "Start first sync") })
			if m.Sources.Badge.Status() != engine.StatusConfiguring {
				t.Fatalf("badge %q after Cancel, want Configuring…", m.Sources.Badge.Status())
			}
			if runs, _ := env.eng.History(0); len(runs) != 0 {
				t.Fatalf("the first sync ran after Cancel: %+v", runs)
			}
		}
		menuAction(t, m, ShortcutSyncNow)()
		env.app.waitFor(t, "Active", func() bool { return m.Sources.Badge.Status() == engine.StatusActive })
		if m.Connect != nil {
			t.Errorf("cancel=%v: the Connect screen stayed open after the first sync started from the menu", cancel)
		}
	}
}

// menuAction is the action of the menu bar item with shortcut sc.
func menuAction(t *testing.T, m *MainWindow, sc fyne.Shortcut) func() {
	t.Helper()
	for _, menu := range m.Window.MainMenu().Items {
		for _, it := range menu.Items {
			if it.Shortcut != nil && it.Shortcut.ShortcutName() == sc.ShortcutName() {
				return it.Action
			}
		}
	}
	t.Fatalf("no menu item with %s", sc.ShortcutName())
	return nil
}
