package salesforce

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sfsync/sfsync/core/sfsim"
	"github.com/sfsync/sfsync/core/sfsim/simtest"
)

// testSeed is a small org so tests stay quick.
var testSeed = sfsim.SeedConfig{Users: 8, Accounts: 300, ContactsPerAccount: 2, OpportunitiesPerAccount: 1, Leads: 40, Seed: 7}

// simEnv is a simulator on loopback plus an OAuth flow pointed at it whose
// browser is played by the test.
type simEnv struct {
	t     *testing.T
	sim   *sfsim.Server
	srv   *httptest.Server
	oauth *OAuth
	pages chan browserPage // what the browser showed after each flow

	mu     sync.Mutex
	tokens []string // every token the client held, for leak checks
}

// browserPage is the final page the fake browser landed on.
type browserPage struct {
	status int
	body   string
	err    error
}

func newSimEnv(t *testing.T, opts sfsim.Options) *simEnv {
	t.Helper()
	port := simtest.FreePort(t)
	opts.RedirectURIs = []string{fmt.Sprintf("http://localhost:%d/OauthRedirect", port)}
	if opts.Seed == (sfsim.SeedConfig{}) && opts.Org == nil {
		opts.Seed = testSeed
	}
	sim := sfsim.New(opts)
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	o, err := NewOAuth(srv.URL, "sfsync-demo")
	if err != nil {
		t.Fatal(err)
	}
	o.Port = port
	o.Timeout = 20 * time.Second
	e := &simEnv{t: t, sim: sim, srv: srv, oauth: o, pages: make(chan browserPage, 4)}
	o.OpenURL = e.browser("allow", nil)
	return e
}

// browser returns an OpenURL that acts as the person: it loads the
// authorize page, submits decision on its form and follows the redirect to
// the app's loopback listener. tamper may rewrite the authorize URL first.
func (e *simEnv) browser(decision string, tamper func(url.Values)) func(string) error {
	return func(authURL string) error {
		u, err := url.Parse(authURL)
		if err != nil {
			return err
		}
		if !strings.HasPrefix(authURL, e.srv.URL+"/services/oauth2/authorize?") {
			return fmt.Errorf("authorize url on the wrong host: %s", u.Host)
		}
		if tamper != nil {
			q := u.Query()
			tamper(q)
			u.RawQuery = q.Encode()
		}
		go func() {
			status, body, err := simtest.Approve(u.String(), decision)
			e.pages <- browserPage{status: status, body: body, err: err}
		}()
		return nil
	}
}

// login runs the real flow and returns the token.
func (e *simEnv) login() *Token {
	e.t.Helper()
	tok, err := e.oauth.Login(context.Background())
	if err != nil {
		e.t.Fatalf("login: %v", err)
	}
	if p := <-e.pages; p.status != http.StatusOK {
		e.t.Fatalf("browser page %d %v: %s", p.status, p.err, p.body)
	}
	e.remember(tok.AccessToken, tok.RefreshToken)
	return tok
}

// client logs in and builds a client with fast retries and polling.
func (e *simEnv) client(mod ...func(*Config)) *Client {
	e.t.Helper()
	tok := e.login()
	cfg := Config{
		Token: *tok,
		OAuth: e.oauth,
		Retry: RetryPolicy{Attempts: 5, Base: time.Millisecond, Max: 5 * time.Millisecond},
		Poll:  PollPolicy{Initial: time.Millisecond, Max: 5 * time.Millisecond},
		OnRefreshToken: func(rt string) error {
			e.remember(rt)
			return nil
		},
	}
	for _, m := range mod {
		m(&cfg)
	}
	c, err := NewClient(cfg)
	if err != nil {
		e.t.Fatal(err)
	}
	return c
}

func (e *simEnv) remember(tokens ...string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.tokens = append(e.tokens, tokens...)
}

// noTokenIn fails the test if err's text contains any token seen so far or
// the client's current ones.
func (e *simEnv) noTokenIn(err error, c *Client) {
	e.t.Helper()
	if err == nil {
		return
	}
	e.mu.Lock()
	tokens := append([]string(nil), e.tokens...)
	e.mu.Unlock()
	if c != nil {
		c.mu.Lock()
		tokens = append(tokens, c.access, c.refresh)
		c.mu.Unlock()
	}
	for _, tok := range tokens {
		if tok != "" && strings.Contains(err.Error(), tok) {
			e.t.Fatalf("error text contains a token: %q", err.Error())
		}
	}
}
