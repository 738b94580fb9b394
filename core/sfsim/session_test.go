package sfsim

import (
	"encoding/json"
	"net/url"
	"testing"
)

func refreshForm(refreshToken string) url.Values {
	return url.Values{"grant_type": {"refresh_token"}, "refresh_token": {refreshToken}, "client_id": {defaultClientID}}
}

// wantWorks checks that a token answers a counted data call.
func wantWorks(t *testing.T, base, token string) {
	t.Helper()
	resp, body := call(t, "GET", base+v+"limits", token, nil)
	if resp.StatusCode != 200 {
		t.Fatalf("token rejected: %d %s", resp.StatusCode, body)
	}
}

func wantRejected(t *testing.T, base, token string) {
	t.Helper()
	resp, body := call(t, "GET", base+v+"limits", token, nil)
	wantRESTError(t, resp, body, 401, "INVALID_SESSION_ID", "Session expired or invalid")
}

func wantExpiredRefresh(t *testing.T, status int, body map[string]string) {
	t.Helper()
	wantOAuthError(t, status, body, 400, "invalid_grant")
	if body["error_description"] != "expired access/refresh token" {
		t.Fatalf("error_description = %q", body["error_description"])
	}
}

func TestRefreshWithoutRotationKeepsTheRefreshToken(t *testing.T) {
	_, ts := startServer(t, Options{})
	tok := login(t, ts.URL)
	for i := 0; i < 2; i++ {
		status, out := postToken(t, ts.URL, refreshForm(tok["refresh_token"]))
		if status != 200 || out["access_token"] == "" || out["access_token"] == tok["access_token"] {
			t.Fatalf("refresh %d: %d, new token: %v", i, status, out["access_token"] != "")
		}
		if _, ok := out["refresh_token"]; ok {
			t.Fatal("refresh without rotation returned a refresh_token")
		}
		if out["instance_url"] != ts.URL || out["id"] != tok["id"] || out["token_type"] != "Bearer" || out["issued_at"] == "" {
			t.Fatalf("refresh response shape: %v", keys(out))
		}
		wantWorks(t, ts.URL, out["access_token"])
	}
	wantWorks(t, ts.URL, tok["access_token"])
}

func TestRefreshWithRotationIsSingleUse(t *testing.T) {
	_, ts := startServer(t, Options{RotateRefreshTokens: true})
	tok := login(t, ts.URL)
	status, out := postToken(t, ts.URL, refreshForm(tok["refresh_token"]))
	if status != 200 || out["refresh_token"] == "" || out["refresh_token"] == tok["refresh_token"] {
		t.Fatalf("rotating refresh: %d, rotated: %v", status, out["refresh_token"] != "" && out["refresh_token"] != tok["refresh_token"])
	}
	wantWorks(t, ts.URL, out["access_token"])
	status, old := postToken(t, ts.URL, refreshForm(tok["refresh_token"]))
	wantExpiredRefresh(t, status, old)
	if status, next := postToken(t, ts.URL, refreshForm(out["refresh_token"])); status != 200 || next["refresh_token"] == "" {
		t.Fatalf("the rotated token does not refresh: %d", status)
	}
}

func TestExpiredSessionThenRefresh(t *testing.T) {
	s, ts := startServer(t, Options{})
	tok := login(t, ts.URL)
	wantWorks(t, ts.URL, tok["access_token"])
	s.advanceClock(defaultTokenTTL)
	wantRejected(t, ts.URL, tok["access_token"])
	status, out := postToken(t, ts.URL, refreshForm(tok["refresh_token"]))
	if status != 200 {
		t.Fatalf("refresh after expiry: %d", status)
	}
	wantWorks(t, ts.URL, out["access_token"])
}

func TestExpireAccessTokensEndsEverySession(t *testing.T) {
	s, ts := startServer(t, Options{})
	tok := login(t, ts.URL)
	script := s.IssueAccessToken()
	s.ExpireAccessTokens()
	wantRejected(t, ts.URL, tok["access_token"])
	wantRejected(t, ts.URL, script)
}

func TestRevoke(t *testing.T) {
	_, ts := startServer(t, Options{})
	revoke := func(token string) (int, map[string]string) {
		resp, err := noRedirectClient().PostForm(ts.URL+"/services/oauth2/revoke", url.Values{"token": {token}})
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var body map[string]string
		_ = json.NewDecoder(resp.Body).Decode(&body)
		return resp.StatusCode, body
	}
	tok := login(t, ts.URL)
	if status, _ := revoke(tok["access_token"]); status != 200 {
		t.Fatalf("revoke access token: %d", status)
	}
	wantRejected(t, ts.URL, tok["access_token"])
	_, out := postToken(t, ts.URL, refreshForm(tok["refresh_token"]))
	wantWorks(t, ts.URL, out["access_token"]) // revoking an access token leaves the refresh token

	if status, _ := revoke(tok["refresh_token"]); status != 200 {
		t.Fatalf("revoke refresh token: %d", status)
	}
	wantRejected(t, ts.URL, out["access_token"]) // its access tokens go with it
	status, body := postToken(t, ts.URL, refreshForm(tok["refresh_token"]))
	wantExpiredRefresh(t, status, body)

	status, body = revoke("5Aepunknown")
	if status != 400 || body["error"] != "invalid_token" {
		t.Fatalf("revoke unknown: %d %v", status, body)
	}
}

func TestRevokeRefreshTokensLeavesSessionsUntilExpiry(t *testing.T) {
	s, ts := startServer(t, Options{})
	tok := login(t, ts.URL)
	s.RevokeRefreshTokens()
	wantWorks(t, ts.URL, tok["access_token"])
	status, body := postToken(t, ts.URL, refreshForm(tok["refresh_token"]))
	wantExpiredRefresh(t, status, body)
}

func TestScopeWithoutRefreshTokenGetsNoRefreshToken(t *testing.T) {
	_, ts := startServer(t, Options{})
	params := authParams()
	params.Set("scope", "api")
	loc := decide(t, ts.URL, params, "allow")
	status, tok := postToken(t, ts.URL, codeForm(loc.Query().Get("code")))
	if status != 200 || tok["access_token"] == "" {
		t.Fatalf("exchange: %d", status)
	}
	if _, ok := tok["refresh_token"]; ok {
		t.Fatal("scope api alone yielded a refresh token")
	}
}

func TestIdentityURLAndUserInfo(t *testing.T) {
	s, ts := startServer(t, Options{})
	tok := login(t, ts.URL)
	resp, body := call(t, "GET", tok["id"]+"?version=62.0", tok["access_token"], nil)
	if resp.StatusCode != 200 {
		t.Fatalf("identity: %d %s", resp.StatusCode, body)
	}
	if resp.Header.Get("Sforce-Limit-Info") != "" {
		t.Error("identity URL carries Sforce-Limit-Info")
	}
	var id struct {
		ID, UserID, OrganizationID, Username, DisplayName, Email string
		URLs                                                     map[string]string
	}
	decodeInto(t, body, map[string]any{
		"id": &id.ID, "user_id": &id.UserID, "organization_id": &id.OrganizationID,
		"username": &id.Username, "display_name": &id.DisplayName, "email": &id.Email, "urls": &id.URLs,
	})
	if id.ID != tok["id"] || id.UserID != s.Org().Users()[0] || id.OrganizationID != s.Org().OrgID() {
		t.Errorf("identity ids = %q %q %q", id.ID, id.UserID, id.OrganizationID)
	}
	if id.Username == "" || id.DisplayName == "" || id.Email == "" {
		t.Errorf("identity lacks names: %+v", id)
	}
	if id.URLs["rest"] != ts.URL+"/services/data/v62.0/" {
		t.Errorf("urls.rest = %q", id.URLs["rest"])
	}
	resp, body = call(t, "GET", tok["id"], tok["access_token"], nil)
	if resp.StatusCode != 200 || !json.Valid(body) {
		t.Fatalf("identity without version: %d", resp.StatusCode)
	}
	decodeInto(t, body, map[string]any{"urls": &id.URLs})
	if id.URLs["rest"] != ts.URL+"/services/data/v{version}/" {
		t.Errorf("urls.rest without ?version = %q", id.URLs["rest"])
	}

	resp, body = call(t, "GET", ts.URL+"/services/oauth2/userinfo", tok["access_token"], nil)
	var ui map[string]any
	if resp.StatusCode != 200 || json.Unmarshal(body, &ui) != nil {
		t.Fatalf("userinfo: %d %s", resp.StatusCode, body)
	}
	if ui["user_id"] != id.UserID || ui["organization_id"] != id.OrganizationID || ui["preferred_username"] != id.Username {
		t.Errorf("userinfo = %v", ui)
	}
	resp, body = call(t, "GET", tok["id"], "", nil)
	wantRESTError(t, resp, body, 401, "INVALID_SESSION_ID", "")
}

// decodeInto decodes selected keys of a JSON object into the given pointers.
func decodeInto(t *testing.T, body []byte, fields map[string]any) {
	t.Helper()
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(body, &raw); err != nil {
		t.Fatalf("decode %s: %v", body, err)
	}
	for k, ptr := range fields {
		if err := json.Unmarshal(raw[k], ptr); err != nil {
			t.Fatalf("field %s: %v", k, err)
		}
	}
}

func keys(m map[string]string) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}
