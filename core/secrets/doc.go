// Package secrets keeps sfsync's refresh token in the OS keyring (macOS
// Keychain, Windows Credential Manager, the Secret Service on Linux) behind a
// small Store interface, with a timeout on every call so a locked or hung
// keyring cannot freeze the app. Memory is an in-process Store for tests.
//
// No secret value ever appears in an error this package returns.
package secrets
