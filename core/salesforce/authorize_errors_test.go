package salesforce

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/sfsync/sfsync/core/sfsim"
	"github.com/sfsync/sfsync/core/sfsim/simtest"
)

// TestLoginSaysRequestErrorsAtOnce (issue 10): a callback URL the External
// Client App does not list, or an unknown consumer key, is shown on
// Salesforce's own page and never sent to the callback. Login used to wait
// for its timeout (5 minutes) and say "login timed out"; it now says so
// before the browser opens.
func TestLoginSaysRequestErrorsAtOnce(t *testing.T) {
	cases := []struct {
		name, code string
		setup      func(*simEnv)
	}{
		{"callback URL not registered", "redirect_uri_mismatch", func(e *simEnv) { e.oauth.Port = simtest.FreePort(t) }},
		{"unknown consumer key", "invalid_client_id", func(e *simEnv) { e.oauth.ClientID = "not-the-key" }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := newSimEnv(t, sfsim.Options{})
			c.setup(e)
			e.oauth.Timeout = time.Minute
			e.oauth.OpenURL = func(string) error { t.Error("the browser opened a page that can only show an error"); return nil }
			start := time.Now()
			_, err := e.oauth.Login(context.Background())
			var oe *OAuthError
			if !errors.As(err, &oe) || oe.Code != c.code || !IsRequestError(err) {
				t.Fatalf("err %v, want OAuthError %s", err, c.code)
			}
			if took := time.Since(start); took > 10*time.Second {
				t.Errorf("took %s: the error must come before the callback timeout", took)
			}
		})
	}
}

// TestLoginEndsAtOnceOnAdminBlock: an admin's policy answers the callback
// with error=OAUTH_APP_BLOCKED (and the state): Login ends at once with an
// error IsAdminBlocked matches, not ErrAccessDenied, and the browser page
// says it is the admin's policy. The same answer with a wrong state first
// is still ignored (issue 11 case 1).
func TestLoginEndsAtOnceOnAdminBlock(t *testing.T) {
	e := newSimEnv(t, sfsim.Options{})
	e.oauth.Timeout = time.Minute
	page := make(chan string, 1)
	e.oauth.OpenURL = func(authURL string) error {
		q := mustQuery(t, authURL)
		go func() {
			blocked := "error=OAUTH_APP_BLOCKED&error_description=" + url.QueryEscape("this app is blocked by admin")
			host := fmt.Sprintf("localhost:%d", e.oauth.Port)
			addr := fmt.Sprintf("127.0.0.1:%d", e.oauth.Port)
			if status, body, err := rawCallback(addr, host, "state=forged&"+blocked); err != nil || status != http.StatusBadRequest || !strings.Contains(body, "still waiting") {
				page <- fmt.Sprintf("forged block: %d %v %s", status, err, body)
				return
			}
			_, body, err := rawCallback(addr, host, "state="+url.QueryEscape(q.Get("state"))+"&"+blocked)
			if err != nil {
				body = err.Error()
			}
			page <- body
		}()
		return nil
	}
	start := time.Now()
	_, err := e.oauth.Login(context.Background())
	if !IsAdminBlocked(err) || errors.Is(err, ErrAccessDenied) {
		t.Fatalf("err %v, want an admin block", err)
	}
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("took %s", took)
	}
	if p := <-page; !strings.Contains(p, "admin") || strings.Contains(p, "Signed in") {
		t.Errorf("browser page: %s", p)
	}
	if IsAdminBlocked(&OAuthError{Code: "access_denied"}) || !errors.Is(&OAuthError{Code: "access_denied"}, ErrAccessDenied) {
		t.Error("a denial by the person is not told apart from an admin block")
	}
}
