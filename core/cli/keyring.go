package cli

import (
	"github.com/sfsync/sfsync/core/app"
	"github.com/sfsync/sfsync/core/secrets"
)

// openWithKeyring opens the app with the system keyring, for commands that
// need the sign-in. The keyring is checked first (a read, nothing written):
// without a session bus, a Secret Service or an unlocked keyring the
// command fails with the keyring's one sentence, instead of the engine
// reporting the sign-in as missing.
func (g *global) openWithKeyring(o appOptions) (*app.App, error) {
	kr := g.keyring(o)
	if err := secrets.Check(kr); err != nil {
		return nil, keyringError(err)
	}
	o.keyring, o.secrets = true, kr
	return g.open(o)
}

// keyring is the keyring a command uses: the OS's, or a test's.
func (g *global) keyring(o appOptions) secrets.Store {
	if g.tune != nil {
		g.tune(&o)
	}
	if o.secrets != nil {
		return o.secrets
	}
	return secrets.NewKeyring("", 0)
}
