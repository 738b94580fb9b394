package wording

import (
	"strings"

	"github.com/sfsync/sfsync/core/fields"
)

// FieldChange is one object's selection change as one sentence: the fields
// added and removed, and whether the object is synced again in full (it
// gained fields, whose values only a full sync reads).
func FieldChange(c fields.Change) string {
	var parts []string
	if len(c.Added) > 0 {
		parts = append(parts, "added "+strings.Join(c.Added, ", "))
	}
	if len(c.Removed) > 0 {
		parts = append(parts, "removed "+strings.Join(c.Removed, ", "))
	}
	s := c.Object + ": " + strings.Join(parts, "; ") + "."
	if c.NeedsResync() {
		s += " Its records are synced again in full at the next sync to fill the new fields."
	}
	return s
}

// FieldChanges is a whole selection change, one FieldChange per line, or
// the sentence saying nothing changed.
func FieldChanges(changes []fields.Change) string {
	if len(changes) == 0 {
		return "No change to the synced fields."
	}
	lines := make([]string, len(changes))
	for i, c := range changes {
		lines[i] = FieldChange(c)
	}
	return strings.Join(lines, "\n")
}
