package cli

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/sfsync/sfsync/core/engine"
	"github.com/sfsync/sfsync/core/secrets"
	"github.com/sfsync/sfsync/core/sfsim"
	"github.com/sfsync/sfsync/core/sfsim/simtest"
)

// tokenRecorder remembers every bearer token the engine sends.
type tokenRecorder struct {
	mu     sync.Mutex
	tokens map[string]bool
}

func (r *tokenRecorder) RoundTrip(req *http.Request) (*http.Response, error) {
	if tok, ok := strings.CutPrefix(req.Header.Get("Authorization"), "Bearer "); ok {
		r.mu.Lock()
		r.tokens[tok] = true
		r.mu.Unlock()
	}
	return http.DefaultTransport.RoundTrip(req)
}

// TestBrowserConnectKeepsRefreshTokenOnlyInKeyring signs in through the
// simulator's authorize page (the test plays the browser), syncs, exports
// and disconnects: the refresh token lives only in the keyring, no token is
// on disk or in any output, and disconnect revokes and removes it.
func TestBrowserConnectKeepsRefreshTokenOnlyInKeyring(t *testing.T) {
	ln, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	sim := sfsim.New(sfsim.Options{Seed: smallSeed, DailyAPIMax: 1_000_000,
		RedirectURIs: []string{fmt.Sprintf("http://localhost:%d/OauthRedirect", port)}})
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)

	rec := &tokenRecorder{tokens: map[string]bool{}}
	browserErr := make(chan error, 1)
	tuneMore = func(o *appOptions) {
		o.engine = func(cfg *engine.Config) {
			fastClient(cfg)
			cfg.HTTPClient = &http.Client{Transport: rec}
			cfg.OpenURL = func(authURL string) error {
				go func() { browserErr <- clickAllow(authURL) }()
				return nil
			}
		}
	}
	t.Cleanup(func() { tuneMore = nil })

	c := newCLI(t)
	r := c.must(0, "", "connect", "--env", "mydomain", "--login-url", srv.URL, "--client-id", "sfsync-demo", "--callback-port", strconv.Itoa(port))
	if err := <-browserErr; err != nil {
		t.Fatalf("browser: %v", err)
	}
	if !strings.Contains(r.stdout, "Sync finished") {
		t.Errorf("connect output:\n%s", r.stdout)
	}
	keyring := keyringOf(c.dir)
	refresh, err := keyring.Get(engine.RefreshTokenKey)
	if err != nil || refresh == "" {
		t.Fatalf("refresh token not in the keyring: %v", err)
	}
	// A new process restores the session from the keyring (no reconnect).
	c.must(0, "", "sync", "--once")
	out := t.TempDir() + "/contacts.csv"
	c.must(0, "", "export", "--object", "Contact", "--out", out)
	c.must(0, "", "runs", "--json")
	c.must(0, "", "status")

	rec.mu.Lock()
	tokens := []string{refresh}
	for tok := range rec.tokens {
		tokens = append(tokens, tok)
	}
	rec.mu.Unlock()
	if len(tokens) < 2 {
		t.Fatalf("no access token was seen")
	}
	for _, tok := range tokens {
		checkNoToken(t, tok, c, out)
	}

	refreshStatus := func() int {
		resp, err := http.PostForm(srv.URL+"/services/oauth2/token", url.Values{
			"grant_type": {"refresh_token"}, "refresh_token": {refresh}, "client_id": {"sfsync-demo"}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := refreshStatus(); code != http.StatusOK {
		t.Fatalf("refresh before disconnect: HTTP %d", code)
	}
	c.must(0, "", "disconnect")
	if _, err := keyring.Get(engine.RefreshTokenKey); !errors.Is(err, secrets.ErrNotFound) {
		t.Errorf("refresh token still in the keyring: %v", err)
	}
	if code := refreshStatus(); code == http.StatusOK {
		t.Error("the refresh token still works after disconnect")
	}
}

// clickAllow plays the person in the browser: load the authorize page,
// press Allow, follow the redirect to sfsync's loopback listener.
func clickAllow(authURL string) error {
	status, _, err := simtest.Approve(authURL, "allow")
	if err == nil && status != http.StatusOK {
		err = fmt.Errorf("callback page: HTTP %d", status)
	}
	return err
}
