package salesforce

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"time"
)

// preflightTimeout bounds the look at the authorize page before the browser
// opens it.
const preflightTimeout = 15 * time.Second

// requestErrors are the authorize errors Salesforce shows on its own page
// instead of redirecting: it never sends them to an unregistered callback
// (docs/salesforce-api.md §1.3; the page reads
// "error=redirect_uri_mismatch&error_description=redirect_uri%20must%20match%20configuration",
// petewarden/salesforce_restphp_example#1,
// sfdx-mass-action-scheduler/sfdx-mass-action-scheduler#29). Waiting for
// the callback would only end at the timeout, so Login looks first.
var requestErrors = regexp.MustCompile(`\b(redirect_uri_mismatch|invalid_client_id)\b`)

// requestErrorText is the description Salesforce gives each of them.
var requestErrorText = map[string]string{
	"redirect_uri_mismatch": "redirect_uri must match configuration",
	"invalid_client_id":     "client identifier invalid",
}

// preflight loads the authorize page the browser is about to open, without
// following redirects, and returns an *OAuthError when Salesforce answers
// it with one of requestErrors. Anything else (a login page, a redirect to
// one, a network error) is left to the browser: nil.
func (o *OAuth) preflight(ctx context.Context, authURL string) error {
	hc := http.DefaultClient
	if o.HTTPClient != nil {
		hc = o.HTTPClient
	}
	c := *hc
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	ctx, cancel := context.WithTimeout(ctx, preflightTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, authURL, nil)
	if err != nil {
		return nil
	}
	req.Header.Set("Accept", "text/html")
	resp, err := c.Do(req)
	if err != nil {
		return nil
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	where := string(body)
	if loc := resp.Header.Get("Location"); loc != "" {
		where, _ = url.QueryUnescape(loc)
	}
	if m := requestErrors.FindStringSubmatch(where); m != nil {
		return &OAuthError{Code: m[1], Description: requestErrorText[m[1]]}
	}
	return nil
}
