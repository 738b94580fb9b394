package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/pkg/browser"

	"github.com/sfsync/sfsync/core/engine"
	"github.com/sfsync/sfsync/core/secrets"
	"github.com/sfsync/sfsync/core/sfsim"
)

// ClientIDEnv supplies the External Client App's consumer key to connect.
const ClientIDEnv = "SFSYNC_CLIENT_ID"

const connectAbout = `Sign in to a Salesforce org, check the permissions sfsync needs, show what the
first sync will cost, and run it (Ctrl-C stops it; "sfsync sync" resumes it). One of:

  Browser sign-in (OAuth with PKCE, redirect to http://localhost:PORT/OauthRedirect):
    sfsync connect --env production|sandbox --client-id KEY
    sfsync connect --env mydomain --login-url https://yourdomain.my.salesforce.com --client-id KEY
  An existing session (like "sf org login access-token"), for scripts:
    sfsync connect --instance-url https://yourdomain.my.salesforce.com --access-token -   (token on stdin)
    SFSYNC_ACCESS_TOKEN=... sfsync connect --instance-url URL
  The built-in demo org (a simulator on 127.0.0.1 that lives while this command runs):
    sfsync connect --demo

The access token is kept in the system keyring (never on disk in clear) so
"sfsync sync" can reconnect until the session expires; browser sign-ins keep
the refresh token there instead.`

type connectFlags struct {
	env, loginURL, clientID      string
	callbackPort                 int
	demo, noSync                 bool
	instanceURL, accessTokenFlag string
	accessTokenSet               bool
}

func runConnect(c *cmdContext, args []string) int {
	fs := c.newFlags("connect", "[flags]", connectAbout)
	var f connectFlags
	fs.StringVar(&f.env, "env", "", "login environment: production, sandbox or mydomain")
	fs.StringVar(&f.loginURL, "login-url", "", "My Domain login URL (with --env mydomain)")
	fs.StringVar(&f.clientID, "client-id", "", "consumer key of your External Client App (default $"+ClientIDEnv+")")
	fs.IntVar(&f.callbackPort, "callback-port", 0, "loopback port of the registered callback URL (default 1717)")
	fs.BoolVar(&f.demo, "demo", false, "connect to the built-in demo org")
	fs.BoolVar(&f.noSync, "no-sync", false, "return after connecting; run \"sfsync sync\" later")
	fs.StringVar(&f.instanceURL, "instance-url", "", "instance URL of an existing session")
	fs.StringVar(&f.accessTokenFlag, "access-token", "", "access token of that session: - reads it from stdin (default $"+AccessTokenEnv+")")
	if code, ok := c.parseNoArgs(fs, args); !ok {
		return code
	}
	fs.Visit(func(fl *flag.Flag) {
		if fl.Name == "access-token" {
			f.accessTokenSet = true
		}
	})
	if code, ok := c.checkConnectFlags(&f); !ok {
		return code
	}
	token := ""
	if f.instanceURL != "" {
		var err error
		if token, err = readAccessToken(f.accessTokenFlag, c.stdin); err != nil {
			return c.fail(ExitUsage, "%v.", err)
		}
	}

	ctx, stop := interruptible()
	defer stop()
	opts := envOptions{openURL: func(u string) error {
		fmt.Fprintf(c.stderr, "Opening the Salesforce sign-in page in your browser. If it does not open, visit:\n  %s\n", u)
		if err := browser.OpenURL(u); err != nil {
			fmt.Fprintf(c.stderr, "(No browser could be opened: %v. Open the address above yourself.)\n", err)
		}
		return nil // the sign-in can still complete from a browser opened by hand
	}}
	env, code := c.openEnv(opts)
	if env == nil {
		return code
	}
	var r *renderer // started once connected: a failed connect is this command's to report
	defer func() { closeRendered(env, r) }()

	var err error
	switch {
	case f.demo:
		var sim *demoOrg
		if sim, err = startDemo(); err == nil {
			defer func() {
				if err := sim.close(env.Secrets); err != nil {
					fmt.Fprintf(c.stderr, "sfsync: %v; later commands may try the ended demo org until you connect again.\n", err)
				}
			}()
			fmt.Fprintf(c.stdout, "Demo org running at %s (until this command ends).\n", sim.url)
			err = env.Engine.ConnectWithToken(ctx, sim.url, sim.token)
		}
	case f.instanceURL != "":
		err = env.Engine.ConnectWithToken(ctx, f.instanceURL, token)
	default:
		err = env.Engine.Connect(ctx, engine.ConnectOptions{Env: engine.Env(f.env), LoginURL: f.loginURL, ClientID: f.clientID, CallbackPort: f.callbackPort})
	}
	if err != nil {
		return c.fail(ExitFailed, "%s", connectError(err))
	}
	r = renderEvents(c.stdout, env)
	st := env.Engine.State()
	fmt.Fprintf(c.stdout, "Connected to %s (org %s) as %s.\n", st.OrgName, st.OrgID, st.UserName)
	c.estimate(ctx, env, r)
	if f.noSync {
		fmt.Fprintln(c.stdout, "Not syncing now: run `sfsync sync --once` (or `sfsync sync`) for the first sync.")
		return ExitOK
	}
	fmt.Fprintln(c.stdout, "Running the first sync (Ctrl-C stops it; `sfsync sync` resumes it).")
	return c.syncOnce(ctx, env, r)
}

// checkConnectFlags validates the combination of connect flags.
func (c *cmdContext) checkConnectFlags(f *connectFlags) (int, bool) {
	modes := 0
	if f.demo {
		modes++
	}
	if f.instanceURL != "" || f.accessTokenSet {
		modes++
	}
	if f.env != "" || f.loginURL != "" || f.clientID != "" {
		modes++
	}
	switch {
	case modes > 1:
		return c.fail(ExitUsage, "choose one way to connect: --demo, --instance-url with --access-token, or --env with --client-id (run `sfsync connect -h`)."), false
	case f.demo && f.noSync:
		return c.fail(ExitUsage, "--demo cannot be used with --no-sync: the demo org exists only while `sfsync connect --demo` runs."), false
	case f.accessTokenSet && f.instanceURL == "":
		return c.fail(ExitUsage, "--access-token needs --instance-url (the session's instance, e.g. https://yourdomain.my.salesforce.com)."), false
	case f.demo || f.instanceURL != "":
		return 0, true
	}
	if f.clientID == "" {
		f.clientID = strings.TrimSpace(os.Getenv(ClientIDEnv))
	}
	switch f.env {
	case "":
		f.env = string(engine.EnvProduction)
	case string(engine.EnvProduction), string(engine.EnvSandbox), string(engine.EnvMyDomain):
	default:
		return c.fail(ExitUsage, "unknown --env %q: choose production, sandbox or mydomain.", f.env), false
	}
	switch {
	case f.env == string(engine.EnvMyDomain) && f.loginURL == "":
		return c.fail(ExitUsage, "--env mydomain needs --login-url https://yourdomain.my.salesforce.com."), false
	case f.env != string(engine.EnvMyDomain) && f.loginURL != "":
		return c.fail(ExitUsage, "--login-url goes with --env mydomain."), false
	case f.clientID == "":
		return c.fail(ExitUsage, "browser sign-in needs your External Client App's consumer key: pass --client-id or set $%s (or use --demo, or --instance-url with --access-token).", ClientIDEnv), false
	case f.callbackPort < 0 || f.callbackPort > 65535:
		return c.fail(ExitUsage, "--callback-port %d is not a port number.", f.callbackPort), false
	}
	return 0, true
}

// connectError makes a connect failure one sentence with what to do.
func connectError(err error) string {
	var pe *engine.PermissionError
	if errors.As(err, &pe) {
		return pe.Error()
	}
	return "connecting to Salesforce failed: " + strings.TrimSuffix(err.Error(), ".") + ". Fix the cause and run `sfsync connect` again."
}

// demoOrg is the simulator serving the demo org on loopback.
type demoOrg struct {
	srv        *http.Server
	url, token string
}

func startDemo() (*demoOrg, error) {
	sim := sfsim.New(sfsim.Options{})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("start the demo org: %w", err)
	}
	d := &demoOrg{srv: &http.Server{Handler: sim, ReadHeaderTimeout: 10 * time.Second}, url: "http://" + ln.Addr().String(), token: sim.IssueAccessToken()}
	go d.srv.Serve(ln)
	return d, nil
}

// close stops the demo org. Its session ends with it, so the engine's copy
// of the token is forgotten: later commands then show the source as needing
// a new connect instead of calling a port nobody serves.
func (d *demoOrg) close(keyring secrets.Store) error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	d.srv.Shutdown(ctx)
	if err := keyring.Delete(engine.AccessTokenKey); err != nil && !errors.Is(err, secrets.ErrNotFound) {
		return fmt.Errorf("remove the demo org's access token from the system keyring: %w", err)
	}
	return nil
}
