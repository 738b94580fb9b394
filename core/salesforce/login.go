package salesforce

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"sync/atomic"
	"time"

	"golang.org/x/oauth2"
)

// Login runs the OAuth web-server flow: it listens on localhost's loopback
// addresses at Port (see listen), opens the authorize page in the browser
// with PKCE (S256) and a random state, waits for the callback on
// http://localhost:PORT/OauthRedirect, exchanges the code and shows the
// outcome in the browser. A request that is not the genuine callback (wrong
// or missing state, a Host that is not a loopback name) gets an error page
// and Login keeps waiting: any web page or local program can send one
// (RFC 6749 §10.12, RFC 8252 §8.1). The genuine callback is served once.
// Errors match ErrAccessDenied, ErrMissingCode, ErrLoginTimeout,
// ErrRedirectPortTaken or are an *OAuthError: from the callback (the person
// denied, an admin policy blocked the app), from the authorize page before
// the browser opens (a wrong callback URL or consumer key, see preflight) or
// from the token endpoint.
func (o *OAuth) Login(ctx context.Context) (*Token, error) {
	lns, err := o.listen()
	if err != nil {
		return nil, err
	}
	port := lns[0].Addr().(*net.TCPAddr).Port
	redirectURI := "http://localhost:" + strconv.Itoa(port) + o.redirectPath()

	state, err := randomHex(16)
	if err != nil {
		closeAll(lns)
		return nil, fmt.Errorf("login: %w", err)
	}
	verifier := oauth2.GenerateVerifier()
	authURL := o.config(redirectURI).AuthCodeURL(state, oauth2.S256ChallengeOption(verifier))
	// A wrong callback URL or consumer key is shown on Salesforce's page,
	// never sent back here: say it now rather than after the timeout.
	if err := o.preflight(ctx, authURL); err != nil {
		closeAll(lns)
		return nil, fmt.Errorf("login: %w", err)
	}

	callbacks := make(chan callback, 1)
	ended := make(chan struct{})
	srv := &http.Server{
		Handler:           o.callbackHandler(state, port, callbacks, ended),
		ReadHeaderTimeout: 30 * time.Second,
	}
	for _, ln := range lns {
		go func() { _ = srv.Serve(ln) }()
	}
	defer func() {
		// Let the result page finish, then stop listening for good.
		shutCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutCtx)
		closeAll(lns) // in case Serve had not started yet
	}()
	defer close(ended) // runs before Shutdown: frees a handler still waiting for a verdict

	open := o.OpenURL
	if open == nil {
		return nil, errors.New("login: no way to open the browser (OpenURL is nil)")
	}
	if err := open(authURL); err != nil {
		return nil, fmt.Errorf("login: %w (%w)", ErrNoBrowser, err)
	}

	timeout := o.Timeout
	if timeout <= 0 {
		timeout = DefaultLoginTimeout
	}
	timer := time.NewTimer(timeout)
	defer timer.Stop()

	select {
	case <-ctx.Done():
		return nil, fmt.Errorf("login: %w", ctx.Err())
	case <-timer.C:
		return nil, fmt.Errorf("login: no callback after %s: %w", timeout, ErrLoginTimeout)
	case cb := <-callbacks:
		tok, err := o.handleCallback(ctx, cb.query, state, redirectURI, verifier)
		cb.reply <- err
		if err != nil {
			return nil, fmt.Errorf("login: %w", err)
		}
		return tok, nil
	}
}

// callback carries one redirect's query to Login and Login's verdict back to
// the browser.
type callback struct {
	query url.Values
	reply chan error
}

func (o *OAuth) handleCallback(ctx context.Context, q url.Values, state, redirectURI, verifier string) (*Token, error) {
	if q.Get("state") != state {
		return nil, ErrStateMismatch
	}
	if code := q.Get("error"); code != "" {
		return nil, &OAuthError{Code: code, Description: q.Get("error_description")}
	}
	code := q.Get("code")
	if code == "" {
		return nil, ErrMissingCode
	}
	return o.exchange(ctx, redirectURI, code, verifier)
}

func (o *OAuth) redirectPath() string {
	if o.RedirectPath == "" {
		return DefaultRedirectPath
	}
	return o.RedirectPath
}

// callbackHandler serves the redirect path: forged callbacks get an error
// page and change nothing; the genuine one (right Host, right state) is
// passed to Login once, later ones get 410.
func (o *OAuth) callbackHandler(state string, port int, callbacks chan<- callback, ended <-chan struct{}) http.Handler {
	var used atomic.Bool
	path := o.redirectPath()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != path || r.Method != http.MethodGet {
			http.NotFound(w, r)
			return
		}
		if problem := forgedCallback(r, state, port); problem != "" {
			writePage(w, http.StatusBadRequest, pageData{Title: "Not sfsync's sign-in", Failed: true, Message: problem})
			return
		}
		if !used.CompareAndSwap(false, true) {
			writePage(w, http.StatusGone, pageData{Title: "Already used",
				Message: "This sign-in link has already been used. Return to sfsync and start again if needed."})
			return
		}
		reply := make(chan error, 1)
		callbacks <- callback{query: r.URL.Query(), reply: reply}
		var err error
		select {
		case err = <-reply:
		case <-ended:
			select { // the verdict may have been sent just before ended closed
			case err = <-reply:
			default:
				err = errors.New("the sign-in had already ended in the app")
			}
		case <-r.Context().Done():
			return
		}
		if err != nil {
			writePage(w, http.StatusBadRequest, pageData{Title: "Connection failed", Failed: true,
				Message: "sfsync could not connect to Salesforce: " + describeLoginError(err)})
			return
		}
		// Not "Connected": sfsync still checks permissions and the keyring.
		writePage(w, http.StatusOK, pageData{Title: "Signed in",
			Message: "Signed in to Salesforce. Return to sfsync: it checks your permissions and finishes connecting there. You can close this tab."})
	})
}

func describeLoginError(err error) string {
	switch {
	case errors.Is(err, ErrAccessDenied):
		return "access was denied. Return to sfsync: it says how to try again."
	case errors.Is(err, ErrStateMismatch):
		return "this answer does not belong to the sign-in sfsync started (state mismatch). Start again from the app."
	case errors.Is(err, ErrMissingCode):
		return "Salesforce sent no authorization code. Start again from the app."
	case IsAdminBlocked(err):
		return "your Salesforce admin's policy blocks this app for your user. Return to sfsync: it says what to ask the admin for."
	}
	return err.Error() + "."
}

type pageData struct {
	Title, Message string
	Failed         bool
}

var pageTemplate = template.Must(template.New("page").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>sfsync — {{.Title}}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36em;margin:4em auto;padding:0 1em}
h1{color:{{if .Failed}}#b00020{{else}}#1b7f3b{{end}}}</style></head>
<body><h1>{{.Title}}</h1><p id="message">{{.Message}}</p></body></html>
`))

func writePage(w http.ResponseWriter, status int, d pageData) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = pageTemplate.Execute(w, d)
}

func randomHex(n int) (string, error) {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return hex.EncodeToString(b), nil
}
