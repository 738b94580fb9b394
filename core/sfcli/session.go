package sfcli

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
)

// Session is a current session of an org, from the CLI. Its String never
// prints the token.
type Session struct {
	AccessToken string
	InstanceURL string
	Username    string
	OrgID       string
	Alias       string
}

// String describes the session without its token.
func (s Session) String() string {
	return fmt.Sprintf("sfcli.Session{instance=%s user=%s org=%s}", s.InstanceURL, s.Username, s.OrgID)
}

// Format makes every fmt verb print String.
func (s Session) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(s.String())) }

// displayed is what sfsync reads of `sf org display --json`.
type displayed struct {
	AccessToken     string `json:"accessToken"`
	InstanceURL     string `json:"instanceUrl"`
	Username        string `json:"username"`
	ID              string `json:"id"`
	Alias           string `json:"alias"`
	ConnectedStatus string `json:"connectedStatus"`
}

// Session asks the CLI for a current session of target (alias or
// username): `sf org display --target-org TARGET --json`, which refreshes
// the org's access token first when the CLI holds a refresh token
// (salesforcecli/plugin-org src/commands/org/display.ts). CLI versions that
// redact the token there ("[REDACTED] Use 'sf org auth show-access-token'",
// plugin-org messages/secrets-redacted.md) are asked with
// `sf org auth show-access-token --target-org TARGET --json`. Errors match
// ErrSignedOut when the CLI has no working session for the org.
func (c *CLI) Session(ctx context.Context, target string) (Session, error) {
	raw, err := c.run(ctx, "org", "display", "--target-org", target)
	if err != nil {
		return Session{}, err
	}
	var d displayed
	if err := json.Unmarshal(raw, &d); err != nil || d.InstanceURL == "" {
		return Session{}, &Error{Command: "sf org display", Message: "the answer has no instance URL"}
	}
	if signedOut(d.ConnectedStatus) {
		return Session{}, &Error{Command: "sf org display", Message: bound(d.ConnectedStatus), signed: true}
	}
	s := Session{AccessToken: d.AccessToken, InstanceURL: strings.TrimRight(d.InstanceURL, "/"), Username: d.Username, OrgID: d.ID, Alias: d.Alias}
	if !plausibleToken(s.AccessToken) {
		if s.AccessToken, err = c.showAccessToken(ctx, target); err != nil {
			return Session{}, err
		}
	}
	return s, nil
}

// showAccessToken is `sf org auth show-access-token`, for CLI versions
// whose org display redacts the token.
func (c *CLI) showAccessToken(ctx context.Context, target string) (string, error) {
	raw, err := c.run(ctx, "org", "auth", "show-access-token", "--target-org", target)
	if err != nil {
		return "", err
	}
	var r struct {
		AccessToken string `json:"accessToken"`
	}
	if json.Unmarshal(raw, &r) != nil || !plausibleToken(r.AccessToken) {
		return "", &Error{Command: "sf org auth", Message: "the answer has no access token"}
	}
	return r.AccessToken, nil
}

// plausibleToken: present and not a redaction notice (tokens have no
// spaces or brackets).
func plausibleToken(t string) bool {
	return t != "" && !strings.ContainsAny(t, " []")
}
