// Package salesforce is sfsync's Salesforce API client: OAuth 2.0 web-server
// flow with PKCE and a loopback redirect, REST (versions, describe, limits,
// query, composite) and Bulk API 2.0 query jobs streamed as records, with typed
// errors, retries, quota tracking and per-operation API call counts.
//
// The sync engine's path through it:
//
//	o, _ := salesforce.NewOAuth(salesforce.ProductionLoginURL, clientID)
//	tok, err := o.Login(ctx)               // browser + loopback; ErrAccessDenied, ErrLoginTimeout …
//	c, _ := salesforce.NewClient(salesforce.Config{Token: *tok, OAuth: o,
//		OnRefreshToken: saveToKeyring})    // later runs: Token{RefreshToken: fromKeyring}
//	ctx = salesforce.WithCallCounter(ctx, &counter) // calls per operation, retries included
//	c.Describe(ctx, "Account"); c.Limits(ctx); c.Quota()
//	c.CompositeQueries(ctx, qs)            // ≤5 queryAll in ONE call; FollowPages for the rest
//	c.BulkQuery(ctx, soql, true, func(p *salesforce.ResultPage) error {
//		// commit p.Rows() and p.Next() in one transaction
//	})
//	c.ResumeBulkQuery(ctx, checkpoint, fn) // after a crash
//
// Errors: *APIError (errors.Is with ErrRequestLimitExceeded, ErrInvalidField,
// ErrMalformedQuery, ErrInvalidSession, …), *OAuthError, ErrReauthorize when
// the refresh token is dead, *JobError for Failed/Aborted Bulk jobs. No error
// text, String or fmt verb ever contains a token.
package salesforce

// APIVersion is the one place the REST/Bulk API version is pinned.
const APIVersion = "62.0"
