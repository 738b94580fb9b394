package cli

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/sfsync/sfsync/core/app"
	"github.com/sfsync/sfsync/core/engine"
	"github.com/sfsync/sfsync/core/secrets"
	"github.com/sfsync/sfsync/core/store"
	"github.com/sfsync/sfsync/core/wording"
)

// appOptions are what a command asks of the app, before tests tune them.
type appOptions struct {
	keyring    bool
	openURL    func(string) error
	httpClient *http.Client
	secrets    secrets.Store        // tests: instead of the OS keyring
	engine     func(*engine.Config) // tests: faster retries and polls
}

// open opens the data directory: with the keyring only for commands that
// need a token. Another sfsync holding it is exit 3.
func (g *global) open(o appOptions) (*app.App, error) {
	if g.tune != nil {
		g.tune(&o)
	}
	opts := app.Options{DataDir: g.dataDir, Keyring: o.keyring, OpenURL: o.openURL,
		HTTPClient: o.httpClient, Secrets: o.secrets, Tune: o.engine}
	if g.verbose {
		opts.Verbose = g.io.Err
	}
	a, err := app.Open(opts)
	var running *store.AlreadyRunningError
	var dirErr *app.DataDirError
	switch {
	case errors.As(err, &running):
		return nil, &exitError{code: ExitRunning, name: "AlreadyRunning", msg: wording.AlreadyRunning(running, wording.CLI)}
	case errors.As(err, &dirErr):
		return nil, failed("%s", wording.DataDir(dirErr.Dir, dirErr.Err, wording.CLI))
	case err != nil:
		return nil, failed("%v", err)
	}
	return a, nil
}

// keyringError is the one sentence for a keyring that cannot keep the
// sign-in.
func keyringError(err error) error {
	var ex wording.Explained
	if errors.As(err, &ex) {
		return &exitError{code: ExitFailed, name: "KeyringUnavailable", msg: ex.Error()}
	}
	return &exitError{code: ExitFailed, name: "KeyringUnavailable",
		msg: sentence(fmt.Sprintf("sfsync keeps its Salesforce sign-in in the system keyring, which failed: %v", err))}
}
