package export

import (
	"fmt"
	"slices"
	"strings"

	"github.com/sfsync/sfsync/core/fields"
	"github.com/sfsync/sfsync/core/salesforce"
	"github.com/sfsync/sfsync/core/store"
)

// Column is one column of an export.
type Column struct {
	Name  string // header in API-name form: a field name or a dotted path (Owner.Name)
	Label string // header in label form
	// Source is the stored column the value is read from.
	Source string
	// UserID is set when Source holds a User Id to be written as the
	// user's name (a user lookup whose Name column was not synced).
	UserID bool
}

// bookkeeping columns are synced for every object but are not data the
// person selected.
var bookkeeping = []string{fields.FieldIsDeleted, fields.FieldSystemModstamp}

// Columns lists the export columns of object for a selection of its fields
// (nil: the stored selection): Id, then each selected field, user lookups
// turned into their Name columns.
func Columns(st *store.Store, object string, selected []string) ([]Column, error) {
	if !slices.Contains(fields.Objects, object) {
		return nil, fmt.Errorf("export: %q is not a synced object (choose one of %s)", object, strings.Join(fields.Objects, ", "))
	}
	if selected == nil {
		set, _, err := st.Settings()
		if err != nil {
			return nil, fmt.Errorf("export %s: %w", object, err)
		}
		selected = set.Fields[object]
	}
	var desc salesforce.SObjectDescribe
	if _, err := st.Schema(object, &desc); err != nil {
		return nil, fmt.Errorf("export %s: %w", object, err)
	}
	cat, err := fields.LoadCatalog(st)
	if err != nil {
		return nil, fmt.Errorf("export %s: %w", object, err)
	}
	label := labeler(cat, object, &desc)

	cols := []Column{{Name: fields.FieldID, Label: label(fields.FieldID), Source: fields.FieldID}}
	seen := map[string]bool{fields.FieldID: true}
	add := func(c Column) {
		if !seen[c.Name] {
			seen[c.Name] = true
			cols = append(cols, c)
		}
	}
	for _, f := range selected {
		if f == fields.FieldID || slices.Contains(bookkeeping, f) {
			continue
		}
		ref := userReference(&desc, f)
		if ref == nil {
			add(Column{Name: f, Label: label(f), Source: f})
			continue
		}
		name := ref.RelationshipName + ".Name"
		c := Column{Name: name, Label: label(name), Source: f, UserID: true}
		if slices.Contains(selected, name) {
			c.Source, c.UserID = name, false // the synced name wins over a local join
		}
		add(c)
	}
	return cols, nil
}

// userReference returns the describe of field when it is a lookup to User
// with a relationship name.
func userReference(d *salesforce.SObjectDescribe, field string) *salesforce.Field {
	for i := range d.Fields {
		f := &d.Fields[i]
		if f.Name == field && f.Type == "reference" && slices.Equal(f.ReferenceTo, []string{"User"}) && f.RelationshipName != "" {
			return f
		}
	}
	return nil
}

// labeler returns the header label of a column: the catalog's (as the
// picker shows it), else one derived from the describe, else the API name.
func labeler(cat *fields.Catalog, object string, d *salesforce.SObjectDescribe) func(string) string {
	var o *fields.Object
	if cat != nil {
		o = cat.Object(object)
	}
	return func(name string) string {
		if o != nil {
			if f, ok := o.Field(name); ok && f.Label != "" {
				return f.Label
			}
		}
		rel, sub, dotted := strings.Cut(name, ".")
		for _, f := range d.Fields {
			switch {
			case !dotted && f.Name == name && f.Label != "":
				return f.Label
			case dotted && f.RelationshipName == rel && f.Label != "":
				return strings.TrimSuffix(strings.TrimSuffix(f.Label, " ID"), " Id") + " " + sub
			}
		}
		return name
	}
}
