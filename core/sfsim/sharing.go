package sfsim

import "fmt"

// Record visibility (sharing). Salesforce answers only with records the
// signed-in user can see: a record sharing hides is absent from query,
// queryAll and Bulk results and from getDeleted, and reading it by Id
// answers 404 NOT_FOUND as for a record that does not exist (REST
// errorcodes: NOT_FOUND "The requested resource does not exist"; the
// getDeleted docs: "returned only if the current session user has access").
// Without "View All Users" a user sees only the Users sharing exposes, so
// records can be owned by Users a sync never sees (docs/salesforce-api.md
// §9 "View All Users"). Snapshot still returns every row: it is the org's
// truth, not the user's view.

// sharing is what the signed-in user cannot see; guarded by o.mu.
type sharing struct {
	hidden       map[string]bool // record Ids hidden from the user
	noViewAll    bool            // the user lacks "View All Users"
	visibleUsers map[string]bool // Users sharing exposes without View All Users
}

// hiddenID reports whether sharing hides a record Id (not counting the User
// subset, which the view works out per table). The caller holds o.mu.
func (s *sharing) hiddenID(id string) bool { return s.hidden[id] }

// HideRecord hides a record from the signed-in user (hidden=true) or shows
// it again, as a change of sharing (an owner change, a sharing rule) does.
// Its SystemModstamp does not move.
func (o *Org) HideRecord(object, id string, hidden bool) error {
	o.lockForWrite()
	defer o.mu.Unlock()
	t, i, err := o.anyRow(object, id, "hide")
	if err != nil {
		return err
	}
	if o.sharing.hidden == nil {
		o.sharing.hidden = map[string]bool{}
	}
	if hidden {
		o.sharing.hidden[t.cols[0].strs[i]] = true
	} else {
		delete(o.sharing.hidden, t.cols[0].strs[i])
	}
	return nil
}

// SetViewAllUsers gives the signed-in user "View All Users" (true, the
// default) or takes it away: without it, User queries and Bulk jobs return
// only the user's own User record and those sharing exposes (ShareUsers; by
// default the first half of the other seeded users), and
// UserPermissionAccess.PermissionsViewAllUsers reads false.
func (o *Org) SetViewAllUsers(viewAll bool) {
	o.lockForWrite()
	defer o.mu.Unlock()
	o.sharing.noViewAll = !viewAll
	o.setPermissionLocked(permViewAllUsers, viewAll)
	o.setPermissionLocked(permViewAllData, viewAll) // View All Data includes seeing every User
	if o.sharing.visibleUsers == nil {
		o.sharing.visibleUsers = map[string]bool{}
		others := o.users[min(1, len(o.users)):]
		for _, id := range others[:len(others)/2] {
			o.sharing.visibleUsers[id] = true
		}
	}
}

// ShareUsers sets which Users the signed-in user sees without "View All
// Users" (its own User record is always visible).
func (o *Org) ShareUsers(ids ...string) error {
	o.lockForWrite()
	defer o.mu.Unlock()
	visible := map[string]bool{}
	users := o.tables[o.schema.object("User")]
	for _, id := range ids {
		if users.find(id) < 0 {
			return fmt.Errorf("share users: NOT_FOUND: no User %s", id)
		}
		visible[id] = true
	}
	o.sharing.visibleUsers = visible
	return nil
}

// hiddenRows lists the rows of t the user cannot see. The caller holds o.mu.
func (o *Org) hiddenRows(t *table) map[int]bool {
	var rows map[int]bool
	hide := func(i int) {
		if rows == nil {
			rows = map[int]bool{}
		}
		rows[i] = true
	}
	if t.obj.Name == "User" && o.sharing.noViewAll {
		self := o.actor()
		for i := 0; i < t.n; i++ {
			if id := t.cols[0].strs[i]; id != self && !o.sharing.visibleUsers[id] {
				hide(i)
			}
		}
	}
	for id := range o.sharing.hidden {
		if id[:3] == t.obj.KeyPrefix {
			if i := t.find(id); i >= 0 {
				hide(i)
			}
		}
	}
	return rows
}

// hidden reports whether sharing hides row i of the snapshot.
func (v *tableView) hidden(i int) bool { return v.hide != nil && v.hide[i] }
