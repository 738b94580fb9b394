package secrets

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/zalando/go-keyring"
)

// blockingBackend never answers until release is closed, like a keyring
// waiting on an unlock prompt.
type blockingBackend struct{ release chan struct{} }

func (b blockingBackend) Get(string, string) (string, error) { <-b.release; return "late", nil }
func (b blockingBackend) Set(string, string, string) error   { <-b.release; return nil }
func (b blockingBackend) Delete(string, string) error        { <-b.release; return nil }

// errBackend fails every call with err.
type errBackend struct{ err error }

func (b errBackend) Get(string, string) (string, error) { return "", b.err }
func (b errBackend) Set(string, string, string) error   { return b.err }
func (b errBackend) Delete(string, string) error        { return b.err }

func TestEveryCallTimesOut(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	k := &Keyring{service: "sfsync-test", timeout: 50 * time.Millisecond, backend: blockingBackend{release}}
	calls := map[string]func() error{
		"get":    func() error { _, err := k.Get("refresh"); return err },
		"set":    func() error { return k.Set("refresh", "fake-secret-value") },
		"delete": func() error { return k.Delete("refresh") },
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			done := make(chan error, 1)
			go func() { done <- call() }()
			select {
			case err := <-done:
				if !errors.Is(err, ErrTimeout) {
					t.Fatalf("got %v, want ErrTimeout", err)
				}
				if strings.Contains(err.Error(), "fake-secret-value") {
					t.Errorf("error shows the secret: %v", err)
				}
			case <-time.After(time.Minute):
				t.Fatal("call hung although the keyring timeout is 50ms")
			}
		})
	}
}

func TestBackendErrorsAreMapped(t *testing.T) {
	const secret = "fake-refresh-5Aep861"
	cases := []struct {
		name    string
		backend error
		want    error
	}{
		{"not found", keyring.ErrNotFound, ErrNotFound},
		{"too big", keyring.ErrSetDataTooBig, ErrTooLong},
		{"other", errors.New("dbus: connection closed"), nil},
		{"echoes secret", errors.New("cannot store " + secret), nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			k := &Keyring{service: "s", timeout: time.Minute, backend: errBackend{tc.backend}}
			err := k.Set("refresh", secret)
			if err == nil {
				t.Fatal("no error")
			}
			if tc.want != nil && !errors.Is(err, tc.want) {
				t.Errorf("got %v, want %v", err, tc.want)
			}
			if strings.Contains(err.Error(), secret) {
				t.Errorf("error shows the secret: %v", err)
			}
			if !strings.Contains(err.Error(), "refresh") {
				t.Errorf("error lacks the account for context: %v", err)
			}
			if _, err := k.Get("refresh"); tc.want != nil && tc.want != ErrTooLong && !errors.Is(err, tc.want) {
				t.Errorf("get: %v, want %v", err, tc.want)
			}
		})
	}
}

func TestStoresRejectOverlongSecretsAndEmptyAccounts(t *testing.T) {
	release := make(chan struct{}) // the keyring must not even be asked
	defer close(release)
	stores := map[string]Store{
		"keyring": &Keyring{service: "s", timeout: time.Minute, backend: blockingBackend{release}},
		"memory":  NewMemory(),
	}
	long := strings.Repeat("x", MaxSecretLen+1)
	for name, s := range stores {
		t.Run(name, func(t *testing.T) {
			err := s.Set("refresh", long)
			if !errors.Is(err, ErrTooLong) {
				t.Fatalf("got %v, want ErrTooLong", err)
			}
			if strings.Contains(err.Error(), long[:100]) {
				t.Error("error shows the secret")
			}
			if name == "keyring" {
				if err := s.Set("", "x"); err == nil {
					t.Error("empty account accepted")
				}
			}
		})
	}
}

func TestMemoryStore(t *testing.T) {
	m := NewMemory()
	if _, err := m.Get("a"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("get missing: %v", err)
	}
	max := strings.Repeat("y", MaxSecretLen)
	if err := m.Set("a", max); err != nil {
		t.Fatalf("set %d bytes: %v", MaxSecretLen, err)
	}
	if got, err := m.Get("a"); err != nil || got != max {
		t.Fatalf("get: %d bytes, %v", len(got), err)
	}
	if err := m.Delete("a"); err != nil {
		t.Fatal(err)
	}
	if err := m.Delete("a"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("second delete: %v", err)
	}
	broken := errors.New("keyring locked")
	m.FailWith(broken)
	if err := m.Set("a", "b"); !errors.Is(err, broken) {
		t.Fatalf("FailWith: %v", err)
	}
	m.FailWith(nil)
	if err := m.Set("a", "b"); err != nil {
		t.Fatal(err)
	}
}
