// Package cli is sfsync's command line: `sfsync <command>` runs headless
// (connect, status, fields, sync, export, runs, disconnect); `sfsync` alone
// opens the Env and starts the desktop app through the function main passes
// in. It imports no UI toolkit.
//
// Decisions worth knowing:
//   - Exit codes: 0 success, 1 the command failed (sync error, network,
//     keyring), 2 bad usage (unknown command, flag, object or field),
//     3 another sfsync holds the data directory.
//   - `connect` prints the org, the user and the estimated cost of the
//     first sync, then runs the first sync in the foreground, as the desktop
//     app does; Ctrl-C stops it and `sfsync sync` resumes from the last
//     committed page. `--no-sync` returns after the estimate (not with
//     --demo).
//   - `connect --demo` starts the simulator in this process on 127.0.0.1; the
//     demo org lives only while the command runs, so it always syncs first.
//     The synced data stays for status, fields, export and runs.
//   - `connect --instance-url URL --access-token -` (token on stdin, or in
//     $SFSYNC_ACCESS_TOKEN; a literal on the command line works but is
//     visible in the process list): the engine keeps the access token in
//     the OS keyring and restores the session in later commands without
//     checking permissions again (a no-change `sync --once` costs one API
//     call). It works until the session expires (status: needs
//     reauthorization); then connect again. `disconnect` revokes it.
//   - A connect refused for missing permissions prints the engine's one
//     sentence naming every missing permission and exits 1.
//   - Keyring entries are named per data directory (see scopedSecrets), so
//     several data directories (and parallel tests) never share a sign-in.
//   - `fields select …` only saves the selection; the next `sync` (or the
//     app) re-syncs objects that gained fields.
package cli
