// Package app wires sfsync for both of its faces, the window and the
// command line: Open resolves the data directory, opens its store (held
// exclusively: a second sfsync gets a *store.AlreadyRunningError), the log
// file in it, the OS keyring scoped to it (only when asked: commands that
// need no token never touch the keyring or D-Bus) and the sync engine; it
// ends a Demo org a killed process left behind. Close ends the Demo org the
// process served, stops the engine and releases the store.
//
// It owns that wiring and nothing else: no UI toolkit, no command-line
// parsing, no sync logic.
package app
