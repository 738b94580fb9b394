package cli

import (
	"bytes"
	"encoding/json"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"strings"
	"testing"
)

func TestNoCommandStartsDesktop(t *testing.T) {
	dir := t.TempDir()
	var got Desktop
	desktop := func(d Desktop) int { got = d; return 7 }
	for _, args := range [][]string{{"--data-dir", dir, "--demo"}, {"--demo", "--data-dir=" + dir}, {"-v", "--data-dir", dir, "--demo"}} {
		got = Desktop{}
		if code := Main(args, IO{Out: &bytes.Buffer{}, Err: &bytes.Buffer{}}, desktop); code != 7 {
			t.Fatalf("%q: exit %d, want the desktop's 7", args, code)
		}
		if got.DataDir != dir || !got.Demo {
			t.Fatalf("%q: desktop got %+v", args, got)
		}
	}
}

// TestGlobalFlagsWorkAnywhere (issue 9): --data-dir, --json and -v work
// before or after the command.
func TestGlobalFlagsWorkAnywhere(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"status", "--data-dir", dir},
		{"--data-dir", dir, "status"},
		{"status", "--data-dir=" + dir, "--json"},
		{"--json", "status", "--data-dir", dir},
		{"-v", "status", "--data-dir", dir},
		{"fields", "presets", "--json", "--data-dir", dir},
	} {
		var out, errb bytes.Buffer
		code := Main(args, IO{In: strings.NewReader(""), Out: &out, Err: &errb}, func(Desktop) int { t.Fatal("desktop"); return 1 })
		if code != ExitOK {
			t.Errorf("sfsync %s: exit %d\n%s", strings.Join(args, " "), code, errb.String())
		}
		if strings.Contains(strings.Join(args, " "), "status") && !strings.Contains(out.String(), dir) {
			t.Errorf("sfsync %s did not use the data directory:\n%s", strings.Join(args, " "), out.String())
		}
	}
}

// TestHelp (issue 9): --demo is in `sfsync -h`; `fields list -h` shows only
// list's help with a two-dash --object; the exit codes are documented.
func TestHelp(t *testing.T) {
	c := newCLI(t)
	root := c.must(0, "", "-h").stdout
	for _, want := range []string{"--demo", "--data-dir", "--json", "-v, --verbose", "completion", "connect", "Exit codes: 0 ok, 1 failed, 2 bad usage, 3"} {
		if !strings.Contains(root, want) {
			t.Errorf("sfsync -h lacks %q:\n%s", want, root)
		}
	}
	list := c.must(0, "", "fields", "list", "-h").stdout
	if !strings.Contains(list, "sfsync fields list [--object OBJECT]") || !strings.Contains(list, "      --object string") ||
		strings.Contains(list, "fields select") || strings.Contains(list, " -object") {
		t.Errorf("fields list -h:\n%s", list)
	}
	for _, cmd := range [][]string{{"connect"}, {"status"}, {"fields"}, {"fields", "select"}, {"fields", "deselect"}, {"fields", "preset"},
		{"fields", "presets"}, {"sync"}, {"export"}, {"runs"}, {"disconnect"}, {"recover"}} {
		h := c.must(0, "", append(cmd, "--help")...).stdout
		if !strings.Contains(h, "Examples:") || !strings.Contains(h, "Usage:") {
			t.Errorf("sfsync %s --help has no usage or examples:\n%s", strings.Join(cmd, " "), h)
		}
	}
	if h := c.must(0, "", "help", "export").stdout; !strings.Contains(h, "RFC 4180") {
		t.Errorf("help export:\n%s", h)
	}
	if out := c.must(0, "", "completion", "bash").stdout; !strings.Contains(out, "bash completion") {
		t.Errorf("completion bash printed %d bytes", len(out))
	}
}

// TestEveryDataCommandTakesJSON (issue 9: only status and runs did): each
// prints one JSON document, success and failure alike.
func TestEveryDataCommandTakesJSON(t *testing.T) {
	t.Setenv(ClientIDEnv, "")
	t.Setenv(AccessTokenEnv, "")
	c := newCLI(t)
	for _, args := range [][]string{{"status"}, {"runs"}, {"fields", "presets"}, {"disconnect"}} {
		r := c.must(0, "", append(args, "--json")...)
		var doc map[string]any
		if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil || doc["status"] != 0.0 || doc["result"] == nil || r.stderr != "" {
			t.Errorf("sfsync %s --json: %v\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), err, r.stdout, r.stderr)
		}
	}
	for _, tc := range []struct {
		args []string
		code int
		name string
	}{
		{[]string{"fields", "list"}, 1, "CommandFailed"},
		{[]string{"export", "--object", "Nope", "--out", "x"}, 2, "UsageError"},
		{[]string{"sync", "--once"}, 1, "CommandFailed"},
		{[]string{"connect", "--env", "moon", "--client-id", "k"}, 2, "UsageError"},
		{[]string{"runs", "--limit", "x"}, 2, "UsageError"},
	} {
		r := c.run("", append(tc.args, "--json")...)
		var doc jsonError
		if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil || r.code != tc.code || doc.Status != tc.code ||
			doc.ExitCode != tc.code || doc.Name != tc.name || doc.Message == "" || r.stderr != "" {
			t.Errorf("sfsync %s --json: exit %d, %v\nstdout:\n%s\nstderr:\n%s", strings.Join(tc.args, " "), r.code, err, r.stdout, r.stderr)
		}
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
		{[]string{"--bogus"}, 2, "", "unknown flag: --bogus"},
		{[]string{"frobnicate"}, 2, "", `unknown command "frobnicate"`},
		{[]string{"status", "--bogus"}, 2, "", "Run `sfsync status --help` for usage"},
		{[]string{"status", "extra"}, 2, "", `unknown command "extra" for "sfsync status"`},
		{[]string{"status"}, 0, "Salesforce: Not connected", ""},
		{[]string{"runs"}, 0, "No syncs yet", ""},
		{[]string{"runs", "--limit", "-1"}, 2, "", "--limit -1"},
		{[]string{"runs", "--limit", "x"}, 2, "", `--limit "x": give a whole number`},
		{[]string{"--demo", "runs", "--limit", "1"}, 2, "", "--demo applies to the desktop app (`sfsync --demo`) and to `sfsync connect --demo`, not to `sfsync runs`"},
		{[]string{"status", "--demo"}, 2, "", "not to `sfsync status`"},
		{[]string{"fields", "list", "--demo"}, 2, "", "not to `sfsync fields list`"},
		{[]string{"export"}, 2, "", "export needs --object"},
		{[]string{"export", "--object", "Acount", "--out", "x.csv"}, 2, "", `unknown object "Acount": choose one of User, Account`},
		{[]string{"export", "--object", "Account"}, 2, "", "export needs --out"},
		{[]string{"export", "--object", "Account", "--out", "-", "--header", "fancy"}, 2, "", `unknown --header "fancy"`},
		{[]string{"export", "--object", "Account", "--out", "-", "--json"}, 2, `--json cannot go with --out -`, ""},
		{[]string{"fields"}, 2, "", "fields needs a command: list, select"},
		{[]string{"fields", "frob"}, 2, "", `unknown command "frob" for "sfsync fields"`},
		{[]string{"fields", "select", "Name"}, 2, "", "fields select needs --object"},
		{[]string{"fields", "select", "--object", "Account"}, 2, "", "needs field API names"},
		{[]string{"fields", "list", "--object", "Opportunities"}, 2, "", `unknown object "Opportunities"`},
		{[]string{"fields", "preset"}, 2, "", "needs one preset name"},
		{[]string{"fields", "presets"}, 0, "Recommended", ""},
		{[]string{"fields", "list"}, 1, "", "no field list yet: run `sfsync connect` first"},
		{[]string{"connect", "--demo", "--no-sync"}, 2, "", "--demo cannot be used with --no-sync"},
		{[]string{"--demo", "connect", "--env", "sandbox"}, 2, "", "choose one way to connect"},
		{[]string{"connect", "--access-token", "-"}, 2, "", "--access-token needs --instance-url"},
		{[]string{"connect", "--instance-url", "https://x.my.salesforce.com"}, 2, "", "no access token: pass --access-token -"},
		{[]string{"connect", "--instance-url", "https://x.my.salesforce.com", "--access-token", "-"}, 2, "", "no access token on stdin"},
		{[]string{"connect", "--env", "moon", "--client-id", "k"}, 2, "", `unknown --env "moon"`},
		{[]string{"connect", "--env", "mydomain", "--client-id", "k"}, 2, "", "--env mydomain needs --login-url"},
		{[]string{"connect"}, 2, "", "needs your External Client App's consumer key"},
		{[]string{"sync", "--once"}, 1, "", "Salesforce is not connected"},
		{[]string{"sync", "now"}, 2, "", `unknown command "now" for "sfsync sync"`},
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
		if tc.code != 0 && strings.Count(strings.TrimSpace(r.stderr), "\n") > 1 {
			t.Errorf("sfsync %s: error is not one sentence (and where help is): %q", strings.Join(tc.args, " "), r.stderr)
		}
	}
}

// TestLiteralAccessTokenIsRefused (issue 11 case 5, CWE-214): a token on
// the command line is refused with a sentence that does not repeat it, and
// nothing is connected.
func TestLiteralAccessTokenIsRefused(t *testing.T) {
	sim, srv := newSim(t, smallSeed)
	token := sim.IssueAccessToken()
	c := newCLI(t)
	for _, args := range [][]string{
		{"connect", "--instance-url", srv.URL, "--access-token", token},
		{"connect", "--instance-url", srv.URL, "--access-token=" + token},
	} {
		before, _ := sim.Usage()
		r := c.run("", args...)
		after, _ := sim.Usage()
		if r.code != ExitUsage || !strings.Contains(r.stderr, "visible to every user") || !strings.Contains(r.stderr, "--access-token -") {
			t.Errorf("literal token: exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
		}
		if strings.Contains(r.stdout+r.stderr, token) {
			t.Error("the refusal repeats the token")
		}
		if after != before {
			t.Errorf("a refused literal token still made %d API calls", after-before)
		}
	}
	if r := c.must(0, "", "status"); !strings.Contains(r.stdout, "Not connected") {
		t.Errorf("status after the refusal:\n%s", r.stdout)
	}
}

// TestFlagHelpShowsValueTypes: every flag of every command shows its value
// in -h as its type; a backquoted word in a usage text becomes the value's
// name instead (pflag.UnquoteUsage): connect -h showed "--sf-org sf org list".
func TestFlagHelpShowsValueTypes(t *testing.T) {
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		check := func(f *pflag.Flag) {
			if name, _ := pflag.UnquoteUsage(f); name != "" && name != f.Value.Type() {
				t.Errorf("%s -h: --%s shows its value as %q, not its type %q", c.CommandPath(), f.Name, name, f.Value.Type())
			}
		}
		c.LocalFlags().VisitAll(check)
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(newRoot(&global{}, func(Desktop) int { return 0 }))
}

// TestBadArgumentsAreSaidInWords: a flag value of the wrong type and a
// wrong number of arguments are one sentence saying what to give (exit 2);
// they were Go's and cobra's `invalid argument "abc" for "--limit" flag:
// strconv.ParseInt: parsing "abc": invalid syntax` and "accepts 1 arg(s),
// received 2".
func TestBadArgumentsAreSaidInWords(t *testing.T) {
	c := newCLI(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"runs", "--limit", "abc"}, `--limit "abc": give a whole number`},
		{[]string{"settings", "--threshold", "90%"}, `--threshold "90%": give a whole number`},
		{[]string{"explain"}, "explain takes one record Id"},
		{[]string{"explain", "001BA0000000001YAA", "003BA0000000001YAA"}, "explain takes one record Id"},
	} {
		r := c.must(ExitUsage, "", tc.args...)
		if !strings.Contains(r.stderr, tc.want) || strings.Contains(r.stderr, "strconv") || strings.Contains(r.stderr, "arg(s)") {
			t.Errorf("sfsync %s said:\n%s\nwant %q", strings.Join(tc.args, " "), r.stderr, tc.want)
		}
	}
}
