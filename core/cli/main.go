package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"

	"github.com/sfsync/sfsync/core/store"
)

// Exit codes.
const (
	ExitOK      = 0
	ExitFailed  = 1 // the command ran and failed
	ExitUsage   = 2 // bad command line
	ExitRunning = 3 // another sfsync holds the data directory
)

// command is one subcommand.
type command struct {
	name, args, summary string
	run                 func(c *cmdContext, args []string) int
}

var commands []command

func init() {
	commands = []command{
		{"connect", "[--env production|sandbox|mydomain --login-url URL | --demo | --instance-url URL --access-token -]", "sign in to a Salesforce org and run the first sync", runConnect},
		{"status", "[--json]", "show the source's status, record counts and API usage", runStatus},
		{"fields", "list|select|deselect|preset|presets …", "show or change which fields are synced", runFields},
		{"sync", "[--once]", "sync now (--once) or on the schedule until interrupted", runSync},
		{"export", "--object OBJECT --out FILE|-", "write one object's synced records as CSV", runExport},
		{"runs", "[--json] [--limit N]", "show the sync history", runRuns},
		{"disconnect", "[--delete-data]", "sign out: revoke the token, remove it from the keyring", runDisconnect},
	}
}

// cmdContext is what a command runs with.
type cmdContext struct {
	dataDir        string
	stdout, stderr io.Writer
	stdin          io.Reader
}

// Main parses global flags (--data-dir, env SFSYNC_DATA_DIR), and either runs
// a subcommand, or, when there is none, opens the Env and calls desktop(env)
// (the app's window; main passes it in) and returns its exit code. It
// returns the process exit code.
func Main(args []string, stdout, stderr io.Writer, desktop func(*Env) int) int {
	return mainWithInput(args, os.Stdin, stdout, stderr, desktop)
}

func mainWithInput(args []string, stdin io.Reader, stdout, stderr io.Writer, desktop func(*Env) int) int {
	fs := flag.NewFlagSet("sfsync", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	dataDir := fs.String("data-dir", "", "data directory (default $"+store.DataDirEnv+" or the OS user-data directory)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage(stdout)
			return ExitOK
		}
		fmt.Fprintf(stderr, "sfsync: %v. Run `sfsync -h` for usage.\n", err)
		return ExitUsage
	}
	c := &cmdContext{dataDir: *dataDir, stdout: stdout, stderr: stderr, stdin: stdin}
	rest := fs.Args()
	if len(rest) == 0 {
		env, code := c.openEnv(envOptions{})
		if env == nil {
			return code
		}
		defer env.Close()
		return desktop(env)
	}
	if rest[0] == "help" {
		if len(rest) > 1 {
			return c.dispatch([]string{rest[1], "-h"})
		}
		usage(stdout)
		return ExitOK
	}
	return c.dispatch(rest)
}

func (c *cmdContext) dispatch(args []string) int {
	i := slices.IndexFunc(commands, func(cm command) bool { return cm.name == args[0] })
	if i < 0 {
		fmt.Fprintf(c.stderr, "sfsync: unknown command %q. Commands: %s (run `sfsync -h`).\n", args[0], commandNames())
		return ExitUsage
	}
	return commands[i].run(c, args[1:])
}

func commandNames() string {
	names := make([]string, len(commands))
	for i, cm := range commands {
		names[i] = cm.name
	}
	return strings.Join(names, ", ")
}

func usage(w io.Writer) {
	fmt.Fprint(w, `Usage: sfsync [--data-dir DIR] [command [flags]]

Without a command, sfsync opens the desktop app.

Commands:
`)
	for _, cm := range commands {
		fmt.Fprintf(w, "  %-11s %s\n", cm.name, cm.summary)
	}
	fmt.Fprintf(w, `
Global flags:
  --data-dir DIR   where the local store lives (default $%s, else the
                   OS user-data directory + /sfsync)

Run "sfsync COMMAND -h" for a command's flags.
Exit codes: 0 ok, 1 failed, 2 bad usage, 3 another sfsync uses the data directory.
`, store.DataDirEnv)
}

// newFlags makes a command's flag set; parse with c.parse.
func (c *cmdContext) newFlags(name, argsLine, about string) *flag.FlagSet {
	fs := flag.NewFlagSet("sfsync "+name, flag.ContinueOnError)
	fs.SetOutput(c.stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: sfsync %s %s\n\n%s\n", name, argsLine, about)
		var hasFlags bool
		fs.VisitAll(func(*flag.Flag) { hasFlags = true })
		if hasFlags {
			fmt.Fprintln(fs.Output(), "\nFlags:")
			fs.PrintDefaults()
		}
	}
	return fs
}

// parse parses flags anywhere among the arguments and returns the
// positional ones. ok false: help was shown (code 0) or the flags were bad
// (code 2, message printed by the flag package).
func (c *cmdContext) parse(fs *flag.FlagSet, args []string) (pos []string, code int, ok bool) {
	// The flag package would print usage itself on every error; help goes
	// to stdout once, a bad flag to stderr as one sentence.
	fs.SetOutput(io.Discard)
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fs.SetOutput(c.stdout)
				fs.Usage()
				return nil, ExitOK, false
			}
			fmt.Fprintf(c.stderr, "%s: %v. Run `%s -h` for usage.\n", fs.Name(), err, fs.Name())
			return nil, ExitUsage, false
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, 0, true
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), 0, true
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// fail prints a one-sentence error with what to do and returns code.
func (c *cmdContext) fail(code int, format string, a ...any) int {
	msg := strings.TrimSpace(fmt.Sprintf(format, a...))
	fmt.Fprintf(c.stderr, "sfsync: %s\n", msg)
	return code
}

// noArgs refuses positional arguments for commands that take none.
// parseNoArgs parses a command's flags and refuses positional arguments.
func (c *cmdContext) parseNoArgs(fs *flag.FlagSet, args []string) (int, bool) {
	pos, code, ok := c.parse(fs, args)
	if !ok {
		return code, false
	}
	return c.noArgs(strings.TrimPrefix(fs.Name(), "sfsync "), pos)
}

// interruptible is the context of a command that SIGINT or SIGTERM stops.
func interruptible() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}

func (c *cmdContext) noArgs(name string, pos []string) (int, bool) {
	if len(pos) > 0 {
		return c.fail(ExitUsage, "%s takes no arguments, got %q. Run `sfsync %s -h`.", name, strings.Join(pos, " "), name), false
	}
	return 0, true
}
