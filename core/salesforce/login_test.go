package salesforce

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/sfsync/sfsync/core/sfsim"
)

func TestLoginFullFlow(t *testing.T) {
	e := newSimEnv(t, sfsim.Options{})
	var opened string
	allow := e.browser("allow", nil)
	e.oauth.OpenURL = func(u string) error { opened = u; return allow(u) }
	before := time.Now().Add(-time.Minute)
	tok := e.login()

	q := mustQuery(t, opened)
	if q.Get("code_challenge_method") != "S256" || len(q.Get("code_challenge")) != 43 {
		t.Errorf("PKCE params: %v", q)
	}
	if len(q.Get("state")) < 32 || q.Get("response_type") != "code" || q.Get("client_id") != "sfsync-demo" {
		t.Errorf("authorize params: %v", q)
	}
	if want := fmt.Sprintf("http://localhost:%d/OauthRedirect", e.oauth.Port); q.Get("redirect_uri") != want {
		t.Errorf("redirect_uri %q, want %q", q.Get("redirect_uri"), want)
	}
	if tok.AccessToken == "" || tok.RefreshToken == "" || tok.InstanceURL != e.srv.URL {
		t.Fatalf("token %v", tok)
	}
	if tok.OrgID() != e.sim.Org().OrgID() || tok.UserID() == "" || tok.IssuedAt.Before(before) {
		t.Errorf("token ids/issued: %v", tok)
	}
	// The token works against the instance.
	c, err := NewClient(Config{Token: *tok, OAuth: e.oauth})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Describe(context.Background(), "Account"); err != nil {
		t.Fatal(err)
	}
	// The listener is gone: one callback, then closed.
	if conn, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", e.oauth.Port), time.Second); err == nil {
		conn.Close()
		t.Error("callback listener still open after login")
	}
	// Revoke ends the refresh token: refreshing now needs reauthorization.
	if err := e.oauth.Revoke(context.Background(), tok.RefreshToken); err != nil {
		t.Fatal(err)
	}
	_, err = e.oauth.Refresh(context.Background(), tok.RefreshToken)
	if !errors.Is(err, ErrReauthorize) {
		t.Fatalf("refresh after revoke: %v", err)
	}
	e.noTokenIn(err, nil)
	if err := e.oauth.Revoke(context.Background(), "not-a-token"); err == nil {
		t.Error("revoking an unknown token succeeded")
	}
}

func mustQuery(t *testing.T, raw string) url.Values {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u.Query()
}

func TestLoginFailures(t *testing.T) {
	cases := []struct {
		name     string
		decision string
		tamper   func(url.Values)
		want     error
		page     string
	}{
		{"denied", "deny", nil, ErrAccessDenied, "access was denied"},
		{"pkce mismatch", "allow", func(q url.Values) {
			q.Set("code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM") // S256 of some other verifier
		}, &OAuthError{}, "could not connect"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := newSimEnv(t, sfsim.Options{})
			e.oauth.OpenURL = e.browser(c.decision, c.tamper)
			_, err := e.oauth.Login(context.Background())
			if oe, ok := c.want.(*OAuthError); ok {
				if !errors.As(err, &oe) || oe.Status != http.StatusBadRequest {
					t.Fatalf("err %v, want a token endpoint error", err)
				}
			} else if !errors.Is(err, c.want) {
				t.Fatalf("err %v, want %v", err, c.want)
			}
			p := <-e.pages
			if p.status != http.StatusBadRequest || !strings.Contains(p.body, c.page) {
				t.Errorf("browser page %d: %s", p.status, p.body)
			}
			// The same sign-in serves Connect and Reauthorize: the page
			// names no screen the person may not be on.
			if strings.Contains(p.body, "Connect again") {
				t.Errorf("browser page names Connect: %s", p.body)
			}
		})
	}
}

func TestLoginMissingCodeAndOneCallbackOnly(t *testing.T) {
	e := newSimEnv(t, sfsim.Options{})
	second := make(chan int, 1)
	e.oauth.OpenURL = func(authURL string) error {
		go func() {
			q := mustQuery(t, authURL)
			cb := q.Get("redirect_uri") + "?state=" + url.QueryEscape(q.Get("state"))
			resp, err := http.Get(cb) // right state, no code
			if err != nil {
				second <- -1
				return
			}
			resp.Body.Close()
			// A second callback is refused: 410 or, once closed, no listener.
			resp, err = http.Get(cb + "&code=late")
			if err != nil {
				second <- 0
				return
			}
			resp.Body.Close()
			second <- resp.StatusCode
		}()
		return nil
	}
	_, err := e.oauth.Login(context.Background())
	if !errors.Is(err, ErrMissingCode) {
		t.Fatalf("err %v", err)
	}
	if s := <-second; s != http.StatusGone && s != 0 {
		t.Errorf("second callback got %d", s)
	}
}

func TestLoginTimeoutAndCancel(t *testing.T) {
	e := newSimEnv(t, sfsim.Options{})
	e.oauth.OpenURL = func(string) error { return nil } // the person never answers
	e.oauth.Timeout = 50 * time.Millisecond
	if _, err := e.oauth.Login(context.Background()); !errors.Is(err, ErrLoginTimeout) {
		t.Fatalf("err %v", err)
	}
	e.oauth.Timeout = time.Minute
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := e.oauth.Login(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v", err)
	}
	e.oauth.OpenURL = func(string) error { return errors.New("no browser") }
	if _, err := e.oauth.Login(context.Background()); err == nil || !strings.Contains(err.Error(), "no browser") {
		t.Fatalf("err %v", err)
	}
}

func TestLoginListenerLoopbackOnly(t *testing.T) {
	o, err := NewOAuth(ProductionLoginURL, "id")
	if err != nil {
		t.Fatal(err)
	}
	if o.Port != DefaultRedirectPort || o.Timeout != DefaultLoginTimeout || o.OpenURL == nil {
		t.Errorf("defaults: %+v", o)
	}
	o.OpenURL = func(string) error { t.Error("browser opened"); return nil }
	// A busy port is a clear error naming a port to use instead, not a
	// hang (issue 10: the advice said "http://localhost:<port>").
	ln, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	o.Port = ln.Addr().(*net.TCPAddr).Port
	_, err = o.Login(context.Background())
	other := fmt.Sprintf("http://localhost:%d/OauthRedirect", o.Port+1)
	if !errors.Is(err, ErrRedirectPortTaken) || !strings.Contains(err.Error(), "listens on 127.0.0.1") ||
		!strings.Contains(err.Error(), other) || strings.Contains(err.Error(), "<port>") {
		t.Errorf("busy port: %v", err)
	}
	if _, err := NewOAuth("https://evil.example.com", "id"); err == nil {
		t.Error("bad login url accepted")
	}
}
