package lookup

import (
	"fmt"
	"slices"
	"strings"

	"github.com/sfsync/sfsync/core/store"
)

// UserObject is the object user lookups point to.
const UserObject = "User"

// ResolutionFields are the User fields lookups resolve to, sorted; sfsync
// always syncs them (core/fields forces them on User).
var ResolutionFields = []string{"Email", "Name", "Phone"}

// GroupObject holds Queues: a Lead owned by a Queue has a Group Id as its
// OwnerId (real Lead describe: OwnerId referenceTo ["Group","User"];
// docs/salesforce-api.md §9). sfsync keeps the org's Queues in the store
// under this name.
const GroupObject = "Group"

// Key prefixes of the Ids a people lookup holds (Salesforce's fixed
// three-character key prefixes: 005 User, 00G Group).
const (
	userPrefix  = "005"
	groupPrefix = "00G"
)

// person is one User's resolution fields, in ResolutionFields order.
type person struct {
	vals  [3]string
	nulls [3]bool
}

// Resolver resolves lookup Ids from the User and Group rows in the store.
// It is a snapshot: load a new one after a sync. Safe for concurrent reads.
type Resolver struct {
	users  map[string]person
	queues map[string]string
	// usersHidden is set when the signed-in Salesforce user lacks "View
	// All Users": Users outside its sharing were never synced.
	usersHidden bool
}

// Load reads every User's Name, Email and Phone and every Queue's name.
// usersHidden says the connected user lacks View All Users (the reason then
// says so).
func Load(st *store.Store, usersHidden bool) (*Resolver, error) {
	r := &Resolver{users: map[string]person{}, queues: map[string]string{}, usersHidden: usersHidden}
	err := st.Scan(UserObject, func(rec *store.Record) bool {
		var p person
		for i, f := range ResolutionFields {
			v, ok := rec.Field(f)
			p.vals[i], p.nulls[i] = v, !ok
		}
		r.users[rec.ID] = p
		return true
	})
	if err != nil {
		return nil, fmt.Errorf("load users for lookups: %w", err)
	}
	err = st.Scan(GroupObject, func(rec *store.Record) bool {
		name, _ := rec.Field("Name")
		r.queues[rec.ID] = name
		return true
	})
	if err != nil {
		return nil, fmt.Errorf("load queues for lookups: %w", err)
	}
	return r, nil
}

// Resolve returns what a lookup Id reads as for target (Name, Email or
// Phone). A Queue reads as its name; its Email and Phone are null, as
// Salesforce returns Owner.Email for a queue owner (§9). An Id the store
// cannot resolve reads as the Id itself, with the reason why.
func (r *Resolver) Resolve(id, target string) (text string, null bool, reason string) {
	switch {
	case strings.HasPrefix(id, userPrefix):
		if p, ok := r.users[id]; ok {
			i := slices.Index(ResolutionFields, target)
			if i < 0 {
				return id, false, fmt.Sprintf("%s is not a field sfsync resolves users to", target)
			}
			return p.vals[i], p.nulls[i], ""
		}
		why := fmt.Sprintf("User %s is not among the synced Users", id)
		if r.usersHidden {
			why += ": sfsync's Salesforce user lacks View All Users, so Users outside its sharing are not synced"
		} else {
			why += " (it appears after the next sync if it is new)"
		}
		return id, false, why
	case strings.HasPrefix(id, groupPrefix):
		name, ok := r.queues[id]
		if !ok {
			return id, false, fmt.Sprintf("Queue %s is not among the synced Queues (it appears after the next sync if it is new)", id)
		}
		if target != "Name" {
			return "", true, ""
		}
		return name, false, ""
	}
	return id, false, fmt.Sprintf("%s is not the Id of a User or a Queue", id)
}

// Users is how many Users the resolver knows.
func (r *Resolver) Users() int { return len(r.users) }
