//go:build linux || freebsd || openbsd || netbsd

package ui

import (
	"os"
	"testing"

	"github.com/godbus/dbus/v5"
)

// TestSystemTrayAvailableAsksTheSessionBus: no tray while nobody owns
// org.kde.StatusNotifierWatcher (as under Xvfb), a tray while a connection
// holds the name, none again once it is released.
func TestSystemTrayAvailableAsksTheSessionBus(t *testing.T) {
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		t.Fatal("no D-Bus session bus: run the tests inside .ci/session (`make test` does)")
	}
	if SystemTrayAvailable() {
		t.Fatal("a tray is reported on a session bus without a StatusNotifierWatcher")
	}
	conn, err := dbus.ConnectSessionBus()
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if reply, err := conn.RequestName(statusNotifierWatcher, dbus.NameFlagDoNotQueue); err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
		t.Fatalf("claim %s: reply %v, %v", statusNotifierWatcher, reply, err)
	}
	if !SystemTrayAvailable() {
		t.Fatal("no tray reported while the StatusNotifierWatcher name is owned")
	}
	if _, err := conn.ReleaseName(statusNotifierWatcher); err != nil {
		t.Fatal(err)
	}
	if SystemTrayAvailable() {
		t.Fatal("a tray is still reported after the StatusNotifierWatcher name was released")
	}
}
