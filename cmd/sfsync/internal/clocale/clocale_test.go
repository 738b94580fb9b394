package clocale

import (
	"os"
	"testing"
)

func TestIsCWithCharset(t *testing.T) {
	for loc, want := range map[string]bool{"C.UTF-8": true, "C.utf8": true, "POSIX.UTF-8": true, "C@euro": true,
		"C": false, "POSIX": false, "": false, "en_US.UTF-8": false, "Ca_ES": false, "CA.UTF-8": false} {
		if got := isCWithCharset(loc); got != want {
			t.Errorf("isCWithCharset(%q) = %v, want %v", loc, got, want)
		}
	}
}

// TestRestorePutsTheLocaleBack: what init hid comes back exactly, set or
// unset.
func TestRestorePutsTheLocaleBack(t *testing.T) {
	for _, was := range []*string{nil, ptr("C.UTF-8")} {
		t.Setenv("LANG", "C.UTF-8")
		t.Setenv("LANGUAGE", "")
		if was == nil {
			os.Unsetenv("LC_ALL")
		} else {
			t.Setenv("LC_ALL", *was)
		}
		hide()
		if v := os.Getenv("LC_ALL"); v != "C" {
			t.Fatalf("while packages initialise LC_ALL = %q, want C", v)
		}
		if !Restore() {
			t.Fatal("Restore reported nothing to restore")
		}
		v, set := os.LookupEnv("LC_ALL")
		if (was == nil) == set || (was != nil && v != *was) {
			t.Errorf("after Restore LC_ALL = %q (set %v), want %v", v, set, was)
		}
		if Restore() {
			t.Error("a second Restore changed something")
		}
	}
}

func ptr(s string) *string { return &s }
