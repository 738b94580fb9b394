package export

import (
	"fmt"
	"slices"
	"strings"

	"github.com/sfsync/sfsync/core/fields"
	"github.com/sfsync/sfsync/core/lookup"
	"github.com/sfsync/sfsync/core/salesforce"
	"github.com/sfsync/sfsync/core/store"
)

// Column is one column of an export: see lookup.Column.
type Column = lookup.Column

// Columns lists the export columns of object for a selection of its fields
// (nil: the stored selection): Id, then each selected field, lookups read
// through the locally synced User and Group rows (lookup.Columns).
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
	return columnsOf(cat, &desc, object, selected), nil
}

// bookkeeping columns are synced for every object but are not data the
// person selected.
var bookkeeping = []string{fields.FieldIsDeleted, fields.FieldSystemModstamp}

// columnsOf lists what a person sees of object for a selection of its fields:
// Id first, then each selected field in order. A dotted field (Owner.Email)
// reads its Id field (OwnerId) resolved to the User field; a selected lookup
// Id to User or Group (OwnerId, CSM__c) reads as the name (Owner.Name). cat
// may be nil (labels then come from the describe d, else the API name).
func columnsOf(cat *fields.Catalog, d *salesforce.SObjectDescribe, object string, selected []string) []lookup.Column {
	var o *fields.Object
	if cat != nil {
		o = cat.Object(object)
	}
	label := labeler(o, d)
	cols := []lookup.Column{{Name: fields.FieldID, Label: label(fields.FieldID), Source: fields.FieldID}}
	seen := map[string]bool{fields.FieldID: true}
	for _, name := range selected {
		if name == fields.FieldID || slices.Contains(bookkeeping, name) {
			continue
		}
		c := column(o, d, name)
		c.Label = label(c.Name)
		if !seen[c.Name] {
			seen[c.Name] = true
			cols = append(cols, c)
		}
	}
	return uniqueLabels(cols)
}

// uniqueLabels tells apart columns whose labels are the same (two managed
// packages' "Active" fields): each gets its API name, "Active (Foo__c)",
// so a header names one column only.
func uniqueLabels(cols []lookup.Column) []lookup.Column {
	count := map[string]int{}
	for _, c := range cols {
		count[strings.ToLower(c.Label)]++
	}
	for i, c := range cols {
		if count[strings.ToLower(c.Label)] > 1 && c.Label != c.Name {
			cols[i].Label = c.Label + " (" + c.Name + ")"
		}
	}
	return cols
}

// column is the Column of one selected field (without its label).
func column(o *fields.Object, d *salesforce.SObjectDescribe, name string) lookup.Column {
	if o != nil {
		if f, ok := o.Field(name); ok && f.Via != "" {
			return lookup.Column{Name: name, Source: f.Via, Target: f.Target}
		}
	}
	if ref := PeopleReference(d, name); ref != nil {
		return lookup.Column{Name: ref.RelationshipName + ".Name", Source: name, Target: "Name"}
	}
	return lookup.Column{Name: name, Source: name}
}

// PeopleReference returns the describe of field when it is a lookup whose
// Ids name people or queues (referenceTo holds User or Group) and that has a
// relationship name: OwnerId, CSM__c, Lead.OwnerId ([Group, User]).
func PeopleReference(d *salesforce.SObjectDescribe, field string) *salesforce.Field {
	if d == nil {
		return nil
	}
	for i := range d.Fields {
		f := &d.Fields[i]
		if f.Name == field && f.Type == "reference" && f.RelationshipName != "" &&
			(slices.Contains(f.ReferenceTo, fields.UserObject) || slices.Contains(f.ReferenceTo, lookup.GroupObject)) {
			return f
		}
	}
	return nil
}

// labeler returns the header label of a column: the catalog's (as the
// picker shows it), else one derived from the describe, else the API name.
func labeler(o *fields.Object, d *salesforce.SObjectDescribe) func(string) string {
	return func(name string) string {
		if o != nil {
			if f, ok := o.Field(name); ok && f.Label != "" {
				return f.Label
			}
		}
		if d == nil {
			return name
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
