package wording

import (
	"fmt"
	"strings"
	"time"
)

// Finding is what sfsync found out about one record Id, for `sfsync
// explain` and the record page: whether the store has it and, when not,
// what the org says (one API call). The engine fills it; Explain words it.
type Finding struct {
	ID     string `json:"id"`     // as asked, in its 18-character form when it had 15
	Object string `json:"object"` // the synced object its key prefix names; "" when none
	// OtherObject is the object a prefix names that sfsync does not sync
	// (from the org's describeGlobal), "" when unknown.
	OtherObject string    `json:"other_object,omitempty"`
	InStore     bool      `json:"in_store"`
	Stamp       time.Time `json:"system_modstamp,omitzero"` // in the store or in the org
	Asked       bool      `json:"asked_salesforce"`
	InOrg       bool      `json:"in_org"`                       // the org returned it to sfsync's user (queryAll)
	Deleted     bool      `json:"deleted"`                      // it is in the org's Recycle Bin
	Bookmark    time.Time `json:"synced_changes_from,omitzero"` // zero before the object's first sync ended
	Connected   bool      `json:"connected"`
	Calls       int       `json:"api_calls"`
}

// Synced is how Explain lists the objects sfsync syncs.
const Synced = "Account, Contact, Lead, Opportunity and User"

// Explain is the one plain sentence about a Finding.
func Explain(f Finding) string {
	what := strings.TrimSpace(f.Object + " " + f.ID)
	switch {
	case f.Object == "" && f.OtherObject != "":
		return fmt.Sprintf("%s is %s %s record: sfsync syncs only %s.", f.ID, article(f.OtherObject), f.OtherObject, Synced)
	case f.Object == "":
		return fmt.Sprintf("%s is not the Id of a record sfsync syncs (%s).", f.ID, Synced)
	case f.InStore:
		return fmt.Sprintf("%s is in the local store; Salesforce last changed it %s.", what, when(f.Stamp))
	case !f.Connected:
		return fmt.Sprintf("%s is not in the local store, and sfsync is not connected, so it cannot ask Salesforce why: connect, then ask again.", what)
	case !f.InOrg:
		return fmt.Sprintf("%s is not in the local store because Salesforce does not show it to sfsync's user: it was deleted for good "+
			"(purged from the Recycle Bin), the user cannot see it (sharing), or it never existed.", what)
	case f.Deleted:
		return fmt.Sprintf("%s was deleted in Salesforce (it is in the Recycle Bin); sfsync removes deleted records at each sync.", what)
	case f.Bookmark.IsZero():
		return fmt.Sprintf("%s is in Salesforce; it arrives when the first sync of %s finishes.", what, f.Object)
	case !f.Stamp.Before(f.Bookmark):
		return fmt.Sprintf("%s changed in Salesforce %s, after the last sync read the changes; the next sync brings it.", what, when(f.Stamp))
	}
	return fmt.Sprintf("%s is in Salesforce, unchanged since %s, yet not in the local store: it most likely became visible to "+
		"sfsync's user without changing (a sharing change moves no SystemModstamp); the next sweep adds it.", what, when(f.Stamp))
}

// when is a time as Explain says it.
func when(t time.Time) string {
	if t.IsZero() {
		return "at an unknown time"
	}
	return "on " + t.UTC().Format("2006-01-02 15:04:05") + " UTC"
}

// article is "an" before a vowel, else "a".
func article(word string) string {
	if word != "" && strings.ContainsRune("AEIOUaeiou", rune(word[0])) {
		return "an"
	}
	return "a"
}
