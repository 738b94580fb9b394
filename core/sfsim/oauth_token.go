package sfsim

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"net/http"
	"strconv"
	"strings"
)

// tokenResponse is the token endpoint's success body. Salesforce sends no
// expires_in: clients learn of expiry from a 401 INVALID_SESSION_ID.
type tokenResponse struct {
	AccessToken  string `json:"access_token"`
	RefreshToken string `json:"refresh_token,omitempty"`
	Signature    string `json:"signature"`
	Scope        string `json:"scope"`
	InstanceURL  string `json:"instance_url"`
	ID           string `json:"id"`
	TokenType    string `json:"token_type"`
	IssuedAt     string `json:"issued_at"`
}

// signingKey signs the "signature" field (HMAC-SHA256 of id + issued_at, as
// Salesforce does with the consumer secret); random per process.
var signingKey = []byte(randomToken(32))

// serveToken implements POST /services/oauth2/token.
func (s *Server) serveToken(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		writeOAuthError(w, http.StatusBadRequest, "invalid_request", "must use HTTP POST")
		return
	}
	s.withFaults("token", w, r, func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil {
			writeOAuthError(w, http.StatusBadRequest, "invalid_request", "malformed request body")
			return
		}
		f := r.PostForm
		if f.Get("client_id") != s.opts.ClientID {
			writeOAuthError(w, http.StatusBadRequest, "invalid_client_id", "client identifier invalid")
			return
		}
		switch f.Get("grant_type") {
		case "authorization_code":
			s.exchangeCode(w, r)
		case "refresh_token":
			s.refreshGrant(w, r)
		default:
			writeOAuthError(w, http.StatusBadRequest, "unsupported_grant_type", "grant type not supported")
		}
	})
}

// exchangeCode redeems an authorization code, checking the PKCE verifier.
func (s *Server) exchangeCode(w http.ResponseWriter, r *http.Request) {
	f := r.PostForm
	code, expired := s.sessions.takeCode(f.Get("code"), s.now())
	switch {
	case expired:
		writeOAuthError(w, http.StatusBadRequest, "invalid_grant", "expired authorization code")
		return
	case code == nil || code.clientID != f.Get("client_id"):
		writeOAuthError(w, http.StatusBadRequest, "invalid_grant", "invalid authorization code")
		return
	case f.Get("redirect_uri") != code.redirectURI:
		writeOAuthError(w, http.StatusBadRequest, "redirect_uri_mismatch", "redirect_uri must match configuration")
		return
	}
	if code.challenge != "" {
		verifier := f.Get("code_verifier")
		if verifier == "" {
			writeOAuthError(w, http.StatusBadRequest, "invalid_grant", "invalid code verifier")
			return
		}
		if subtle.ConstantTimeCompare([]byte(pkceChallenge(verifier)), []byte(code.challenge)) != 1 {
			writeOAuthError(w, http.StatusBadRequest, "invalid_request", "invalid code verifier")
			return
		}
	}
	g := &grant{userID: code.userID, scope: code.scope}
	resp := s.newTokenResponse(r, g)
	if grantsRefresh(g.scope) {
		resp.RefreshToken = s.sessions.issueRefresh(g)
	}
	writeJSON(w, http.StatusOK, resp)
}

// refreshGrant mints a new access token from a refresh token; with rotation
// the refresh token is replaced and the old one stops working.
func (s *Server) refreshGrant(w http.ResponseWriter, r *http.Request) {
	g, ok := s.sessions.useRefresh(r.PostForm.Get("refresh_token"), s.opts.RotateRefreshTokens)
	if !ok {
		writeOAuthError(w, http.StatusBadRequest, "invalid_grant", "expired access/refresh token")
		return
	}
	resp := s.newTokenResponse(r, g)
	if s.opts.RotateRefreshTokens {
		resp.RefreshToken = s.sessions.issueRefresh(g)
	}
	writeJSON(w, http.StatusOK, resp)
}

// pkceChallenge is S256: base64url(SHA-256(verifier)) without padding.
func pkceChallenge(verifier string) string {
	sum := sha256.Sum256([]byte(verifier))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// grantsRefresh: only the refresh_token (alias offline_access) scope yields a refresh token.
func grantsRefresh(scope string) bool {
	for _, sc := range strings.Fields(scope) {
		if sc == "refresh_token" || sc == "offline_access" {
			return true
		}
	}
	return false
}

func (s *Server) newTokenResponse(r *http.Request, g *grant) tokenResponse {
	now := s.now()
	base := baseURL(r)
	id := base + "/id/" + s.org.OrgID() + "/" + g.userID
	issuedAt := strconv.FormatInt(now.UnixMilli(), 10)
	mac := hmac.New(sha256.New, signingKey)
	mac.Write([]byte(id + issuedAt))
	return tokenResponse{
		AccessToken: s.sessions.issueAccess(s.accessTokenPrefix(), g.userID, g, now),
		Signature:   base64.StdEncoding.EncodeToString(mac.Sum(nil)),
		Scope:       g.scope,
		InstanceURL: s.instanceURLFor(base),
		ID:          id,
		TokenType:   "Bearer",
		IssuedAt:    issuedAt,
	}
}

// accessTokenPrefix is the 15-character org id that starts every session id.
func (s *Server) accessTokenPrefix() string {
	id := s.org.OrgID()
	if len(id) > 15 {
		id = id[:15]
	}
	return id
}

// serveRevoke implements /services/oauth2/revoke (POST form, or GET ?token=).
func (s *Server) serveRevoke(w http.ResponseWriter, r *http.Request) {
	s.withFaults("revoke", w, r, func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil {
			writeOAuthError(w, http.StatusBadRequest, "invalid_request", "malformed request body")
			return
		}
		if !s.sessions.revoke(r.Form.Get("token")) {
			writeOAuthError(w, http.StatusBadRequest, "invalid_token", "invalid token")
			return
		}
		w.WriteHeader(http.StatusOK)
	})
}
