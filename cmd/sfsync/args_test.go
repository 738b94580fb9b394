package main

import (
	"slices"
	"strings"
	"testing"
)

func TestTakeDemoFlag(t *testing.T) {
	cases := []struct {
		args, rest []string
		demo, app  bool
	}{
		{nil, []string{}, false, true},
		{[]string{"--demo"}, []string{}, true, true},
		{[]string{"--data-dir", "/d", "--demo"}, []string{"--data-dir", "/d"}, true, true},
		{[]string{"--data-dir", "--demo"}, []string{"--data-dir", "--demo"}, false, true}, // a directory named --demo
		{[]string{"--data-dir=/d", "-demo"}, []string{"--data-dir=/d"}, true, true},
		{[]string{"sync", "--demo"}, []string{"sync", "--demo"}, false, false}, // a subcommand's own flag
		{[]string{"connect", "--demo"}, []string{"connect", "--demo"}, false, false},
		{[]string{"-h"}, []string{"-h"}, false, false},
		{[]string{"--data-dir", "/d", "status"}, []string{"--data-dir", "/d", "status"}, false, false},
	}
	for _, c := range cases {
		rest, demo := takeDemoFlag(c.args)
		if !slices.Equal(rest, c.rest) || demo != c.demo {
			t.Errorf("takeDemoFlag(%q) = %q, %v; want %q, %v", c.args, rest, demo, c.rest, c.demo)
		}
		if got := isDesktop(rest); got != c.app {
			t.Errorf("isDesktop(%q) = %v, want %v", rest, got, c.app)
		}
	}
}

func TestAlreadyRunningText(t *testing.T) {
	got := alreadyRunningText("sfsync: sfsync is already running (data directory /d): close the other sfsync.\n")
	if !strings.HasPrefix(got, "sfsync is already running (data directory /d)") || !strings.Contains(got, "system tray") {
		t.Errorf("message %q", got)
	}
	if got := alreadyRunningText(""); !strings.HasPrefix(got, "Another sfsync uses this data directory.") {
		t.Errorf("empty message %q", got)
	}
}
