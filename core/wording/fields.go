package wording

import (
	"strings"

	"github.com/sfsync/sfsync/core/fields"
	"github.com/sfsync/sfsync/core/format"
)

// Names turns an object's field API name into what the person reads, e.g.
// the field picker's label (nil: the API name itself).
type Names func(object, field string) string

func (n Names) name(object, field string) string {
	if n == nil {
		return field
	}
	return n(object, field)
}

// ChangeCost is what one object's selection change costs at the next
// sync: the stored records read again to fill the added fields (0: not
// known) and the API calls that takes.
type ChangeCost struct{ Records, Calls int64 }

// FieldChange is one object's selection change as one sentence: the fields
// added and removed (through names), and, when it gained fields, that its
// stored records are read again at the next sync and what that costs.
func FieldChange(c fields.Change, names Names, cost ChangeCost) string {
	list := func(fs []string) string {
		out := make([]string, len(fs))
		for i, f := range fs {
			out[i] = names.name(c.Object, f)
		}
		return strings.Join(out, ", ")
	}
	var parts []string
	if len(c.Added) > 0 {
		parts = append(parts, "added "+list(c.Added))
	}
	if len(c.Removed) > 0 {
		parts = append(parts, "removed "+list(c.Removed))
	}
	s := c.Object + ": " + strings.Join(parts, "; ") + "."
	if !c.NeedsResync() {
		return s
	}
	if cost.Records <= 0 {
		return s + " Its records are read again at the next sync to fill the new fields."
	}
	return s + " Its " + Count(cost.Records, "stored record is", "stored records are") +
		" read again at the next sync to fill the new fields (about " + Calls(cost.Calls) + ")."
}

// FieldChanges is a whole selection change, one FieldChange per line, then,
// when more than one object is read again, the total; or the sentence
// saying nothing changed. costs are by object (missing: not known).
func FieldChanges(changes []fields.Change, names Names, costs map[string]ChangeCost) string {
	if len(changes) == 0 {
		return "No change to the synced fields."
	}
	lines := make([]string, len(changes))
	var total ChangeCost
	reread := 0
	for i, c := range changes {
		lines[i] = FieldChange(c, names, costs[c.Object])
		if c.NeedsResync() && costs[c.Object].Records > 0 {
			reread++
			total.Records += costs[c.Object].Records
			total.Calls += costs[c.Object].Calls
		}
	}
	if reread > 1 {
		lines = append(lines, "In all: "+format.Thousands(total.Records)+" records read again, about "+Calls(total.Calls)+".")
	}
	return strings.Join(lines, "\n")
}
