package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sfsync/sfsync/core/app"
)

// TestBuiltInClientIDReachesConnect (issue 10): `make package CLIENT_ID=…`
// passes -ldflags -X …/core/app.DefaultClientID=…; a binary built so
// proposes that key to `connect` (its help names it) and to the window's
// Connect screen as built in (desktopDeps → ui.Deps), so a packaged app
// signs in with no key to enter.
func TestBuiltInClientIDReachesConnect(t *testing.T) {
	const key = "3MVGbuiltInForTests"
	bin := filepath.Join(t.TempDir(), "sfsync-packaged")
	build := exec.Command("go", "build", "-tags", "migrated_fynedo",
		"-ldflags", "-X github.com/sfsync/sfsync/core/app.DefaultClientID="+key, "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build with the key: %v\n%s", err, out)
	}
	env := append(os.Environ(), app.ClientIDEnv+"=")
	help := exec.Command(bin, "connect", "--help")
	help.Env = env
	out, err := help.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "the key built into this sfsync: "+key) {
		t.Fatalf("connect --help of the packaged binary (%v):\n%s", err, out)
	}
	plain := exec.Command(buildApp(t), "connect", "--help")
	plain.Env = env
	if out, _ := plain.CombinedOutput(); strings.Contains(string(out), "the key built into this sfsync:") {
		t.Errorf("a plain build claims a built-in key:\n%s", out)
	}

	t.Setenv(app.ClientIDEnv, "")
	saved := app.DefaultClientID
	app.DefaultClientID = key
	t.Cleanup(func() { app.DefaultClientID = saved })
	a, err := app.Open(app.Options{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	deps := desktopDeps(a, nil, appMetadata())
	if deps.ClientID != key || !deps.ClientIDBuiltIn || deps.CLIOrgs == nil || !strings.HasPrefix(deps.Version, "0.1.0 (build ") {
		t.Fatalf("the window's deps: key %q built-in %v, CLI orgs %v, version %q", deps.ClientID, deps.ClientIDBuiltIn, deps.CLIOrgs != nil, deps.Version)
	}
}
