//go:build linux || freebsd || openbsd || netbsd

package ui

import (
	"context"
	"time"

	"github.com/godbus/dbus/v5"
)

// statusNotifierWatcher is the D-Bus name of the tray host that Fyne's
// tray icon registers with on Linux and the BSDs.
const statusNotifierWatcher = "org.kde.StatusNotifierWatcher"

// SystemTrayAvailable reports whether a tray host owns
// org.kde.StatusNotifierWatcher on the session bus. Without one (a bare X
// server, GNOME without the AppIndicator extension) the tray icon never
// appears.
func SystemTrayAvailable() bool {
	conn, err := dbus.ConnectSessionBus()
	if err != nil {
		return false
	}
	defer conn.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	var owned bool
	err = conn.BusObject().CallWithContext(ctx, "org.freedesktop.DBus.NameHasOwner", 0, statusNotifierWatcher).Store(&owned)
	return err == nil && owned
}
