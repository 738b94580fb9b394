package lookup

import "fmt"

// Column is one column as a person sees it.
type Column struct {
	Name  string // header in API-name form: a field name or a dotted path (Owner.Name)
	Label string // header in label form, as the field picker shows it
	// Source is the stored column the cell comes from: the value itself, or
	// the Id to resolve when Target is set.
	Source string
	// Target is the User field (Name, Email, Phone) the Id in Source
	// resolves to; empty for a plain value.
	Target string
}

// Resolved reports whether the column's cells are resolved lookups.
func (c Column) Resolved() bool { return c.Target != "" }

// String is the column as "Label (API name)" for messages.
func (c Column) String() string { return fmt.Sprintf("%s (%s)", c.Label, c.Name) }
