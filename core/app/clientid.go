package app

import (
	"os"
	"strings"
)

// ClientIDEnv names the environment variable with the consumer key to use.
const ClientIDEnv = "SFSYNC_CLIENT_ID"

// DefaultClientID is the consumer key of an External Client App built into
// this sfsync by whoever ships it, so a packaged app signs in with no key
// to enter: `make package CLIENT_ID=…` sets it with
//
//	-ldflags "-X github.com/sfsync/sfsync/core/app.DefaultClientID=…"
//
// A consumer key is public (a desktop app is a public client; PKCE is its
// proof). Empty in a plain build.
var DefaultClientID string

// ClientID is the consumer key to propose and whether one is built in:
// $SFSYNC_CLIENT_ID, else DefaultClientID.
func ClientID() (key string, builtIn bool) {
	if k := strings.TrimSpace(os.Getenv(ClientIDEnv)); k != "" {
		return k, false
	}
	k := strings.TrimSpace(DefaultClientID)
	return k, k != ""
}
