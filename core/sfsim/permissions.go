package sfsim

import (
	"fmt"
	"net/http"
	"strings"
)

// Missing permissions, answered the way Salesforce answers a user who lacks
// them (Options.APIDisabled, Options.NoViewSetup, Options.NoReadAccess and
// Org.WithholdRead).

// writeAPIDisabled answers any REST data call of a user without "API
// Enabled". The status is 403 as clients report it; the docs leave it
// UNVERIFIED (docs/salesforce-api.md §5).
func writeAPIDisabled(w http.ResponseWriter) {
	writeError(w, http.StatusForbidden, "API_DISABLED_FOR_ORG", "The REST API is not enabled for this Organization.")
}

// writeNoViewSetup answers /limits for a user without "View Setup and
// Configuration". UNVERIFIED: no source here gives the exact code or
// wording; INSUFFICIENT_ACCESS with 403 is what Salesforce uses for other
// missing user permissions.
func writeNoViewSetup(w http.ResponseWriter) {
	writeError(w, http.StatusForbidden, "INSUFFICIENT_ACCESS",
		"insufficient access rights on object id: the user needs the View Setup and Configuration permission")
}

// WithholdRead takes the user's Read permission on object away (or gives it
// back with withhold=false), as an admin editing the user's profile does:
// the object disappears from describeGlobal, its describe answers 404
// NOT_FOUND and queries of it fail with INVALID_TYPE. The data stays.
func (o *Org) WithholdRead(object string, withhold bool) error {
	obj := o.object(object)
	if obj == nil {
		return fmt.Errorf("withhold read on %s: NOT_FOUND: no such object", object)
	}
	obj.unreadable.Store(withhold)
	return nil
}

// readable resolves an object the user can read (case-insensitive), or nil.
func (s *schema) readable(name string) *objectDef {
	obj := s.object(strings.TrimSpace(name))
	if obj == nil || obj.unreadable.Load() {
		return nil
	}
	return obj
}
