package app

import (
	"context"
	"errors"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sfsync/sfsync/core/demo"
	"github.com/sfsync/sfsync/core/engine"
	"github.com/sfsync/sfsync/core/secrets"
	"github.com/sfsync/sfsync/core/sfsim"
	"github.com/sfsync/sfsync/core/store"
)

// countingSecrets counts the calls that reach the keyring.
type countingSecrets struct {
	secrets.Store
	calls atomic.Int32
}

func (c *countingSecrets) Get(k string) (string, error) { c.calls.Add(1); return c.Store.Get(k) }
func (c *countingSecrets) Set(k, v string) error        { c.calls.Add(1); return c.Store.Set(k, v) }
func (c *countingSecrets) Delete(k string) error        { c.calls.Add(1); return c.Store.Delete(k) }

var tinySeed = sfsim.SeedConfig{Users: 3, Accounts: 10, ContactsPerAccount: 1, Leads: 2, Seed: 4}

// TestOnlyKeyringAppsReadSecrets: an App opened without the keyring reads no
// secret (issue 9: `sfsync runs` started a dbus-daemon and a keyring daemon)
// and still shows the stored source as connected, not as signed out.
func TestOnlyKeyringAppsReadSecrets(t *testing.T) {
	sim := sfsim.New(sfsim.Options{Seed: tinySeed})
	srv := httptest.NewServer(sim)
	defer srv.Close()
	dir := t.TempDir()
	kr := &countingSecrets{Store: secrets.NewMemory()}
	ctx := context.Background()

	a, err := Open(Options{DataDir: dir, Keyring: true, Secrets: kr})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Engine.ConnectWithToken(ctx, srv.URL, sim.IssueAccessToken()); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Engine.RunOnce(ctx); err != nil {
		t.Fatal(err)
	}
	a.Close()

	before := kr.calls.Load()
	a, err = Open(Options{DataDir: dir, Secrets: kr})
	if err != nil {
		t.Fatal(err)
	}
	st := a.State()
	a.Close()
	if n := kr.calls.Load() - before; n != 0 {
		t.Errorf("an App without the keyring made %d keyring calls", n)
	}
	if st.Status != engine.StatusActive || st.NeedsReauth || st.Counts["Account"] != 10 {
		t.Errorf("without the keyring the source shows %s (reauth %v, %d Accounts)", st.Status, st.NeedsReauth, st.Counts["Account"])
	}
	if a.Secrets != nil {
		t.Error("an App without the keyring exposes Secrets")
	}

	// The second instance is refused by type.
	first, err := Open(Options{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	_, err = Open(Options{DataDir: dir})
	var running *store.AlreadyRunningError
	if !errors.As(err, &running) || !errors.Is(err, store.ErrAlreadyRunning) || running.Dir != dir {
		t.Fatalf("second Open: %v", err)
	}
}

// TestDemoOrgEndsWithTheApp: a Demo org the App's process served is signed
// out when the App closes (records kept); one left by a killed process
// shows as ended to an App without the keyring and is signed out by the
// next App with it.
func TestDemoOrgEndsWithTheApp(t *testing.T) {
	dir := t.TempDir()
	kr := secrets.NewMemory()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var org *demo.Org
	open := func() *App {
		a, err := Open(Options{DataDir: dir, Keyring: true, Secrets: kr,
			OpenURL: func(u string) error { go func() { _ = org.Allow(ctx, u) }(); return nil }})
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	connect := func(a *App) {
		var err error
		if org, err = demo.Start(tinySeed); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(org.Stop)
		if err := a.Engine.Connect(ctx, org.ConnectOptions()); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Engine.RunOnce(ctx); err != nil {
			t.Fatal(err)
		}
	}

	a := open()
	connect(a)
	a.Close()
	org.Stop()
	a, err := Open(Options{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if st := a.State(); st.Status != engine.StatusNotConnected || st.Detail != demo.EndedDetail || st.Counts["Account"] != 10 {
		t.Fatalf("after the App that served the Demo org closed: %s %q, %d Accounts", st.Status, st.Detail, st.Counts["Account"])
	}
	a.Close()

	// A killed process: the Demo org is still the stored, connected source.
	a = open()
	connect(a)
	a.Engine.Close()
	a.closeFiles()
	org.Stop()
	ro, err := Open(Options{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if st := ro.State(); st.Status != engine.StatusNotConnected || st.Detail != demo.EndedDetail {
		t.Errorf("without the keyring a stale Demo org shows %s %q", st.Status, st.Detail)
	}
	ro.Close()
	a = open()
	defer a.Close()
	if st := a.Engine.State(); st.Status != engine.StatusNotConnected || st.Detail != demo.EndedDetail {
		t.Errorf("the next App left the stale Demo org %s %q", st.Status, st.Detail)
	}
}
