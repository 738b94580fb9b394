// Package secrets keeps sfsync's tokens in the OS keyring (macOS Keychain,
// Windows Credential Manager, the Secret Service on Linux) behind a small
// Store interface, with a timeout on every call so a locked or hung keyring
// cannot freeze the app. Memory is an in-process Store for tests.
//
// It owns the keyring's failure modes: every write is read back; on Linux
// no call is made without a reachable D-Bus session bus (go-keyring would
// otherwise autolaunch a dbus-daemon and a keyring daemon that outlive
// sfsync); and a missing bus, a missing Secret Service provider, a locked
// keyring whose prompt failed or a write that did not stick is an
// *UnavailableError whose message is one sentence saying what is missing
// and how to fix it. Probe checks all of that before a sign-in.
//
// No secret value ever appears in an error this package returns. It must not
// decide which secrets exist or when they are written: that is the engine's.
package secrets
