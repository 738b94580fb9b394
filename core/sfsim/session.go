package sfsim

import (
	"crypto/rand"
	"encoding/base64"
	"strings"
	"sync"
	"time"
)

// grant is what a user allowed an app: one authorization, shared by the
// refresh tokens that rotate from it and the access tokens minted from them.
type grant struct {
	userID  string
	scope   string
	revoked bool // revoked through /revoke with a refresh token: its access tokens die too
}

type accessSession struct {
	userID string
	grant  *grant // nil for sessions issued directly (IssueAccessToken)
	issued time.Time
}

// authCode is an authorization code waiting for its token exchange.
type authCode struct {
	clientID, redirectURI, challenge string
	userID, scope                    string
	expires                          time.Time
}

// pendingAuth is an authorize request shown to the user, waiting for Allow or Deny.
type pendingAuth struct {
	clientID, redirectURI, state, challenge, scope string
	expires                                        time.Time
}

// expiring is a credential that stops being valid at a time: an
// authorization code or a pending authorize request.
type expiring interface{ expiry() time.Time }

func (c *authCode) expiry() time.Time    { return c.expires }
func (p *pendingAuth) expiry() time.Time { return p.expires }

// putSweeping stores v under key after deleting the entries of m that
// expired by now, so entries nobody took do not pile up. The caller holds
// the store's lock.
func putSweeping[V expiring](m map[string]V, key string, v V, now time.Time) {
	for k, old := range m {
		if !now.Before(old.expiry()) {
			delete(m, k)
		}
	}
	m[key] = v
}

// sessionStore holds every credential the simulator has issued.
type sessionStore struct {
	mu      sync.Mutex
	access  map[string]*accessSession
	refresh map[string]*grant
	codes   map[string]*authCode
	pending map[string]*pendingAuth
}

func newSessionStore() *sessionStore {
	return &sessionStore{
		access:  map[string]*accessSession{},
		refresh: map[string]*grant{},
		codes:   map[string]*authCode{},
		pending: map[string]*pendingAuth{},
	}
}

// randomToken returns n random bytes in a token-safe alphabet (A-Za-z0-9._).
func randomToken(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go ≥ 1.24)
	return strings.ReplaceAll(base64.RawURLEncoding.EncodeToString(b), "-", ".")
}

// issueAccess mints a session id shaped like Salesforce's: "<15-char org id>!AR<random>".
func (st *sessionStore) issueAccess(prefix, userID string, g *grant, now time.Time) string {
	tok := prefix + "!AR" + randomToken(72)
	st.mu.Lock()
	defer st.mu.Unlock()
	st.access[tok] = &accessSession{userID: userID, grant: g, issued: now}
	return tok
}

// issueRefresh mints an opaque refresh token for g.
func (st *sessionStore) issueRefresh(g *grant) string {
	tok := "5Aep" + randomToken(60)
	st.mu.Lock()
	defer st.mu.Unlock()
	st.refresh[tok] = g
	return tok
}

// validAccess reports the session behind an access token that is known,
// unexpired and not revoked.
func (st *sessionStore) validAccess(tok string, now time.Time, ttl time.Duration) (*accessSession, bool) {
	if tok == "" {
		return nil, false
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	sess, ok := st.access[tok]
	if !ok {
		return nil, false
	}
	if !now.Before(sess.issued.Add(ttl)) || (sess.grant != nil && sess.grant.revoked) {
		delete(st.access, tok)
		return nil, false
	}
	return sess, true
}

// useRefresh returns the grant behind a refresh token; with rotate, the token
// is consumed (single use) so the caller must issue a new one.
func (st *sessionStore) useRefresh(tok string, rotate bool) (*grant, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	g, ok := st.refresh[tok]
	if !ok || g.revoked {
		return nil, false
	}
	if rotate {
		delete(st.refresh, tok)
	}
	return g, true
}

// revoke implements /revoke: an access token ends its session; a refresh
// token ends its grant and every access token minted from it.
func (st *sessionStore) revoke(tok string) bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	if _, ok := st.access[tok]; ok {
		delete(st.access, tok)
		return true
	}
	g, ok := st.refresh[tok]
	if !ok {
		return false
	}
	g.revoked = true
	delete(st.refresh, tok)
	for k, sess := range st.access {
		if sess.grant == g {
			delete(st.access, k)
		}
	}
	return true
}

func (st *sessionStore) expireAccess() {
	st.mu.Lock()
	defer st.mu.Unlock()
	clear(st.access)
}

func (st *sessionStore) revokeAllRefresh() {
	st.mu.Lock()
	defer st.mu.Unlock()
	clear(st.refresh)
}

// addPending stores an authorize request until the user decides (15
// minutes); requests nobody answered are swept out meanwhile.
func (st *sessionStore) addPending(p *pendingAuth, now time.Time) string {
	id := randomToken(24)
	st.mu.Lock()
	defer st.mu.Unlock()
	putSweeping(st.pending, id, p, now)
	return id
}

// takePending removes and returns a live pending request.
func (st *sessionStore) takePending(id string, now time.Time) (*pendingAuth, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	p, ok := st.pending[id]
	delete(st.pending, id)
	if !ok || !now.Before(p.expires) {
		return nil, false
	}
	return p, true
}

// addCode stores an authorization code until its exchange, sweeping out
// codes that expired unused.
func (st *sessionStore) addCode(c *authCode, now time.Time) string {
	code := "aPrx" + randomToken(48)
	st.mu.Lock()
	defer st.mu.Unlock()
	putSweeping(st.codes, code, c, now)
	return code
}

// takeCode consumes an authorization code: it is single-use whether or not
// the exchange then succeeds. expired distinguishes a stale code.
func (st *sessionStore) takeCode(code string, now time.Time) (c *authCode, expired bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	c, ok := st.codes[code]
	delete(st.codes, code)
	if !ok {
		return nil, false
	}
	if !now.Before(c.expires) {
		return nil, true
	}
	return c, false
}
