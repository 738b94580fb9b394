package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestCLICommandsStayOffTheGUIPath (issue 9): the built binary's commands
// that read the local store print no Fyne output in a C locale with a
// charset (LANG=C.UTF-8: Fyne's package init logged "Error parsing user
// locale C" before every command) and run without a display or a session
// bus.
func TestCLICommandsStayOffTheGUIPath(t *testing.T) {
	bin := buildApp(t)
	dir := t.TempDir()
	var env []string
	for _, kv := range os.Environ() {
		switch k, _, _ := strings.Cut(kv, "="); k {
		case "LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE", "DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS":
			continue
		}
		env = append(env, kv)
	}
	for _, lang := range []string{"C.UTF-8", "C.utf8", "C", "POSIX"} {
		for _, args := range [][]string{{"runs"}, {"status"}, {"fields", "presets"}, {"status", "--json"}, {"--help"}} {
			cmd := exec.Command(bin, append(args, "--data-dir", dir)...)
			cmd.Env = append(env, "LANG="+lang)
			out, err := cmd.CombinedOutput()
			if err != nil || strings.Contains(string(out), "Fyne") || strings.Contains(string(out), "locale") {
				t.Errorf("LANG=%s sfsync %s: %v\n%s", lang, strings.Join(args, " "), err, out)
			}
		}
	}
	// The person's locale is back for what the commands start: LC_ALL as given.
	cmd := exec.Command(bin, "--data-dir", dir, "status")
	cmd.Env = append(env, "LANG=C.UTF-8", "LC_ALL=C.UTF-8")
	if out, err := cmd.CombinedOutput(); err != nil || strings.Contains(string(out), "Fyne") {
		t.Errorf("LC_ALL=C.UTF-8 sfsync status: %v\n%s", err, out)
	}
}
