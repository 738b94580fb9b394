package sfsim

import (
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

const (
	testRedirect = "http://localhost:1717/OauthRedirect"
	testVerifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
)

// authParams is a well-formed authorize request for the default app.
func authParams() url.Values {
	return url.Values{
		"response_type":         {"code"},
		"client_id":             {defaultClientID},
		"redirect_uri":          {testRedirect},
		"state":                 {"st4te"},
		"scope":                 {"api refresh_token"},
		"code_challenge":        {pkceChallenge(testVerifier)},
		"code_challenge_method": {"S256"},
	}
}

var (
	formRe   = regexp.MustCompile(`<form method="post" action="([^"]+)">`)
	hiddenRe = regexp.MustCompile(`<input type="hidden" name="([^"]+)" value="([^"]*)">`)
	buttonRe = regexp.MustCompile(`<button type="submit" id="(allow|deny)" name="([^"]+)" value="([^"]+)">(Allow|Deny)</button>`)
)

// decide loads the authorize page, submits the form with the button whose id
// is button ("allow" or "deny"), as a browser would, and returns the 302 target.
func decide(t *testing.T, base string, params url.Values, button string) *url.URL {
	t.Helper()
	resp, body := call(t, "GET", base+"/services/oauth2/authorize?"+params.Encode(), "", nil)
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("authorize page: %d %s", resp.StatusCode, body)
	}
	page := string(body)
	action := formRe.FindStringSubmatch(page)
	if action == nil {
		t.Fatalf("no form on the authorize page: %s", page)
	}
	form := url.Values{}
	for _, m := range hiddenRe.FindAllStringSubmatch(page, -1) {
		form.Set(m[1], m[2])
	}
	buttons := map[string][]string{}
	for _, m := range buttonRe.FindAllStringSubmatch(page, -1) {
		buttons[m[1]] = m
	}
	if len(buttons) != 2 {
		t.Fatalf("want buttons allow and deny, page: %s", page)
	}
	form.Set(buttons[button][2], buttons[button][3])
	resp, err := noRedirectClient().PostForm(base+action[1], form)
	if err != nil {
		t.Fatalf("submit %s: %v", button, err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound {
		t.Fatalf("%s: status %d, want 302", button, resp.StatusCode)
	}
	loc, err := url.Parse(resp.Header.Get("Location"))
	if err != nil {
		t.Fatalf("bad Location: %v", err)
	}
	return loc
}

// postToken calls the token endpoint and decodes its JSON body.
func postToken(t *testing.T, base string, form url.Values) (int, map[string]string) {
	t.Helper()
	resp, err := noRedirectClient().PostForm(base+"/services/oauth2/token", form)
	if err != nil {
		t.Fatalf("token: %v", err)
	}
	defer resp.Body.Close()
	var out map[string]string
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatalf("token body: %v", err)
	}
	if h := resp.Header.Get("Sforce-Limit-Info"); h != "" {
		t.Errorf("token endpoint sent Sforce-Limit-Info %q", h)
	}
	return resp.StatusCode, out
}

func codeForm(code string) url.Values {
	return url.Values{
		"grant_type": {"authorization_code"}, "code": {code}, "client_id": {defaultClientID},
		"redirect_uri": {testRedirect}, "code_verifier": {testVerifier},
	}
}

// login runs the whole browser flow and returns the token response.
func login(t *testing.T, base string) map[string]string {
	t.Helper()
	loc := decide(t, base, authParams(), "allow")
	status, tok := postToken(t, base, codeForm(loc.Query().Get("code")))
	if status != 200 {
		t.Fatalf("token exchange: %d %v", status, tok["error"])
	}
	return tok
}

func wantOAuthError(t *testing.T, status int, body map[string]string, wantStatus int, code string) {
	t.Helper()
	if status != wantStatus || body["error"] != code {
		t.Fatalf("got %d %q (%s), want %d %q", status, body["error"], body["error_description"], wantStatus, code)
	}
}

func TestOAuthWebServerFlowAllow(t *testing.T) {
	s, ts := startServer(t, Options{})
	before := time.Now().UnixMilli()
	loc := decide(t, ts.URL, authParams(), "allow")
	if got := loc.Scheme + "://" + loc.Host + loc.Path; got != testRedirect {
		t.Fatalf("redirected to %s, want %s", got, testRedirect)
	}
	if loc.Query().Get("state") != "st4te" || loc.Query().Get("code") == "" {
		t.Fatalf("callback query %v lacks code or state", loc.Query())
	}
	status, tok := postToken(t, ts.URL, codeForm(loc.Query().Get("code")))
	if status != 200 {
		t.Fatalf("token exchange: %d %s", status, tok["error"])
	}
	orgID, user := s.Org().OrgID(), s.Org().Users()[0]
	checks := map[string]bool{
		"access_token looks like 00D…!AR…": strings.HasPrefix(tok["access_token"], orgID[:15]+"!AR"),
		"refresh_token present":            tok["refresh_token"] != "",
		"signature present":                tok["signature"] != "",
		"scope echoed":                     tok["scope"] == "api refresh_token",
		"instance_url is this server":      tok["instance_url"] == ts.URL,
		"id is the identity URL":           tok["id"] == ts.URL+"/id/"+orgID+"/"+user,
		"token_type Bearer":                tok["token_type"] == "Bearer",
	}
	for what, ok := range checks {
		if !ok {
			t.Errorf("%s: false", what)
		}
	}
	if _, ok := tok["expires_in"]; ok {
		t.Error("token response has expires_in; Salesforce sends none")
	}
	issued, err := strconv.ParseInt(tok["issued_at"], 10, 64)
	if err != nil || issued < before || issued > time.Now().UnixMilli() {
		t.Errorf("issued_at %q is not epoch ms of now", tok["issued_at"])
	}
	resp, body := call(t, "GET", tok["instance_url"]+v+"limits", tok["access_token"], nil)
	if resp.StatusCode != 200 {
		t.Fatalf("limits with the new token: %d %s", resp.StatusCode, body)
	}
}

func TestOAuthDenyRedirectsWithAccessDenied(t *testing.T) {
	_, ts := startServer(t, Options{})
	loc := decide(t, ts.URL, authParams(), "deny")
	q := loc.Query()
	if q.Get("error") != "access_denied" || q.Get("error_description") != "end-user denied authorization" || q.Get("state") != "st4te" || q.Has("code") {
		t.Fatalf("deny callback query = %v", q)
	}
	if !strings.Contains(loc.RawQuery, "error_description=end-user+denied+authorization") {
		t.Errorf("description not form-encoded: %s", loc.RawQuery)
	}
}

func TestAuthorizeErrorsArePagesNotRedirects(t *testing.T) {
	_, ts := startServer(t, Options{})
	cases := map[string]struct {
		key, value, wantCode string
	}{
		"127.0.0.1 is not localhost": {"redirect_uri", "http://127.0.0.1:1717/OauthRedirect", "redirect_uri_mismatch"},
		"other port":                 {"redirect_uri", "http://localhost:1718/OauthRedirect", "redirect_uri_mismatch"},
		"other path":                 {"redirect_uri", "http://localhost:1717/callback", "redirect_uri_mismatch"},
		"trailing slash":             {"redirect_uri", "http://localhost:1717/OauthRedirect/", "redirect_uri_mismatch"},
		"unknown client":             {"client_id", "someone-else", "invalid_client_id"},
		"PKCE required":              {"code_challenge", "", "OAUTH_APPROVAL_ERROR_GENERIC"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			params := authParams()
			params.Set(c.key, c.value)
			resp, body := call(t, "GET", ts.URL+"/services/oauth2/authorize?"+params.Encode(), "", nil)
			if resp.StatusCode != 400 || resp.Header.Get("Location") != "" {
				t.Fatalf("status %d Location %q, want a 400 page", resp.StatusCode, resp.Header.Get("Location"))
			}
			if !strings.Contains(string(body), c.wantCode) || strings.Contains(string(body), `id="allow"`) {
				t.Fatalf("error page does not name %s: %s", c.wantCode, body)
			}
		})
	}
}

func TestRedirectMismatchText(t *testing.T) {
	_, ts := startServer(t, Options{})
	params := authParams()
	params.Set("redirect_uri", "http://127.0.0.1:1717/OauthRedirect")
	_, body := call(t, "GET", ts.URL+"/services/oauth2/authorize?"+params.Encode(), "", nil)
	if !strings.Contains(string(body), "redirect_uri must match configuration") {
		t.Fatalf("page lacks the documented description: %s", body)
	}
}

func TestPKCEOptionalAppWorksWithoutChallenge(t *testing.T) {
	_, ts := startServer(t, Options{PKCEOptional: true})
	params := authParams()
	params.Del("code_challenge")
	params.Del("code_challenge_method")
	loc := decide(t, ts.URL, params, "allow")
	form := codeForm(loc.Query().Get("code"))
	form.Del("code_verifier")
	if status, tok := postToken(t, ts.URL, form); status != 200 || tok["access_token"] == "" {
		t.Fatalf("exchange without PKCE: %d %s", status, tok["error"])
	}
}

func TestTokenExchangeChecks(t *testing.T) {
	_, ts := startServer(t, Options{})
	cases := map[string]struct {
		edit       func(url.Values)
		wantStatus int
		wantCode   string
	}{
		"missing verifier":       {func(f url.Values) { f.Del("code_verifier") }, 400, "invalid_grant"},
		"wrong verifier":         {func(f url.Values) { f.Set("code_verifier", testVerifier+"x") }, 400, "invalid_request"},
		"unknown code":           {func(f url.Values) { f.Set("code", "aPrxnope") }, 400, "invalid_grant"},
		"other redirect_uri":     {func(f url.Values) { f.Set("redirect_uri", "http://localhost:1717/other") }, 400, "redirect_uri_mismatch"},
		"other client":           {func(f url.Values) { f.Set("client_id", "other") }, 400, "invalid_client_id"},
		"unsupported grant type": {func(f url.Values) { f.Set("grant_type", "password") }, 400, "unsupported_grant_type"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			loc := decide(t, ts.URL, authParams(), "allow")
			form := codeForm(loc.Query().Get("code"))
			c.edit(form)
			status, body := postToken(t, ts.URL, form)
			wantOAuthError(t, status, body, c.wantStatus, c.wantCode)
			if body["access_token"] != "" {
				t.Fatal("an error response carried an access token")
			}
		})
	}
}

func TestAuthorizationCodeIsSingleUseAndExpires(t *testing.T) {
	s, ts := startServer(t, Options{})
	loc := decide(t, ts.URL, authParams(), "allow")
	form := codeForm(loc.Query().Get("code"))
	if status, _ := postToken(t, ts.URL, form); status != 200 {
		t.Fatalf("first use: %d", status)
	}
	status, body := postToken(t, ts.URL, form)
	wantOAuthError(t, status, body, 400, "invalid_grant")

	loc = decide(t, ts.URL, authParams(), "allow")
	s.advanceClock(authTTL + time.Second)
	status, body = postToken(t, ts.URL, codeForm(loc.Query().Get("code")))
	wantOAuthError(t, status, body, 400, "invalid_grant")
	if body["error_description"] != "expired authorization code" {
		t.Errorf("description %q", body["error_description"])
	}
}

func TestApprovalPageShowsAppAndScopes(t *testing.T) {
	_, ts := startServer(t, Options{AppName: "Acme Sync"})
	resp, body := call(t, "GET", ts.URL+"/services/oauth2/authorize?"+authParams().Encode(), "", nil)
	page := string(body)
	for _, want := range []string{"<title>", "Acme Sync", "(api)", "refresh_token", `id="allow"`, `id="deny"`, ">Allow<", ">Deny<"} {
		if !strings.Contains(page, want) {
			t.Errorf("approval page lacks %q", want)
		}
	}
	if resp.Header.Get("Sforce-Limit-Info") != "" {
		t.Error("authorize page carries Sforce-Limit-Info")
	}
}

func TestAnsweredApprovalCannotBeReplayed(t *testing.T) {
	_, ts := startServer(t, Options{})
	resp, body := call(t, "GET", ts.URL+"/services/oauth2/authorize?"+authParams().Encode(), "", nil)
	if resp.StatusCode != 200 {
		t.Fatalf("authorize: %d", resp.StatusCode)
	}
	form := url.Values{"request_id": {hiddenRe.FindStringSubmatch(string(body))[2]}, "decision": {"allow"}}
	for i, want := range []int{302, 400} {
		resp, err := noRedirectClient().PostForm(ts.URL+"/services/oauth2/authorize", form)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Fatalf("submission %d: status %d, want %d", i+1, resp.StatusCode, want)
		}
	}
}
