package cli

import (
	"context"
	"fmt"
	"io"

	"github.com/pkg/browser"
	"github.com/spf13/cobra"

	"github.com/sfsync/sfsync/core/app"
	"github.com/sfsync/sfsync/core/demo"
	"github.com/sfsync/sfsync/core/engine"
	"github.com/sfsync/sfsync/core/salesforce"
	"github.com/sfsync/sfsync/core/secrets"
	"github.com/sfsync/sfsync/core/wording"
)

type connectFlags struct {
	env, loginURL, clientID string
	callbackPort            int
	noSync                  bool
	instanceURL, tokenFlag  string
	tokenSet                bool
	demo                    bool
	sfOrg                   string
}

func newConnect(g *global) *cobra.Command {
	var f connectFlags
	c := &cobra.Command{
		Use:   "connect",
		Short: "Sign in to a Salesforce org and run the first sync",
		Long: `Sign in to a Salesforce org, check the permissions sfsync needs, show what the
first sync will cost, and run it (Ctrl-C stops it; "sfsync sync" resumes it).
One of:

  Browser sign-in (OAuth with PKCE, redirect to http://localhost:PORT/OauthRedirect):
    sfsync connect --env production|sandbox --client-id KEY
    sfsync connect --env mydomain --login-url https://yourdomain.my.salesforce.com --client-id KEY
  An existing session (like "sf org login access-token"), for scripts; the token
  comes from stdin or $SFSYNC_ACCESS_TOKEN, never from the command line:
    sfsync connect --instance-url https://yourdomain.my.salesforce.com --access-token -
    SFSYNC_ACCESS_TOKEN=... sfsync connect --instance-url URL
  An org the Salesforce CLI (sf) is logged in to: sfsync asks the CLI for its
  session before each sync and stores no token of its own:
    sfsync connect --sf-org ALIAS        (sf org list shows the aliases)
  The built-in Demo org (a simulator on 127.0.0.1 with sample data, while this
  command runs; nothing leaves this computer):
    sfsync connect --demo

For a browser sign-in the system keyring must be usable (it is checked before
anything else): it keeps the refresh token of a browser sign-in, or the access
token, so "sfsync sync" can reconnect.

Without a consumer key (none built into this sfsync, no --client-id):
` + wording.ConnectGuide(wording.CallbackURL(salesforce.DefaultRedirectPort)).Text(),
		Example: `  sfsync connect --demo
  sfsync connect --sf-org my-org
  sfsync connect --env sandbox --client-id 3MVG9...
  sf org display --json | jq -r .result.accessToken | sfsync connect --instance-url https://acme.my.salesforce.com --access-token - --no-sync`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			f.tokenSet = c.Flags().Changed("access-token")
			f.demo = g.demo
			ctx, stop := interruptible(c.Context())
			defer stop()
			return g.connect(ctx, &f)
		},
	}
	fl := c.Flags()
	fl.StringVar(&f.env, "env", "", "login environment: production, sandbox or mydomain (default production)")
	fl.StringVar(&f.loginURL, "login-url", "", "My Domain login URL (with --env mydomain)")
	fl.StringVar(&f.clientID, "client-id", "", clientIDHelp())
	fl.IntVar(&f.callbackPort, "callback-port", 0, "loopback port of the registered callback URL (default 1717)")
	fl.BoolVar(&f.noSync, "no-sync", false, `return after connecting; run "sfsync sync" later`)
	fl.StringVar(&f.instanceURL, "instance-url", "", "instance URL of an existing session")
	fl.StringVar(&f.tokenFlag, "access-token", "", "- : read the session's access token from stdin (default $"+AccessTokenEnv+")")
	fl.StringVar(&f.sfOrg, "sf-org", "", "an org the Salesforce CLI is logged in to (alias or username, as sf org list shows them): use the CLI's session, store no token")
	return c
}

func (g *global) connect(ctx context.Context, f *connectFlags) error {
	if err := checkConnectFlags(f); err != nil {
		return err
	}
	token := ""
	if f.instanceURL != "" {
		var err error
		if token, err = readAccessToken(f.tokenFlag, f.tokenSet, g.io.In); err != nil {
			return usage("%v", err)
		}
	}
	// Before any sign-in: a keyring that cannot keep it fails now, not
	// after the browser said "Signed in" and the first sync ran. A session
	// the Salesforce CLI keeps stores nothing there.
	kr := g.keyring(appOptions{})
	if err := secrets.Probe(kr); err != nil && f.sfOrg == "" {
		return keyringError(err)
	}
	var org *demo.Org
	if f.demo {
		var err error
		if org, err = demo.Start(demo.Seed()); err != nil {
			return failed("%v", err)
		}
		defer org.Stop()
		fmt.Fprintf(g.say(), "Demo org running at %s (until this command ends).\n", org.LoginURL)
	}
	a, err := g.open(appOptions{keyring: true, secrets: kr, openURL: g.openURL(ctx, org)})
	if err != nil {
		return err
	}
	var r *renderer // started once connected: a failed connect is this command's to report
	defer func() { closeRendered(a, r) }()
	if err := g.signIn(ctx, a, f, org, token); err != nil {
		return err
	}
	r = renderEvents(g.say(), a)
	st := a.Engine.State()
	res := ConnectResult{OrgID: st.OrgID, OrgName: st.OrgName, User: st.UserName, InstanceURL: st.InstanceURL, Demo: f.demo,
		SFOrg: st.CLIOrg, UsersNote: st.UsersNote}
	fmt.Fprintf(g.say(), "Connected to %s (org %s) as %s.\n", st.OrgName, st.OrgID, st.UserName)
	if st.UsersNote != "" {
		fmt.Fprintln(g.say(), st.UsersNote)
	}
	if st.CLIOrg != "" {
		fmt.Fprintln(g.say(), wording.CLISession(st.CLIOrg))
	}
	res.Estimate = g.estimate(ctx, a, r)
	if f.noSync {
		fmt.Fprintln(g.say(), "Not syncing now: run `sfsync sync --once` (or `sfsync sync`) for the first sync.")
		g.out(res, func(io.Writer) {})
		return nil
	}
	fmt.Fprintln(g.say(), "Running the first sync (Ctrl-C stops it; `sfsync sync` resumes it).")
	run, err := g.syncOnce(ctx, a, r)
	if err != nil {
		return err
	}
	rr := toRunResult(run)
	res.FirstSync = &rr
	g.out(res, func(io.Writer) {})
	return nil
}

// openURL shows the sign-in page: the Demo org's Allow is clicked here;
// any other goes to the system browser, with the address printed.
func (g *global) openURL(ctx context.Context, org *demo.Org) func(string) error {
	if org != nil {
		return func(u string) error {
			go func() { _ = org.Allow(ctx, u) }()
			return nil
		}
	}
	return func(u string) error {
		fmt.Fprintf(g.io.Err, "Opening the Salesforce sign-in page in your browser. If it does not open, visit:\n  %s\n", u)
		if err := browser.OpenURL(u); err != nil {
			fmt.Fprintf(g.io.Err, "(No browser could be opened: %v. Open the address above yourself.)\n", err)
		}
		return nil // the sign-in can still complete from a browser opened by hand
	}
}

// signIn connects the way the flags say. An access token must read back
// from the keyring, or the connection is undone: the next command could not
// use it.
func (g *global) signIn(ctx context.Context, a *app.App, f *connectFlags, org *demo.Org, token string) error {
	var err error
	port := f.callbackPort
	switch {
	case org != nil:
		port = org.CallbackPort
		err = a.Engine.Connect(ctx, org.ConnectOptions())
	case f.instanceURL != "":
		if err = a.Engine.ConnectWithToken(ctx, f.instanceURL, token); err == nil {
			return keptToken(ctx, a, token)
		}
	case f.sfOrg != "":
		err = a.Engine.Connect(ctx, engine.ConnectOptions{Env: engine.EnvSFCLI, TargetOrg: f.sfOrg})
	default:
		err = a.Engine.Connect(ctx, engine.ConnectOptions{Env: engine.Env(f.env), LoginURL: f.loginURL, ClientID: f.clientID, CallbackPort: f.callbackPort})
	}
	if err != nil {
		if port == 0 {
			port = salesforce.DefaultRedirectPort
		}
		return failed("%s", wording.ConnectError(err, port, wording.CLI))
	}
	return nil
}

// keptToken checks that the keyring kept the access token; if not, the
// source is signed out again and the keyring's sentence is the error.
func keptToken(ctx context.Context, a *app.App, token string) error {
	got, err := a.Secrets.Get(engine.AccessTokenKey)
	if err == nil && got == token {
		return nil
	}
	if err == nil {
		err = &secrets.UnavailableError{Missing: "the keyring did not keep the access token",
			Fix: "check the keyring's settings or use another Secret Service provider, then connect again"}
	}
	_ = a.Engine.Forget(ctx, "")
	return keyringError(err)
}

// checkConnectFlags validates the combination of connect flags and fills
// in the defaults.
func checkConnectFlags(f *connectFlags) error {
	modes := 0
	for _, on := range []bool{f.demo, f.instanceURL != "" || f.tokenSet, f.env != "" || f.loginURL != "" || f.clientID != "", f.sfOrg != ""} {
		if on {
			modes++
		}
	}
	switch {
	case modes > 1:
		return usage("choose one way to connect: --demo, --sf-org, --instance-url with --access-token, or --env with --client-id (run `sfsync connect --help`)")
	case f.demo && f.noSync:
		return usage("--demo cannot be used with --no-sync: the Demo org exists only while `sfsync connect --demo` runs")
	case f.tokenSet && f.instanceURL == "":
		return usage("--access-token needs --instance-url (the session's instance, e.g. https://yourdomain.my.salesforce.com)")
	case f.demo || f.instanceURL != "" || f.sfOrg != "":
		return nil
	}
	return checkBrowserFlags(f)
}

// checkBrowserFlags validates a browser sign-in's flags.
func checkBrowserFlags(f *connectFlags) error {
	if f.clientID == "" {
		f.clientID, _ = app.ClientID()
	}
	switch f.env {
	case "":
		f.env = string(engine.EnvProduction)
	case string(engine.EnvProduction), string(engine.EnvSandbox), string(engine.EnvMyDomain):
	default:
		return usage("unknown --env %q: choose production, sandbox or mydomain", f.env)
	}
	switch {
	case f.env == string(engine.EnvMyDomain) && f.loginURL == "":
		return usage("--env mydomain needs --login-url https://yourdomain.my.salesforce.com")
	case f.env != string(engine.EnvMyDomain) && f.loginURL != "":
		return usage("--login-url goes with --env mydomain")
	case f.clientID == "":
		return usage("browser sign-in needs your External Client App's consumer key: pass --client-id or set $%s "+
			"(`sfsync connect --help` says what to ask your Salesforce admin for), or use --sf-org with the Salesforce CLI, --demo, "+
			"or --instance-url with --access-token -", ClientIDEnv)
	case f.callbackPort < 0 || f.callbackPort > 65535:
		return usage("--callback-port %d is not a port number", f.callbackPort)
	}
	return nil
}

// clientIDHelp is --client-id's help: where the default comes from, and the
// key built into this sfsync if any (app.DefaultClientID).
func clientIDHelp() string {
	s := "consumer key of your External Client App (default $" + ClientIDEnv
	if key, builtIn := app.ClientID(); builtIn {
		return s + ", else the key built into this sfsync: " + key + ")"
	}
	return s + ")"
}
