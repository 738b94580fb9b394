package wording

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/sfsync/sfsync/core/salesforce"
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
	if strings.Contains(err.Error(), "address already in use") {
		return "The callback port " + strconv.Itoa(port) + " is used by another program. " + face.say(
			"Choose another port under Advanced", "Pass another --callback-port") +
			" and register http://localhost:PORT" + salesforce.DefaultRedirectPath + " on the External Client App."
	}
	return "Connecting to Salesforce failed: " + clause(err) + ". " + face.say(
		"Fix the cause and choose Connect again.", "Fix the cause and run `sfsync connect` again.")
}

// oauthError words the sign-in's own failures; "" for any other error.
func oauthError(err error, port int, face Face) string {
	var oe *salesforce.OAuthError
	callback := "http://localhost:" + strconv.Itoa(port) + salesforce.DefaultRedirectPath
	again := face.say("Choose Connect again", "Run `sfsync connect` again")
	switch {
	case errors.Is(err, salesforce.ErrAccessDenied):
		return "Access was denied on Salesforce's page. " + again + " and click Allow to let sfsync read your data."
	case errors.Is(err, salesforce.ErrLoginTimeout):
		return "The browser never came back to sfsync. If Salesforce showed \"redirect_uri must match configuration\", " +
			"the callback URL of the External Client App must be exactly " + callback + " (or " +
			face.say("change the callback port under Advanced", "pass the registered port with --callback-port") + ")."
	case errors.As(err, &oe) && oe.Code == "redirect_uri_mismatch":
		return "Wrong callback URL: the External Client App must list exactly " + callback + " as its callback URL."
	case errors.As(err, &oe) && (oe.Code == "invalid_client_id" || oe.Code == "invalid_client"):
		return "Salesforce does not know the consumer key. " + face.say(
			"Copy the consumer key of your External Client App into Advanced → Consumer key.",
			"Pass the consumer key of your External Client App with --client-id (or $SFSYNC_CLIENT_ID).")
	case errors.Is(err, salesforce.ErrStateMismatch):
		return "The answer from the browser did not belong to this sign-in (state mismatch). " + again + "."
	case errors.Is(err, context.Canceled):
		return "Sign-in cancelled."
	}
	return ""
}

// AlreadyRunning says that another sfsync holds the data directory and
// where to find it.
func AlreadyRunning(err *store.AlreadyRunningError, face Face) string {
	return err.Error() + face.say(
		".\n\nThe open sfsync may be hidden in the system tray: open it from there.",
		": close the other sfsync (the app or a command) or use another --data-dir.")
}

// say picks the face's way of saying it.
func (f Face) say(window, cli string) string {
	if f == CLI {
		return cli
	}
	return window
}
