package secrets

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"github.com/godbus/dbus/v5"
)

// ErrUnavailable matches (errors.Is) every *UnavailableError.
var ErrUnavailable = errors.New("the system keyring is not usable")

// UnavailableError says that the OS keyring cannot keep sfsync's secrets
// here: no D-Bus session bus, no Secret Service provider on it, a locked
// keyring whose unlock prompt failed, or a write that did not read back.
// Its message is one sentence for the person: what is missing and how to
// fix it. It never holds a secret.
type UnavailableError struct {
	Missing string // what is missing, e.g. "no D-Bus session bus is running"
	Fix     string // what to do, as an imperative clause
	Err     error  // the cause, when there is one
}

func (e *UnavailableError) Error() string {
	return "sfsync keeps its Salesforce sign-in in the system keyring, but " + e.Missing + ": " + e.Fix + "."
}

// Unwrap returns the cause.
func (e *UnavailableError) Unwrap() error { return e.Err }

// Is makes errors.Is(err, ErrUnavailable) true.
func (e *UnavailableError) Is(target error) bool { return target == ErrUnavailable }

// Explained marks the message as a complete sentence for the person
// (wording.Explained): the faces show it as it is.
func (e *UnavailableError) Explained() {}

// fixSession is how a person without a desktop session gets a keyring.
const fixSession = "run sfsync in your desktop session, or in a terminal start one with " +
	"`dbus-run-session -- bash` and unlock a keyring in it " +
	"(`echo -n PASSWORD | gnome-keyring-daemon --unlock --components=secrets`)"

// classify turns a Secret Service failure into an *UnavailableError; other
// errors (not found, too long, timeouts) are returned as they are.
func classify(err error) error {
	var de dbus.Error
	msg := err.Error()
	switch {
	case errors.Is(err, ErrUnavailable):
		return err
	case errors.As(err, &de) && de.Name == "org.freedesktop.DBus.Error.ServiceUnknown",
		strings.Contains(msg, "org.freedesktop.secrets was not provided"):
		return &UnavailableError{Missing: "no Secret Service provider (such as gnome-keyring or KeePassXC) answers on the D-Bus session bus",
			Fix: "install and start one, then try again", Err: err}
	case strings.Contains(msg, "failed to unlock"), strings.Contains(msg, "prompt"):
		return &UnavailableError{Missing: "the keyring is locked and its unlock prompt failed or was dismissed",
			Fix: "unlock the keyring (for example in your desktop's Passwords and Keys app) and try again", Err: err}
	}
	return err
}

// Probe checks that s keeps a secret: it writes a random one under a probe
// account, reads it back and deletes it. Call it before asking the person
// to sign in, so a keyring that cannot keep the sign-in is reported before
// anything is connected. The error is an *UnavailableError when the keyring
// is not usable.
func Probe(s Store) error {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return fmt.Errorf("keyring probe: %w", err)
	}
	account, value := "sfsync-probe-"+hex.EncodeToString(b[:4]), hex.EncodeToString(b)
	if err := s.Set(account, value); err != nil {
		return err
	}
	got, err := s.Get(account)
	if err == nil && got != value {
		err = &UnavailableError{Missing: "the keyring did not return the secret it was given",
			Fix: "check the keyring's settings or use another Secret Service provider"}
	}
	if derr := s.Delete(account); err == nil && derr != nil {
		err = derr
	}
	return err
}

// Check asks s for a secret that does not exist, writing nothing: it
// succeeds when the keyring answers (ErrNotFound), and returns the
// keyring's error (an *UnavailableError when it is not usable) otherwise.
// Call it before a command that needs the stored sign-in.
func Check(s Store) error {
	if _, err := s.Get("sfsync-check"); err != nil && !errors.Is(err, ErrNotFound) {
		return err
	}
	return nil
}
