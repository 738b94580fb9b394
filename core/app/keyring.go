package app

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"

	"github.com/sfsync/sfsync/core/secrets"
)

// errNoKeyring: an App opened without Options.Keyring reads no secret.
var errNoKeyring = errors.New("this command does not open the system keyring")

// noKeyring is the engine's Secrets when the keyring is not opened: every
// call fails without touching the OS keyring or D-Bus.
type noKeyring struct{}

func (noKeyring) Get(string) (string, error) { return "", errNoKeyring }
func (noKeyring) Set(string, string) error   { return errNoKeyring }
func (noKeyring) Delete(string) error        { return errNoKeyring }

// Scoped names every keyring entry after the data directory it belongs to:
// "<key>@<first 16 hex digits of SHA-256(absolute dir)>". The engine uses
// fixed keys; without the scope two data directories (or two parallel
// tests) would share one sign-in.
func Scoped(inner secrets.Store, absDir string) secrets.Store {
	sum := sha256.Sum256([]byte(absDir))
	return scopedSecrets{inner: inner, suffix: "@" + hex.EncodeToString(sum[:8])}
}

type scopedSecrets struct {
	inner  secrets.Store
	suffix string
}

func (s scopedSecrets) Get(key string) (string, error) { return s.inner.Get(key + s.suffix) }
func (s scopedSecrets) Set(key, v string) error        { return s.inner.Set(key+s.suffix, v) }
func (s scopedSecrets) Delete(key string) error        { return s.inner.Delete(key + s.suffix) }
