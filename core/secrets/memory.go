package secrets

import (
	"fmt"
	"sync"
)

// Memory is a Store in process memory for tests of other packages. It
// enforces the same limits and errors as Keyring.
type Memory struct {
	mu      sync.Mutex
	secrets map[string]string
	fail    error
}

// NewMemory returns an empty Memory store.
func NewMemory() *Memory { return &Memory{secrets: map[string]string{}} }

// FailWith makes every later call return err (nil restores normal
// behaviour), to test how callers handle a broken keyring.
func (m *Memory) FailWith(err error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.fail = err
}

// Get implements Store.
func (m *Memory) Get(account string) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.fail != nil {
		return "", fmt.Errorf("memory get %s: %w", account, m.fail)
	}
	s, ok := m.secrets[account]
	if !ok {
		return "", fmt.Errorf("memory get %s: %w", account, ErrNotFound)
	}
	return s, nil
}

// Set implements Store.
func (m *Memory) Set(account, secret string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.fail != nil {
		return fmt.Errorf("memory set %s: %w", account, m.fail)
	}
	if len(secret) > MaxSecretLen {
		return fmt.Errorf("memory set %s: %w", account, ErrTooLong)
	}
	m.secrets[account] = secret
	return nil
}

// Delete implements Store.
func (m *Memory) Delete(account string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.fail != nil {
		return fmt.Errorf("memory delete %s: %w", account, m.fail)
	}
	if _, ok := m.secrets[account]; !ok {
		return fmt.Errorf("memory delete %s: %w", account, ErrNotFound)
	}
	delete(m.secrets, account)
	return nil
}

// Compile-time checks that both implementations satisfy Store.
var (
	_ Store = (*Keyring)(nil)
	_ Store = (*Memory)(nil)
)
