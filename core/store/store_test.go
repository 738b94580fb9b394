package store

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func openTemp(t *testing.T) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "data"), Options{})
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestOpenCreatesPrivateDirAndFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "nested", "data")
	s, err := Open(dir, Options{})
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	defer s.Close()
	for _, c := range []struct {
		path string
		want os.FileMode
	}{{dir, 0o700}, {filepath.Join(dir, FileName), 0o600}} {
		fi, err := os.Stat(c.path)
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode().Perm(); got != c.want {
			t.Errorf("%s: mode %o, want %o", c.path, got, c.want)
		}
	}
}

func TestOpenTightensExistingFileMode(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	path := filepath.Join(dir, FileName)
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	s, err = Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := fi.Mode().Perm(); got != 0o600 {
		t.Errorf("mode %o after reopen, want 600", got)
	}
}

func TestSecondOpenIsAlreadyRunning(t *testing.T) {
	dir := t.TempDir()
	first, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()

	second, err := Open(dir, Options{Timeout: 100 * time.Millisecond})
	if err == nil {
		second.Close()
		t.Fatal("second open succeeded while the first holds the file")
	}
	if !errors.Is(err, ErrAlreadyRunning) {
		t.Fatalf("error %v is not ErrAlreadyRunning", err)
	}
	var typed *AlreadyRunningError
	if !errors.As(err, &typed) || typed.Dir != dir {
		t.Fatalf("error %#v does not carry the directory %s", err, dir)
	}
	if want := "sfsync is already running (data directory " + dir + ")"; err.Error() != want {
		t.Errorf("message %q, want %q", err.Error(), want)
	}

	// Once the first instance is gone the next one opens normally.
	first.Close()
	third, err := Open(dir, Options{Timeout: 100 * time.Millisecond})
	if err != nil {
		t.Fatalf("open after close: %v", err)
	}
	third.Close()
}

func TestDefaultDirHonoursEnv(t *testing.T) {
	want := filepath.Join(t.TempDir(), "custom")
	t.Setenv(DataDirEnv, want)
	got, err := DefaultDir()
	if err != nil || got != want {
		t.Fatalf("DefaultDir() = %q, %v; want %q", got, err, want)
	}
	s, err := Open("", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.Dir() != want {
		t.Errorf("Open(\"\") used %q, want %q", s.Dir(), want)
	}

	t.Setenv(DataDirEnv, "")
	t.Setenv("XDG_DATA_HOME", "/xdg/data")
	got, err = DefaultDir()
	if err != nil {
		t.Fatal(err)
	}
	if got == want || filepath.Base(got) != "sfsync" {
		t.Errorf("DefaultDir() without env = %q", got)
	}
}

func TestMethodsAfterCloseFail(t *testing.T) {
	s, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := s.Count("Account"); !errors.Is(err, ErrClosed) {
		t.Errorf("Count after Close: %v, want ErrClosed", err)
	}
}
