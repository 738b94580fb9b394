// Package cli is sfsync's command line, built on spf13/cobra: `sfsync
// <command>` runs headless (connect, status, fields, sync, export, runs,
// disconnect, completion); `sfsync` alone, or with only global flags, calls
// the desktop function main passes in. It imports no UI toolkit and wires
// nothing itself: core/app opens the data directory, core/wording words
// what the window says too, core/demo is the Demo org.
//
// Decisions worth knowing:
//   - Global flags (--data-dir, --json, -v, --demo) work before or after
//     the command. --demo is honoured by the desktop app and by connect, and
//     refused (exit 2) by every other command.
//   - Exit codes: 0 success, 1 the command failed (sync error, network,
//     keyring), 2 bad usage (unknown command, flag, object or field),
//     3 another sfsync holds the data directory.
//   - --json prints one JSON document on stdout: {"status":0,"result":{…}}
//     on success, {"status":N,"name":"…","message":"…","exitCode":N} on
//     failure (the Salesforce CLI's shape); progress and notes are not
//     printed then. Each command's result is a typed struct (results.go).
//   - Only connect, sync and disconnect open the system keyring; status,
//     runs, fields and export read the local store and touch no keyring or
//     D-Bus. connect checks the keyring (write, read back, delete) before
//     any sign-in and fails at once, with one sentence, when it cannot keep
//     the sign-in.
//   - connect prints the org, the user and the estimated cost of the first
//     sync, then runs the first sync in the foreground, as the window does;
//     Ctrl-C stops it and `sfsync sync` resumes from the last committed
//     page. --no-sync returns after the estimate (not with --demo).
//   - connect --demo starts the Demo org in this process and signs in to it
//     without a browser; it lives while the command runs and is signed out
//     when it ends (records kept).
//   - connect --instance-url URL takes the access token from stdin
//     (--access-token -) or $SFSYNC_ACCESS_TOKEN, never from the command
//     line, where every user could read it (CWE-214).
//   - fields select … only saves the selection; the next sync (or the app)
//     re-syncs objects that gained fields.
package cli
