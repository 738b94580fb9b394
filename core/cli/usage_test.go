package cli

import (
	"bytes"
	"strings"
	"testing"
)

func TestNoCommandStartsDesktopWithEnv(t *testing.T) {
	dir := t.TempDir()
	var gotDir string
	code := Main([]string{"--data-dir", dir}, &bytes.Buffer{}, &bytes.Buffer{}, func(env *Env) int {
		gotDir = env.DataDir
		if env.Engine == nil || env.Store == nil || env.Secrets == nil {
			t.Error("desktop got an incomplete Env")
		}
		return 7
	})
	if code != 7 || gotDir != dir {
		t.Fatalf("exit %d, data dir %q; want the desktop's 7 and %q", code, gotDir, dir)
	}
	t.Setenv("SFSYNC_DATA_DIR", dir+"/fromenv")
	Main(nil, &bytes.Buffer{}, &bytes.Buffer{}, func(env *Env) int { gotDir = env.DataDir; return 0 })
	if gotDir != dir+"/fromenv" {
		t.Fatalf("SFSYNC_DATA_DIR ignored: %q", gotDir)
	}
}

func TestUsageAndBadInput(t *testing.T) {
	t.Setenv(ClientIDEnv, "")
	t.Setenv(AccessTokenEnv, "")
	c := newCLI(t)
	cases := []struct {
		args   []string
		code   int
		stdout string // substring of stdout
		stderr string // substring of stderr
	}{
		{[]string{"-h"}, 0, "Commands:", ""},
		{[]string{"help", "export"}, 0, "--object", ""},
		{[]string{"export", "-h"}, 0, "RFC 4180", ""},
		{[]string{"--bogus"}, 2, "", "flag provided but not defined: -bogus"},
		{[]string{"frobnicate"}, 2, "", `unknown command "frobnicate"`},
		{[]string{"status", "--bogus"}, 2, "", "flag provided but not defined"},
		{[]string{"status", "extra"}, 2, "", "status takes no arguments"},
		{[]string{"status"}, 0, "Salesforce: Not connected", ""},
		{[]string{"status", "--json"}, 0, `"status": "Not connected"`, ""},
		{[]string{"runs"}, 0, "No syncs yet", ""},
		{[]string{"runs", "--limit", "-1"}, 2, "", "--limit -1"},
		{[]string{"runs", "--limit", "x"}, 2, "", "invalid value"},
		{[]string{"export"}, 2, "", "export needs --object"},
		{[]string{"export", "--object", "Acount", "--out", "x.csv"}, 2, "", `unknown object "Acount": choose one of User, Account`},
		{[]string{"export", "--object", "Account"}, 2, "", "export needs --out"},
		{[]string{"export", "--object", "Account", "--out", "-", "--header", "fancy"}, 2, "", `unknown --header "fancy"`},
		{[]string{"fields"}, 2, "", "sfsync fields list"},
		{[]string{"fields", "frob"}, 2, "", `unknown fields command "frob"`},
		{[]string{"fields", "select", "Name"}, 2, "", "fields select needs --object"},
		{[]string{"fields", "select", "--object", "Account"}, 2, "", "needs field API names"},
		{[]string{"fields", "list", "--object", "Opportunities"}, 2, "", `unknown object "Opportunities"`},
		{[]string{"fields", "preset"}, 2, "", "needs one preset name"},
		{[]string{"fields", "presets"}, 0, "Recommended", ""},
		{[]string{"fields", "list"}, 1, "", "no field list yet: run `sfsync connect` first"},
		{[]string{"connect", "--demo", "--no-sync"}, 2, "", "--demo cannot be used with --no-sync"},
		{[]string{"connect", "--demo", "--env", "sandbox"}, 2, "", "choose one way to connect"},
		{[]string{"connect", "--access-token", "-"}, 2, "", "--access-token needs --instance-url"},
		{[]string{"connect", "--instance-url", "https://x.my.salesforce.com"}, 2, "", "no access token: pass --access-token -"},
		{[]string{"connect", "--instance-url", "https://x.my.salesforce.com", "--access-token", "-"}, 2, "", "no access token on stdin"},
		{[]string{"connect", "--env", "moon", "--client-id", "k"}, 2, "", `unknown --env "moon"`},
		{[]string{"connect", "--env", "mydomain", "--client-id", "k"}, 2, "", "--env mydomain needs --login-url"},
		{[]string{"connect"}, 2, "", "needs your External Client App's consumer key"},
		{[]string{"sync", "--once"}, 1, "", "Salesforce is not connected"},
		{[]string{"sync", "now"}, 2, "", "sync takes no arguments"},
		{[]string{"disconnect"}, 0, "nothing to do", ""},
	}
	for _, tc := range cases {
		r := c.run("", tc.args...)
		if r.code != tc.code || !strings.Contains(r.stdout, tc.stdout) || !strings.Contains(r.stderr, tc.stderr) {
			t.Errorf("sfsync %s: exit %d (want %d)\nstdout: %q (want %q)\nstderr: %q (want %q)",
				strings.Join(tc.args, " "), r.code, tc.code, r.stdout, tc.stdout, r.stderr, tc.stderr)
		}
		if tc.code == 0 && r.stderr != "" {
			t.Errorf("sfsync %s: succeeded but wrote to stderr: %q", strings.Join(tc.args, " "), r.stderr)
		}
		if tc.code != 0 && strings.Count(strings.TrimSpace(r.stderr), "\n") > 1 && !strings.Contains(r.stderr, "Usage") {
			t.Errorf("sfsync %s: error is not one sentence: %q", strings.Join(tc.args, " "), r.stderr)
		}
	}
}
