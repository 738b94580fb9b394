package main

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"
)

// notification is one org.freedesktop.Notifications.Notify call.
type notification struct {
	App, Summary, Body string
}

// notificationServer plays the desktop's notification daemon on the session
// bus: it owns org.freedesktop.Notifications and records every Notify.
type notificationServer struct {
	mu    sync.Mutex
	calls []notification
	added chan struct{} // signalled on every call
}

// Notify implements org.freedesktop.Notifications.Notify.
func (s *notificationServer) Notify(appName string, replacesID uint32, appIcon, summary, body string,
	actions []string, hints map[string]dbus.Variant, timeout int32) (uint32, *dbus.Error) {
	s.mu.Lock()
	s.calls = append(s.calls, notification{App: appName, Summary: summary, Body: body})
	id := uint32(len(s.calls))
	s.mu.Unlock()
	select {
	case s.added <- struct{}{}:
	default:
	}
	return id, nil
}

// GetCapabilities implements org.freedesktop.Notifications.GetCapabilities.
func (s *notificationServer) GetCapabilities() ([]string, *dbus.Error) {
	return []string{"body"}, nil
}

// GetServerInformation implements org.freedesktop.Notifications.GetServerInformation.
func (s *notificationServer) GetServerInformation() (name, vendor, version, specVersion string, err *dbus.Error) {
	return "sfsync-e2e", "sfsync", "1", "1.2", nil
}

// CloseNotification implements org.freedesktop.Notifications.CloseNotification.
func (s *notificationServer) CloseNotification(id uint32) *dbus.Error { return nil }

// startNotificationServer owns the notification name on the session bus
// of DBUS_SESSION_BUS_ADDRESS for the test's duration.
func startNotificationServer(t *testing.T) *notificationServer {
	t.Helper()
	conn, err := dbus.ConnectSessionBus()
	if err != nil {
		t.Fatalf("connect to the session bus: %v", err)
	}
	t.Cleanup(func() { conn.Close() })
	s := &notificationServer{added: make(chan struct{}, 1)}
	const name, path = "org.freedesktop.Notifications", dbus.ObjectPath("/org/freedesktop/Notifications")
	if err := conn.Export(s, path, name); err != nil {
		t.Fatalf("export the notification server: %v", err)
	}
	reply, err := conn.RequestName(name, dbus.NameFlagDoNotQueue)
	if err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
		t.Fatalf("own %s on the session bus: reply %v, %v (another notification daemon?)", name, reply, err)
	}
	return s
}

// waitFor returns the first Notify call matching ok, or fails after within.
func (s *notificationServer) waitFor(t *testing.T, what string, within time.Duration, ok func(notification) bool) notification {
	t.Helper()
	deadline := time.After(within)
	for {
		s.mu.Lock()
		for _, n := range s.calls {
			if ok(n) {
				s.mu.Unlock()
				return n
			}
		}
		seen := make([]string, len(s.calls))
		for i, n := range s.calls {
			seen[i] = n.Summary
		}
		s.mu.Unlock()
		select {
		case <-s.added:
		case <-time.After(time.Second):
		case <-deadline:
			t.Fatalf("no %s notification within %s; Notify calls seen: %s", what, within, strings.Join(seen, "; "))
		}
	}
}
