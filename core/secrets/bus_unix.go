//go:build (dragonfly && cgo) || (freebsd && cgo) || linux || netbsd || openbsd

package secrets

import (
	"os"

	"github.com/godbus/dbus/v5"
)

// sessionBus checks that a D-Bus session bus is reachable without starting
// one. go-keyring reaches the Secret Service through godbus's SessionBus,
// which autolaunches a dbus-daemon (and, through it, a keyring daemon) when
// none is found; those outlive sfsync. Finding the bus the way godbus does,
// but with autolaunch off, leaves that path unused: once this succeeded,
// DBUS_SESSION_BUS_ADDRESS names the bus (godbus sets it on discovery).
func sessionBus() error {
	conn, err := dbus.SessionBusPrivateNoAutoStartup()
	if err != nil {
		if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
			return &UnavailableError{Missing: "no D-Bus session bus is running (DBUS_SESSION_BUS_ADDRESS is not set) and sfsync does not start one",
				Fix: fixSession, Err: err}
		}
		return &UnavailableError{Missing: "the D-Bus session bus named by DBUS_SESSION_BUS_ADDRESS does not answer (" + err.Error() + ")",
			Fix: fixSession, Err: err}
	}
	return conn.Close()
}
