package salesforce

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/pkg/browser"
	"golang.org/x/oauth2"
)

// Login hosts.
const (
	ProductionLoginURL = "https://login.salesforce.com"
	SandboxLoginURL    = "https://test.salesforce.com"
)

// Defaults of the OAuth loopback flow.
const (
	DefaultRedirectPort = 1717
	DefaultRedirectPath = "/OauthRedirect"
	DefaultLoginTimeout = 5 * time.Minute
)

// Token is what the token endpoint returns. Salesforce sends no expires_in:
// an access token is used until a call answers 401 INVALID_SESSION_ID.
// Its String and Format never print the tokens.
type Token struct {
	AccessToken  string
	RefreshToken string
	InstanceURL  string
	ID           string // identity URL .../id/{orgId}/{userId}
	IssuedAt     time.Time
	Scope        string
	TokenType    string
}

// OrgID and UserID are read from the identity URL.
func (t Token) OrgID() string  { return idPart(t.ID, 2) }
func (t Token) UserID() string { return idPart(t.ID, 1) }

func idPart(id string, fromEnd int) string {
	parts := strings.Split(strings.TrimRight(id, "/"), "/")
	if len(parts) < 3 || parts[len(parts)-3] != "id" {
		return ""
	}
	return parts[len(parts)-fromEnd]
}

// String describes the token without its secrets.
func (t Token) String() string {
	return fmt.Sprintf("salesforce.Token{instance=%s id=%s issued=%s access=%s refresh=%s}",
		t.InstanceURL, t.ID, t.IssuedAt.Format(time.RFC3339), redacted(t.AccessToken), redacted(t.RefreshToken))
}

// Format makes every fmt verb (%v, %+v, %#v, %s) print String.
func (t Token) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, t.String()) }

func redacted(s string) string {
	if s == "" {
		return "none"
	}
	return "[redacted]"
}

// OAuth runs the web-server flow with PKCE against one login host, and
// refreshes and revokes tokens there. Build it with NewOAuth.
type OAuth struct {
	LoginURL     string // validated login host, no trailing slash
	ClientID     string // consumer key of the External Client App
	ClientSecret string // optional; desktop apps are public clients
	Scopes       []string
	// Port of the loopback redirect http://localhost:PORT/OauthRedirect;
	// NewOAuth sets DefaultRedirectPort, 0 picks a free port. Login listens
	// on localhost's addresses only (see Login).
	Port         int
	RedirectPath string
	Timeout      time.Duration // waiting for the callback
	// OpenURL opens the system browser; tests replace it.
	OpenURL    func(string) error
	HTTPClient *http.Client // token endpoint client; nil = http.DefaultClient
	// Renew, when set, replaces the refresh grant: Refresh asks it for the
	// current access token and instance URL of a session another program
	// keeps and refreshes (the Salesforce CLI). sfsync then holds no
	// refresh token, and Login, Revoke and the token endpoint are unused.
	Renew func(ctx context.Context) (*Token, error)
}

// NewOAuth validates loginURL and returns a flow with the defaults set.
func NewOAuth(loginURL, clientID string) (*OAuth, error) {
	u, err := ValidateLoginURL(loginURL)
	if err != nil {
		return nil, err
	}
	if clientID == "" {
		return nil, errors.New("oauth: empty client id (consumer key)")
	}
	return &OAuth{
		LoginURL:     u,
		ClientID:     clientID,
		Scopes:       []string{"api", "refresh_token"},
		Port:         DefaultRedirectPort,
		RedirectPath: DefaultRedirectPath,
		Timeout:      DefaultLoginTimeout,
		OpenURL:      browser.OpenURL,
	}, nil
}

// ValidateLoginURL accepts the production and sandbox hosts, a My Domain
// (https://*.my.salesforce.com, https://*.sandbox.my.salesforce.com), and
// plain http on 127.0.0.1/localhost for the simulator. It returns the URL
// normalised to scheme://host[:port].
func ValidateLoginURL(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return "", fmt.Errorf("login url %q: not an absolute URL", raw)
	}
	if (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.User != nil {
		return "", fmt.Errorf("login url %q: must be a bare host without path, query or credentials", raw)
	}
	host := strings.ToLower(u.Hostname())
	norm := u.Scheme + "://" + strings.ToLower(u.Host)
	switch u.Scheme {
	case "http":
		if host == "127.0.0.1" || host == "localhost" || host == "::1" {
			return norm, nil
		}
		return "", fmt.Errorf("login url %q: http is only allowed on loopback", raw)
	case "https":
		if u.Port() != "" && u.Port() != "443" && !isLoopback(host) {
			return "", fmt.Errorf("login url %q: unexpected port", raw)
		}
		if isLoopback(host) || host == "login.salesforce.com" || host == "test.salesforce.com" ||
			isSubdomain(host, "my.salesforce.com") {
			return norm, nil
		}
		return "", fmt.Errorf("login url %q: not a Salesforce login host (login.salesforce.com, test.salesforce.com or *.my.salesforce.com)", raw)
	}
	return "", fmt.Errorf("login url %q: scheme must be https", raw)
}

func isLoopback(host string) bool {
	return host == "127.0.0.1" || host == "localhost" || host == "::1"
}

// isSubdomain is true for "x.suffix" with a non-empty, dot-free-at-edges label
// (covers MyDomain.my and MyDomain--sbx.sandbox.my).
func isSubdomain(host, suffix string) bool {
	label, ok := strings.CutSuffix(host, "."+suffix)
	return ok && label != "" && !strings.HasPrefix(label, ".") && !strings.HasSuffix(label, ".")
}

func (o *OAuth) config(redirectURI string) *oauth2.Config {
	return &oauth2.Config{
		ClientID:     o.ClientID,
		ClientSecret: o.ClientSecret,
		Scopes:       o.Scopes,
		RedirectURL:  redirectURI,
		Endpoint: oauth2.Endpoint{
			AuthURL:   o.LoginURL + "/services/oauth2/authorize",
			TokenURL:  o.LoginURL + "/services/oauth2/token",
			AuthStyle: oauth2.AuthStyleInParams,
		},
	}
}

func (o *OAuth) httpCtx(ctx context.Context) context.Context {
	if o.HTTPClient != nil {
		return context.WithValue(ctx, oauth2.HTTPClient, o.HTTPClient)
	}
	return ctx
}

// exchange trades an authorization code (with its PKCE verifier) for tokens.
func (o *OAuth) exchange(ctx context.Context, redirectURI, code, verifier string) (*Token, error) {
	t, err := o.config(redirectURI).Exchange(o.httpCtx(ctx), code, oauth2.VerifierOption(verifier))
	if err != nil {
		return nil, fmt.Errorf("exchange authorization code: %w", tokenEndpointError(err))
	}
	return fromOAuth2(t)
}

// Refresh gets a new access token. The result's RefreshToken is the new one
// when the org rotates refresh tokens, else the one passed in. invalid_grant
// yields an error matching ErrReauthorize.
func (o *OAuth) Refresh(ctx context.Context, refreshToken string) (*Token, error) {
	if o.Renew != nil {
		return o.Renew(ctx)
	}
	if refreshToken == "" {
		return nil, fmt.Errorf("refresh access token: no refresh token: %w", ErrReauthorize)
	}
	src := o.config("").TokenSource(o.httpCtx(ctx), &oauth2.Token{RefreshToken: refreshToken})
	t, err := src.Token()
	if err != nil {
		err = tokenEndpointError(err)
		var oe *OAuthError
		if errors.As(err, &oe) && oe.Code == "invalid_grant" {
			return nil, fmt.Errorf("refresh access token: %w: %w", ErrReauthorize, err)
		}
		return nil, fmt.Errorf("refresh access token: %w", err)
	}
	return fromOAuth2(t)
}

// Revoke invalidates a refresh token (and its access tokens) or an access token.
func (o *OAuth) Revoke(ctx context.Context, token string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, o.LoginURL+"/services/oauth2/revoke",
		strings.NewReader(url.Values{"token": {token}}.Encode()))
	if err != nil {
		return fmt.Errorf("revoke token: %w", err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	hc := o.HTTPClient
	if hc == nil {
		hc = http.DefaultClient
	}
	resp, err := hc.Do(req)
	if err != nil {
		return fmt.Errorf("revoke token: %w", scrubURLError(err))
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode != http.StatusOK {
		ae := decodeAPIError(resp.StatusCode, body)
		return fmt.Errorf("revoke token: %w", &OAuthError{Status: resp.StatusCode, Code: ae.Code, Description: ae.Message})
	}
	return nil
}

// tokenEndpointError turns oauth2's error into an *OAuthError, dropping the
// raw body (which oauth2 quotes when it cannot parse it).
func tokenEndpointError(err error) error {
	var re *oauth2.RetrieveError
	if errors.As(err, &re) {
		status := 0
		if re.Response != nil {
			status = re.Response.StatusCode
		}
		code := re.ErrorCode
		if code == "" {
			code = "http_error"
		}
		return &OAuthError{Status: status, Code: code, Description: re.ErrorDescription}
	}
	return scrubURLError(err)
}

// scrubURLError keeps a transport error's cause but not its URL: URLs carry
// no tokens here, yet an authorize code or a proxy's query could leak.
func scrubURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) && ue.Err != nil {
		return fmt.Errorf("%s %s: %w", ue.Op, hostOf(ue.URL), ue.Err)
	}
	return err
}

func hostOf(raw string) string {
	if u, err := url.Parse(raw); err == nil {
		return u.Scheme + "://" + u.Host + u.Path
	}
	return "request"
}

func fromOAuth2(t *oauth2.Token) (*Token, error) {
	str := func(k string) string { s, _ := t.Extra(k).(string); return s }
	tok := &Token{
		AccessToken:  t.AccessToken,
		RefreshToken: t.RefreshToken,
		InstanceURL:  strings.TrimRight(str("instance_url"), "/"),
		ID:           str("id"),
		Scope:        str("scope"),
		TokenType:    t.TokenType,
	}
	if ms, err := strconv.ParseInt(str("issued_at"), 10, 64); err == nil {
		tok.IssuedAt = time.UnixMilli(ms)
	}
	if tok.InstanceURL == "" {
		return nil, errors.New("token response without instance_url")
	}
	if _, err := url.Parse(tok.InstanceURL); err != nil {
		return nil, fmt.Errorf("token response: bad instance_url: %w", err)
	}
	return tok, nil
}
