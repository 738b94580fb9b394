package secrets

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
)

// TestRealSecretService runs against the OS keyring. On Linux that is the
// Secret Service on the session D-Bus, which `make test` starts with
// dbus-run-session and an unlocked gnome-keyring-daemon. It fails rather than
// skips without one: a skipped keyring test would hide a broken setup.
func TestRealSecretService(t *testing.T) {
	const hint = "needs a Secret Service: run `make test`"
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		t.Fatalf("%s (no D-Bus session: DBUS_SESSION_BUS_ADDRESS is empty)", hint)
	}
	k := NewKeyring("sfsync-test", 10*time.Second)
	account := fmt.Sprintf("refresh-%d-%d", os.Getpid(), time.Now().UnixNano())
	secret := "5Aep861fake.refresh.token" + strings.Repeat("é", 8) // non-ASCII survives

	if err := k.Set(account, secret); err != nil {
		t.Fatalf("%s (set: %v)", hint, err)
	}
	t.Cleanup(func() { k.Delete(account) })

	got, err := k.Get(account)
	if err != nil || got != secret {
		t.Fatalf("get after set: %d bytes, %v", len(got), err)
	}

	rotated := strings.Repeat("r", MaxSecretLen) // the largest accepted secret
	if err := k.Set(account, rotated); err != nil {
		t.Fatalf("replace with %d bytes: %v", MaxSecretLen, err)
	}
	if got, err := k.Get(account); err != nil || got != rotated {
		t.Fatalf("get after replace: %d bytes, %v", len(got), err)
	}

	if err := k.Delete(account); err != nil {
		t.Fatalf("delete: %v", err)
	}
	if _, err := k.Get(account); !errors.Is(err, ErrNotFound) {
		t.Fatalf("get after delete: %v, want ErrNotFound", err)
	}
	if err := k.Delete(account); !errors.Is(err, ErrNotFound) {
		t.Fatalf("second delete: %v, want ErrNotFound", err)
	}
}
