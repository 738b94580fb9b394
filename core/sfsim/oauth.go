package sfsim

import (
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
)

// authTTL is how long an authorize page and an authorization code stay usable.
const authTTL = 15 * time.Minute

// defaultScope is what the app gets when the authorize request names no scope
// (Salesforce then grants the app's configured scopes).
const defaultScope = "api refresh_token"

var authorizePage = template.Must(template.New("authorize").Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Allow Access? | Salesforce</title></head>
<body>
<h1>Allow Access?</h1>
<p><strong id="app">{{.App}}</strong> is asking to:</p>
<ul id="scopes">{{range .Scopes}}<li>{{.}}</li>{{end}}</ul>
<p>Signed in as <span id="username">{{.Username}}</span>.</p>
<form method="post" action="/services/oauth2/authorize">
<input type="hidden" name="request_id" value="{{.RequestID}}">
<button type="submit" id="deny" name="decision" value="deny">Deny</button>
<button type="submit" id="allow" name="decision" value="allow">Allow</button>
</form>
</body></html>
`))

var errorPage = template.Must(template.New("error").Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Error | Salesforce</title></head>
<body>
<h1>Remote Access Authorization Error</h1>
<p>There was a problem in setting up your remote access.</p>
<p id="error"><code>{{.Code}}</code>: <span id="error_description">{{.Description}}</span></p>
</body></html>
`))

// scopeText describes a scope as the approval page does.
var scopeText = map[string]string{
	"api":            "Manage user data via APIs (api)",
	"refresh_token":  "Perform requests at any time (refresh_token, offline_access)",
	"offline_access": "Perform requests at any time (refresh_token, offline_access)",
	"web":            "Manage user data via Web browsers (web)",
	"full":           "Full access (full)",
	"id":             "Access the identity URL service (id, profile, email, address, phone)",
	"profile":        "Access the identity URL service (id, profile, email, address, phone)",
	"email":          "Access the identity URL service (id, profile, email, address, phone)",
	"openid":         "Access unique user identifiers (openid)",
}

// renderAuthError shows an error page instead of redirecting: an unknown app
// or an unregistered callback must never receive a redirect.
func renderAuthError(w http.ResponseWriter, code, description string) {
	w.Header().Set("Content-Type", "text/html;charset=UTF-8")
	w.WriteHeader(http.StatusBadRequest)
	_ = errorPage.Execute(w, struct{ Code, Description string }{code, description})
}

// redirectWith sends the browser back to the app's callback with params.
func redirectWith(w http.ResponseWriter, r *http.Request, redirectURI string, params url.Values) {
	u, err := url.Parse(redirectURI)
	if err != nil {
		renderAuthError(w, "redirect_uri_mismatch", "redirect_uri must match configuration")
		return
	}
	q := u.Query()
	for k, vs := range params {
		q[k] = vs
	}
	u.RawQuery = q.Encode()
	http.Redirect(w, r, u.String(), http.StatusFound)
}

// serveAuthorize renders the approval page for GET /services/oauth2/authorize.
func (s *Server) serveAuthorize(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if q.Get("client_id") != s.opts.ClientID {
		renderAuthError(w, "invalid_client_id", "client identifier invalid")
		return
	}
	redirectURI := q.Get("redirect_uri")
	if !slices.Contains(s.opts.RedirectURIs, redirectURI) {
		renderAuthError(w, "redirect_uri_mismatch", "redirect_uri must match configuration")
		return
	}
	state := q.Get("state")
	fail := func(code, description string) {
		params := url.Values{"error": {code}, "error_description": {description}}
		if state != "" {
			params.Set("state", state)
		}
		redirectWith(w, r, redirectURI, params)
	}
	if q.Get("response_type") != "code" {
		fail("unsupported_response_type", "response type not supported")
		return
	}
	challenge := q.Get("code_challenge")
	if method := q.Get("code_challenge_method"); challenge != "" && method != "" && method != "S256" {
		fail("invalid_request", "invalid code_challenge_method")
		return
	}
	if challenge == "" && !s.opts.PKCEOptional {
		// Documented behaviour of an app with "Require PKCE": an approval error page.
		renderAuthError(w, "OAUTH_APPROVAL_ERROR_GENERIC", "An unexpected error has occurred during authentication. Please try again.")
		return
	}
	scope := strings.Join(strings.Fields(q.Get("scope")), " ")
	if scope == "" {
		scope = defaultScope
	}
	id := s.sessions.addPending(&pendingAuth{
		clientID: s.opts.ClientID, redirectURI: redirectURI, state: state,
		challenge: challenge, scope: scope, expires: s.now().Add(authTTL),
	}, s.now())
	var scopes []string
	for _, sc := range strings.Fields(scope) {
		text, ok := scopeText[sc]
		if !ok {
			text = sc
		}
		if !slices.Contains(scopes, text) {
			scopes = append(scopes, text)
		}
	}
	w.Header().Set("Content-Type", "text/html;charset=UTF-8")
	w.Header().Set("Cache-Control", "no-store")
	_ = authorizePage.Execute(w, struct {
		App, Username, RequestID string
		Scopes                   []string
	}{s.opts.AppName, s.identityOf(s.defaultUser()).Username, id, scopes})
}

// serveDecision handles the Allow/Deny form post of the approval page.
func (s *Server) serveDecision(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		renderAuthError(w, "invalid_request", "malformed form")
		return
	}
	p, ok := s.sessions.takePending(r.PostForm.Get("request_id"), s.now())
	if !ok {
		renderAuthError(w, "invalid_request", "authorization request expired or already answered")
		return
	}
	params := url.Values{}
	if p.state != "" {
		params.Set("state", p.state)
	}
	if r.PostForm.Get("decision") != "allow" {
		params.Set("error", "access_denied")
		params.Set("error_description", "end-user denied authorization")
		redirectWith(w, r, p.redirectURI, params)
		return
	}
	params.Set("code", s.sessions.addCode(&authCode{
		clientID: p.clientID, redirectURI: p.redirectURI, challenge: p.challenge,
		userID: s.defaultUser(), scope: p.scope, expires: s.now().Add(authTTL),
	}, s.now()))
	redirectWith(w, r, p.redirectURI, params)
}
