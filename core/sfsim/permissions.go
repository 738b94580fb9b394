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

// The signed-in user's permissions as the UserPermissionAccess object
// reports them ("Represents the permissions accessibility for a current
// user": one row, one boolean field per permission; field reference for
// UserPermissionAccess): SELECT PermissionsViewAllUsers FROM
// UserPermissionAccess is how a client checks "View All Users" before it
// relies on seeing every owner. The row follows Options.APIDisabled,
// Options.NoViewSetup and Org.SetViewAllUsers. UNVERIFIED: the row's Id
// (Salesforce's key prefix for it is not documented; the simulator uses 000).
const (
	permAPIEnabled   = "PermissionsApiEnabled"
	permViewSetup    = "PermissionsViewSetup"
	permViewAllUsers = "PermissionsViewAllUsers"
	permViewAllData  = "PermissionsViewAllData"
)

func userPermissionAccessObject() *objectDef {
	ro := func(f *fieldDef) *fieldDef { f.Updateable, f.Nillable = false, false; return f }
	o := newObject("UserPermissionAccess", "User Permission Access", "User Permission Access", "000", []*fieldDef{
		idField(),
		ro(fld("LastCacheUpdate", "Last Cache Update", "datetime", 0)),
		ro(fld(permAPIEnabled, "API Enabled", "boolean", 0)),
		ro(fld(permViewAllData, "View All Data", "boolean", 0)),
		ro(fld(permViewAllUsers, "View All Users", "boolean", 0)),
		ro(fld(permViewSetup, "View Setup and Configuration", "boolean", 0)),
	})
	o.readOnly = true
	return o
}

// permissions writes the user's one UserPermissionAccess row: every
// permission granted.
func (s *seeder) permissions() {
	w := s.rows("UserPermissionAccess", 9, 1)
	w.blank()
	w.set("LastCacheUpdate", timeCell(kindDateTime, seedAnchor))
	for _, p := range []string{permAPIEnabled, permViewAllData, permViewAllUsers, permViewSetup} {
		w.set(p, boolCell(true))
	}
	w.commit()
}

// setPermissionLocked grants or takes a permission in UserPermissionAccess.
// The caller holds o.mu.
func (o *Org) setPermissionLocked(field string, granted bool) {
	obj := o.schema.object("UserPermissionAccess")
	t := o.tables[obj]
	if t.n > 0 {
		t.cols[obj.fieldExact(field).col].set(0, boolCell(granted))
	}
}

// setPermission is setPermissionLocked for callers without the lock.
func (o *Org) setPermission(field string, granted bool) {
	o.lockForWrite()
	defer o.mu.Unlock()
	o.setPermissionLocked(field, granted)
}
