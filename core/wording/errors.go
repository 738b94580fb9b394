package wording

import (
	"context"
	"errors"
	"net"
	"strconv"
	"strings"
	"syscall"

	"github.com/sfsync/sfsync/core/salesforce"
	"github.com/sfsync/sfsync/core/sfcli"
	"github.com/sfsync/sfsync/core/store"
)

// Explained is an error whose message is already one sentence for the
// person, naming what to do (the engine's missing-permissions error, the
// keyring's "no Secret Service" error): the faces show it as it is.
type Explained interface {
	error
	Explained()
}

// ConnectError says why a sign-in failed and what to do, in one sentence
// (two where the second says what to do). port is the loopback callback
// port that was used. nil says nothing.
func ConnectError(err error, port int, face Face) string {
	if err == nil {
		return ""
	}
	var ex Explained
	if errors.As(err, &ex) {
		return ex.Error()
	}
	if s := oauthError(err, port, face); s != "" {
		return s
	}
	if s := cliError(err, face); s != "" {
		return s
	}
	if errors.Is(err, salesforce.ErrRedirectPortTaken) || strings.Contains(err.Error(), "address already in use") {
		other := port%65535 + 1
		return "Another program uses the callback port " + strconv.Itoa(port) + ". Close it, or " + face.say(
			"enter another port in Callback port, for example "+strconv.Itoa(other)+",",
			"pass another port, for example --callback-port "+strconv.Itoa(other)+",") +
			" and register " + CallbackURL(other) + " on the External Client App."
	}
	if s := networkError(err, face); s != "" {
		return s
	}
	return "Connecting to Salesforce failed: " + clause(err) + ". " + face.say(
		"Fix the cause and choose Connect again.", "Fix the cause and run `sfsync connect` again.")
}

// ReauthorizeError says why the window's Reauthorize failed. sfsync stays
// connected with the sign-in it had (working or not), so a Deny asks to
// choose Reauthorize again, not Connect; any other failure is said as
// ConnectError says it.
func ReauthorizeError(err error, port int) string {
	if errors.Is(err, salesforce.ErrAccessDenied) {
		return "You chose Deny on Salesforce's page, so sfsync was not reauthorized. " +
			"Choose Reauthorize again and click Allow to renew its sign-in."
	}
	return ConnectError(err, port, Window)
}

// CallbackURL is the loopback callback URL for port, as the External
// Client App must list it (localhost, not 127.0.0.1: docs/salesforce-api.md
// §1.4).
func CallbackURL(port int) string {
	return "http://localhost:" + strconv.Itoa(port) + salesforce.DefaultRedirectPath
}

// oauthError words the sign-in's own failures; "" for any other error.
func oauthError(err error, port int, face Face) string {
	var oe *salesforce.OAuthError
	callback := CallbackURL(port)
	again := face.say("Choose Connect again", "Run `sfsync connect` again")
	switch {
	case errors.Is(err, salesforce.ErrAccessDenied):
		return "You chose Deny on Salesforce's page, so sfsync is not connected. " + again + " and click Allow to let sfsync read your data."
	case salesforce.IsAdminBlocked(err):
		errors.As(err, &oe)
		return "Your Salesforce admin's policy blocks this app for your user (" + oe.Code + "). " + AdminUnblock
	case errors.Is(err, salesforce.ErrLoginTimeout):
		return "The browser never came back to sfsync. If Salesforce showed an error, the External Client App must list exactly " +
			callback + " as its callback URL (or " +
			face.say("change Callback port to the one it lists", "pass the port it lists with --callback-port") + ")."
	case errors.As(err, &oe) && oe.Code == "redirect_uri_mismatch":
		return "Salesforce refused the callback URL: the External Client App must list exactly " + callback +
			" as a callback URL. Ask your admin to add it, or " +
			face.say("enter the port it lists in Callback port.", "pass the port it lists with --callback-port.")
	case errors.As(err, &oe) && (oe.Code == "invalid_client_id" || oe.Code == "invalid_client"):
		return "Salesforce does not know this consumer key. " + face.say(
			"Copy the consumer key of your External Client App into Consumer key.",
			"Pass the consumer key of your External Client App with --client-id (or $SFSYNC_CLIENT_ID).")
	case errors.Is(err, salesforce.ErrNoBrowser):
		return "sfsync could not open your web browser on Salesforce's sign-in page. Set a default web browser, then " +
			strings.ToLower(again[:1]) + again[1:] + "."
	case errors.Is(err, salesforce.ErrStateMismatch):
		return "The answer from the browser did not belong to this sign-in (state mismatch). " + again + "."
	case errors.Is(err, context.Canceled):
		return "Sign-in canceled."
	}
	return ""
}

// AdminUnblock is what to ask an admin whose policy blocks the app.
const AdminUnblock = "Ask the admin to unblock the External Client App (Setup → Connected Apps OAuth Usage) and, " +
	"under its Policies, to set Permitted Users to “All users can self-authorize” or add your profile or permission set."

// cliError words the Salesforce CLI's failures; "" for any other error.
func cliError(err error, face Face) string {
	switch {
	case errors.Is(err, sfcli.ErrNotInstalled):
		return "The Salesforce CLI (sf) is not installed on this computer: install it (npm install --global @salesforce/cli) or " +
			face.say("choose another way to connect.", "connect another way.")
	case errors.Is(err, sfcli.ErrSignedOut):
		return "The Salesforce CLI is not logged in to this org: run `sf org login web` for it, then " +
			face.say("choose Connect again.", "run `sfsync connect --sf-org` again.")
	}
	var ce *sfcli.Error
	if errors.As(err, &ce) {
		return "The Salesforce CLI could not give sfsync a session: " + clause(ce) + ". " +
			face.say("Check `sf org list` in a terminal and choose Connect again.", "Check `sf org list` and run `sfsync connect` again.")
	}
	return ""
}

// networkError words a Salesforce address nothing answered on, or a name
// that does not resolve (dial errors only: the callback port's own listen
// error is said above); "" for any other error.
func networkError(err error, face Face) string {
	var dns *net.DNSError
	var op *net.OpError
	var where, why string
	switch {
	case errors.As(err, &dns):
		where, why = dns.Name, "no such host"
	case errors.As(err, &op) && op.Op == "dial" && op.Addr != nil:
		where, why = op.Addr.String(), clause(op.Err)
		if errors.Is(err, syscall.ECONNREFUSED) {
			why = "connection refused"
		} else if op.Timeout() {
			why = "no answer in time"
		}
	default:
		return ""
	}
	return "sfsync could not reach Salesforce at " + where + " (" + why + "). Check the address and your network connection, then " +
		face.say("choose Connect again.", "run `sfsync connect` again.")
}

// AlreadyRunning says that another sfsync holds the data directory and
// where to find it.
func AlreadyRunning(err *store.AlreadyRunningError, face Face) string {
	return err.Error() + face.say(
		".\n\nThe open sfsync may be hidden in the system tray: open it from there.",
		": close the other sfsync (the app or a command) or use another --data-dir.")
}

// ReauthCLI is the command line's way back from a sign-in that no longer
// works (engine.State.ReauthReason says why): for an org of the Salesforce
// CLI (cliOrg, "" for none) its own login, else `sfsync connect`.
func ReauthCLI(cliOrg string) string {
	if cliOrg != "" {
		return "Log the Salesforce CLI in again (`sf org login web --alias " + cliOrg + "`), then run `sfsync sync --once`."
	}
	return "Run `sfsync connect` to sign in again (a browser sign-in, or a new access token with --access-token -)."
}

// say picks the face's way of saying it.
func (f Face) say(window, cli string) string {
	if f == CLI {
		return cli
	}
	return window
}
