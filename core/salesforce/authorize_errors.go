package salesforce

import "errors"

// ErrNoBrowser matches the error Login returns when the system browser
// could not be opened on the authorize page.
var ErrNoBrowser = errors.New("the web browser could not be opened")

// adminBlockCodes are the authorize errors an admin's policy causes, sent
// to the callback like a denial ("Failure passed to redirect url.
// error=OAUTH_APP_BLOCKED error_description=this app is blocked by admin",
// MicrosoftDocs/SupportArticles-docs
// support/sales-copilot/setup-installation-and-sign-in/failure-passed-to-redirect-url-blocked-app.md):
// the app is blocked in the org (OAUTH_APP_BLOCKED), only pre-authorized
// users may use it (OAUTH_APP_ACCESS_DENIED, OAUTH_AUTHORIZATION_BLOCKED),
// or the org's restrictions stop the approval page (OAUTH_APPROVAL_ERROR_GENERIC,
// docs/salesforce-api.md §1.2; vendors' help pages send it to the admin
// with OAUTH_APP_BLOCKED).
var adminBlockCodes = map[string]bool{
	"OAUTH_APP_BLOCKED":            true,
	"OAUTH_APP_ACCESS_DENIED":      true,
	"OAUTH_AUTHORIZATION_BLOCKED":  true,
	"OAUTH_APPROVAL_ERROR_GENERIC": true,
}

// IsAdminBlocked reports whether err is an authorize error caused by an
// admin's policy rather than by the person (see adminBlockCodes); a
// denial by the person matches ErrAccessDenied instead.
func IsAdminBlocked(err error) bool {
	var oe *OAuthError
	return errors.As(err, &oe) && adminBlockCodes[oe.Code]
}

// IsRequestError reports whether err is an authorize error Salesforce shows
// before any sign-in, found by Login's look at the authorize page: a
// callback URL the app does not list (redirect_uri_mismatch) or an unknown
// consumer key (invalid_client_id).
func IsRequestError(err error) bool {
	var oe *OAuthError
	return errors.As(err, &oe) && requestErrorText[oe.Code] != ""
}
