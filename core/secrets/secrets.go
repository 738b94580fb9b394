package secrets

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/zalando/go-keyring"
)

// Store keeps secrets by account name.
type Store interface {
	// Get returns the secret, or an error matching ErrNotFound.
	Get(account string) (string, error)
	// Set creates or replaces the secret.
	Set(account, secret string) error
	// Delete removes the secret; ErrNotFound if there was none.
	Delete(account string) error
}

// Service is the keyring service name sfsync's entries are filed under.
const Service = "sfsync"

// DefaultTimeout bounds every keyring call.
const DefaultTimeout = 5 * time.Second

// MaxSecretLen is the longest secret accepted, in bytes: Windows Credential
// Manager's limit (CRED_MAX_CREDENTIAL_BLOB_SIZE), applied everywhere so a
// setup that works on one OS works on all.
const MaxSecretLen = 2560

var (
	// ErrNotFound: the keyring has no secret for the account.
	ErrNotFound = errors.New("no secret stored")
	// ErrTimeout: the keyring did not answer in time, typically because it is
	// locked and waiting for a password prompt nobody sees.
	ErrTimeout = errors.New("the OS keyring did not answer in time (is it locked?)")
	// ErrTooLong: the secret exceeds MaxSecretLen.
	ErrTooLong = fmt.Errorf("secret longer than %d bytes (the Windows Credential Manager limit)", MaxSecretLen)
)

// backend is the keyring as go-keyring exposes it; tests swap in fakes.
type backend interface {
	Get(service, user string) (string, error)
	Set(service, user, password string) error
	Delete(service, user string) error
}

// osKeyring is go-keyring's package-level provider for this OS.
type osKeyring struct{}

func (osKeyring) Get(service, user string) (string, error) { return keyring.Get(service, user) }
func (osKeyring) Set(service, user, pw string) error       { return keyring.Set(service, user, pw) }
func (osKeyring) Delete(service, user string) error        { return keyring.Delete(service, user) }

// Keyring is the OS keyring as a Store.
type Keyring struct {
	service string
	timeout time.Duration
	backend backend
	bus     func() error // checks the keyring's transport before each call (nil: none)
}

// NewKeyring returns the OS keyring under service ("" = Service) with every
// call bounded by timeout (0 = DefaultTimeout).
func NewKeyring(service string, timeout time.Duration) *Keyring {
	if service == "" {
		service = Service
	}
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	return &Keyring{service: service, timeout: timeout, backend: osKeyring{}, bus: sessionBus}
}

// Get implements Store.
func (k *Keyring) Get(account string) (string, error) {
	if account == "" {
		return "", errors.New("keyring get: empty account name")
	}
	var secret string
	err := k.call("get", account, "", func() error {
		s, err := k.backend.Get(k.service, account)
		secret = s
		return err
	})
	if err != nil {
		return "", err
	}
	return secret, nil
}

// Set implements Store. Secrets over MaxSecretLen are refused before the
// keyring is asked.
func (k *Keyring) Set(account, secret string) error {
	if account == "" {
		return errors.New("keyring set: empty account name")
	}
	if len(secret) > MaxSecretLen {
		return fmt.Errorf("keyring set %s: %w", account, ErrTooLong)
	}
	return k.call("set", account, secret, func() error {
		if err := k.backend.Set(k.service, account, secret); err != nil {
			return err
		}
		// Read back: a keyring may accept a write it does not keep.
		got, err := k.backend.Get(k.service, account)
		switch {
		case err != nil:
			return fmt.Errorf("read back: %w", err)
		case got != secret:
			return &UnavailableError{Missing: "the keyring did not keep the secret it accepted",
				Fix: "check the keyring's settings or use another Secret Service provider"}
		}
		return nil
	})
}

// Delete implements Store.
func (k *Keyring) Delete(account string) error {
	if account == "" {
		return errors.New("keyring delete: empty account name")
	}
	return k.call("delete", account, "", func() error {
		return k.backend.Delete(k.service, account)
	})
}

// call runs fn in its own goroutine and gives up after the timeout. A call
// that times out keeps running in the background until the keyring answers
// (it cannot be cancelled); its result is then dropped. secret is only used
// to keep it out of the returned error. Without a reachable session bus
// (where the keyring is on D-Bus) fn is not run: it would start one.
func (k *Keyring) call(op, account, secret string, fn func() error) error {
	if k.bus != nil {
		if err := k.bus(); err != nil {
			return fmt.Errorf("keyring %s %s: %w", op, account, err)
		}
	}
	done := make(chan error, 1) // buffered: a late answer must not block the goroutine
	go func() { done <- fn() }()
	timer := time.NewTimer(k.timeout)
	defer timer.Stop()
	select {
	case err := <-done:
		if err == nil {
			return nil
		}
		return fmt.Errorf("keyring %s %s: %w", op, account, mapError(err, secret))
	case <-timer.C:
		return fmt.Errorf("keyring %s %s after %v: %w", op, account, k.timeout, ErrTimeout)
	}
}

// mapError turns go-keyring's errors into this package's, and makes sure a
// backend error that echoes the secret does not carry it further.
func mapError(err error, secret string) error {
	switch {
	case errors.Is(err, keyring.ErrNotFound):
		return ErrNotFound
	case errors.Is(err, keyring.ErrSetDataTooBig):
		return ErrTooLong
	case secret != "" && strings.Contains(err.Error(), secret):
		return errors.New("the OS keyring refused the call (details withheld: they contained the secret)")
	}
	return classify(err)
}
