// Package sfcli asks the Salesforce CLI (`sf`, @salesforce/cli) which orgs
// it is logged in to and for a current session of one of them, so sfsync
// can sync an org without a sign-in of its own: the CLI keeps and refreshes
// the tokens (`sf org login web`), sfsync stores none and asks again before
// each run.
//
// It owns running `sf` (found on PATH or at $SFSYNC_SF, bounded by a
// timeout, with update checks and telemetry off) and reading its --json
// output. It never logs or prints a token and never puts one, or the raw
// output that holds one, into an error. It knows nothing of the engine, the
// keyring or any UI.
package sfcli
