//go:build !windows

package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestStoreWarningsReachTheLog: what the store has to tell when it opens (a
// data directory open to other users, tightened to 0700: issue 11 case 9
// says "and say so in the log") is written to sfsync.log, not as a bare
// line on stderr that the window never shows and the log never keeps.
func TestStoreWarningsReachTheLog(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	var verbose strings.Builder
	a, err := Open(Options{DataDir: dir, Verbose: &verbose})
	if err != nil {
		t.Fatal(err)
	}
	a.Close()
	info, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if perm := info.Mode().Perm(); perm != 0o700 {
		t.Errorf("data directory mode %04o, want 0700", perm)
	}
	b, err := os.ReadFile(filepath.Join(dir, LogFileName))
	if err != nil {
		t.Fatal(err)
	}
	const want = "the data directory was open to other users"
	if !strings.Contains(string(b), want) || !strings.Contains(string(b), "was=0777") {
		t.Errorf("sfsync.log does not say the directory was tightened:\n%s", b)
	}
	if !strings.Contains(verbose.String(), want) {
		t.Errorf("-v output does not say it either:\n%s", verbose.String())
	}
}
