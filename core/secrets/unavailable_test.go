package secrets

import (
	"errors"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"
)

// forgetfulBackend accepts every write and keeps none (or a changed copy),
// as a misconfigured keyring can.
type forgetfulBackend struct {
	mu   sync.Mutex
	kept map[string]string
	mode string // "drop": keeps nothing; "mangle": keeps another value
}

func (b *forgetfulBackend) Set(_, user, pw string) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	switch b.mode {
	case "mangle":
		b.kept[user] = pw + "x"
	case "drop":
	default:
		b.kept[user] = pw
	}
	return nil
}

func (b *forgetfulBackend) Get(_, user string) (string, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	v, ok := b.kept[user]
	if !ok {
		return "", errors.New("secret not found in keyring")
	}
	return v, nil
}

func (b *forgetfulBackend) Delete(_, user string) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	delete(b.kept, user)
	return nil
}

// TestEveryWriteIsReadBack: a keyring that accepts a secret and does not
// keep it (issue 11 case 3) fails the write with one sentence, and Probe
// reports it before anything is stored.
func TestEveryWriteIsReadBack(t *testing.T) {
	for _, mode := range []string{"drop", "mangle"} {
		b := &forgetfulBackend{kept: map[string]string{}, mode: mode}
		k := &Keyring{service: "s", timeout: time.Minute, backend: b}
		err := k.Set("salesforce-access-token", "fake-token-value-1234")
		if err == nil {
			t.Fatalf("%s: a write the keyring did not keep succeeded", mode)
		}
		if strings.Contains(err.Error(), "fake-token-value-1234") {
			t.Errorf("%s: the error shows the secret: %v", mode, err)
		}
		if err := Probe(k); err == nil {
			t.Errorf("%s: Probe passed a keyring that keeps nothing", mode)
		}
	}
	ok := &Keyring{service: "s", timeout: time.Minute, backend: &forgetfulBackend{kept: map[string]string{}}}
	if err := Probe(ok); err != nil {
		t.Fatalf("Probe of a working keyring: %v", err)
	}
	if err := Probe(NewMemory()); err != nil {
		t.Fatalf("Probe of Memory: %v", err)
	}
}

// TestSecretServiceFailuresAreOneSentence: go-keyring's failures when no
// provider answers or the keyring stays locked become an UnavailableError
// saying what is missing and what to do.
func TestSecretServiceFailuresAreOneSentence(t *testing.T) {
	cases := []struct {
		name    string
		backend error
		want    string
	}{
		{"no provider", dbus.Error{Name: "org.freedesktop.DBus.Error.ServiceUnknown", Body: []any{"The name org.freedesktop.secrets was not provided by any .service files"}},
			"no Secret Service provider"},
		{"locked, prompt failed", errors.New("failed to unlock correct collection '/org/freedesktop/secrets/aliases/default'"),
			"the keyring is locked and its unlock prompt failed"},
	}
	for _, c := range cases {
		k := &Keyring{service: "s", timeout: time.Minute, backend: errBackend{c.backend}}
		err := k.Set("salesforce-access-token", "fake-secret")
		var ue *UnavailableError
		if !errors.As(err, &ue) || !errors.Is(err, ErrUnavailable) {
			t.Fatalf("%s: %v is not an UnavailableError", c.name, err)
		}
		msg := ue.Error()
		if !strings.Contains(msg, c.want) || strings.Count(msg, ". ") > 0 || !strings.HasSuffix(msg, ".") {
			t.Errorf("%s: %q is not one sentence saying %q", c.name, msg, c.want)
		}
	}
}

// TestNoSessionBusIsNotStarted (issue 11 case 4): without
// DBUS_SESSION_BUS_ADDRESS (and no bus in /run/user) the keyring says that
// no session bus runs, and godbus's autolaunch (dbus-launch) is never run.
func TestNoSessionBusIsNotStarted(t *testing.T) {
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "")
	dir := t.TempDir()
	// A dbus-launch first in PATH records any autolaunch attempt.
	if err := os.WriteFile(dir+"/dbus-launch", []byte("#!/bin/sh\ntouch '"+dir+"/launched'\nexit 1\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir+":/usr/bin:/bin")
	k := NewKeyring("sfsync-test", 10*time.Second)
	_, err := k.Get("salesforce-access-token")
	if !errors.Is(err, ErrUnavailable) || !strings.Contains(err.Error(), "no D-Bus session bus is running") ||
		!strings.Contains(err.Error(), "dbus-run-session") {
		t.Fatalf("Get without a session bus: %v", err)
	}
	if _, serr := os.Stat(dir + "/launched"); serr == nil {
		t.Fatal("a session bus was autolaunched (dbus-launch ran)")
	}
}
