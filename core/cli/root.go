package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/sfsync/sfsync/core/app"
	"github.com/sfsync/sfsync/core/store"
)

// Exit codes.
const (
	ExitOK      = 0
	ExitFailed  = 1 // the command ran and failed
	ExitUsage   = 2 // bad command line
	ExitRunning = 3 // another sfsync holds the data directory
)

// Environment variables the command line reads.
const (
	ClientIDEnv    = app.ClientIDEnv       // connect's --client-id
	AccessTokenEnv = "SFSYNC_ACCESS_TOKEN" // connect --instance-url's token
)

// IO is where a run reads and writes.
type IO struct {
	In       io.Reader
	Out, Err io.Writer
}

// Desktop is what the desktop app is started with.
type Desktop struct {
	DataDir string // "" : the default
	Demo    bool   // connect the Demo org once the window shows
	Verbose bool
}

// global holds the persistent flags.
type global struct {
	dataDir string
	json    bool
	verbose bool
	demo    bool
	io      IO
	// tune adjusts the app's options (tests speed up the client).
	tune func(*appOptions)
}

// Main runs sfsync with args (without the program name) and returns the
// process exit code. Without a command it calls desktop.
func Main(args []string, stdio IO, desktop func(Desktop) int) int {
	return run(args, stdio, desktop, nil)
}

func run(args []string, stdio IO, desktop func(Desktop) int, tune func(*appOptions)) int {
	g := &global{io: stdio, tune: tune}
	root := newRoot(g, desktop)
	root.SetArgs(args)
	root.SetIn(stdio.In)
	root.SetOut(stdio.Out)
	root.SetErr(stdio.Err)
	cmd, err := root.ExecuteC()
	if err == nil {
		return ExitOK
	}
	if !g.json && slices.Contains(args, "--json") {
		g.json = true // a usage error came before flag parsing finished
	}
	return g.report(err, cmd)
}

// newRoot builds the command tree.
func newRoot(g *global, desktop func(Desktop) int) *cobra.Command {
	root := &cobra.Command{
		Use:   "sfsync",
		Short: "Keep a local copy of a Salesforce org's records",
		Long: `sfsync keeps a Salesforce org's Account, Contact, Lead, Opportunity and User
records in a local store, synced incrementally and careful with the API quota.
Without a command it opens the desktop app; with one it runs headless.`,
		Example: `  sfsync                         # open the desktop app
  sfsync --demo                  # open it and connect the built-in Demo org
  sfsync connect --demo          # the same, headless
  sfsync status --json
  sfsync fields list --object Account
  sfsync sync --once
  sfsync export --object Contact --out contacts.csv`,
		Args:          cobra.NoArgs,
		SilenceErrors: true,
		SilenceUsage:  true,
		RunE: func(c *cobra.Command, _ []string) error {
			if code := desktop(Desktop{DataDir: g.dataDir, Demo: g.demo, Verbose: g.verbose}); code != ExitOK {
				return &exitError{code: code, quiet: true}
			}
			return nil
		},
	}
	pf := root.PersistentFlags()
	pf.StringVar(&g.dataDir, "data-dir", "", "data directory (default $"+store.DataDirEnv+", else the OS user-data directory + /sfsync)")
	pf.BoolVar(&g.json, "json", false, `print one JSON document: {"status":0,"result":{…}} or {"status":N,"name":…,"message":…}`)
	pf.BoolVarP(&g.verbose, "verbose", "v", false, "also print the log (sfsync.log in the data directory) on stderr")
	pf.BoolVar(&g.demo, "demo", false, "the built-in Demo org: open the app and connect it, or with connect, connect it headless")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return flagError(err) })
	root.PersistentPreRunE = g.refuseDemo
	root.SetHelpCommandGroupID("")
	root.AddCommand(newConnect(g), newStatus(g), newFields(g), newSync(g), newExport(g), newRuns(g), newExplain(g), newSettings(g), newDisconnect(g), newRecover(g))
	root.SetUsageTemplate(root.UsageTemplate() + exitCodesHelp)
	return root
}

// flagError words a flag the command line got wrong. A value of the wrong
// type says what to give, not Go's parse error ("strconv.ParseInt: parsing
// …: invalid syntax"); other flag errors (unknown flag) are cobra's words.
func flagError(err error) error {
	var bad *pflag.InvalidValueError
	if !errors.As(err, &bad) {
		return usage("%v", err)
	}
	want := map[string]string{"int": "a whole number", "bool": "true or false"}[bad.GetFlag().Value.Type()]
	if want == "" {
		want = "a value as `--help` shows"
	}
	return usage("--%s %q: give %s", bad.GetFlag().Name, bad.GetValue(), want)
}

// exitCodesHelp ends every help text.
const exitCodesHelp = `
Exit codes: 0 ok, 1 failed, 2 bad usage, 3 another sfsync uses the data directory.
`

// refuseDemo refuses --demo for every command but the desktop app (the
// root) and connect.
func (g *global) refuseDemo(c *cobra.Command, _ []string) error {
	if g.demo && c.HasParent() && c.Name() != "connect" {
		return usage("--demo applies to the desktop app (`sfsync --demo`) and to `sfsync connect --demo`, not to `%s`", c.CommandPath())
	}
	return nil
}

// interruptible is the context of a command that SIGINT or SIGTERM stops.
func interruptible(parent context.Context) (context.Context, context.CancelFunc) {
	return signal.NotifyContext(parent, os.Interrupt, syscall.SIGTERM)
}

// exitError ends a command with an exit code and one sentence.
type exitError struct {
	code  int
	name  string // the JSON error's name
	msg   string
	quiet bool // already reported (the desktop app's own exit code)
}

func (e *exitError) Error() string { return e.msg }

// usage is a bad-command-line error (exit 2).
func usage(format string, a ...any) error {
	return &exitError{code: ExitUsage, name: "UsageError", msg: sentence(fmt.Sprintf(format, a...))}
}

// failed is a failed command (exit 1).
func failed(format string, a ...any) error {
	return &exitError{code: ExitFailed, name: "CommandFailed", msg: sentence(fmt.Sprintf(format, a...))}
}

// sentence makes msg one sentence: trimmed, capital first, one full stop.
func sentence(msg string) string {
	msg = strings.TrimSpace(msg)
	if msg == "" {
		return msg
	}
	if !strings.HasSuffix(msg, ".") && !strings.HasSuffix(msg, "?") {
		msg += "."
	}
	return msg
}

// report prints err (as JSON with --json) and returns its exit code; a
// usage error says where cmd's help is.
func (g *global) report(err error, cmd *cobra.Command) int {
	e := asExitError(err)
	if e.quiet {
		return e.code
	}
	if g.json {
		writeJSON(g.io.Out, jsonError{Status: e.code, Name: e.name, Message: e.msg, ExitCode: e.code})
		return e.code
	}
	fmt.Fprintf(g.io.Err, "sfsync: %s\n", e.msg)
	if e.code == ExitUsage {
		fmt.Fprintf(g.io.Err, "Run `%s --help` for usage.\n", cmd.CommandPath())
	}
	return e.code
}

// asExitError gives every error an exit code: cobra's own errors (unknown
// command, wrong arguments) are usage errors.
func asExitError(err error) *exitError {
	var e *exitError
	if errors.As(err, &e) {
		return e
	}
	return &exitError{code: ExitUsage, name: "UsageError", msg: sentence(err.Error())}
}
