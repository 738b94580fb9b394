package fields

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Omission is a field left out of a selection, with why.
type Omission struct {
	Object, Field string
	Reason        string // a predicate: "was deleted in Salesforce and removed from your selection"
}

// String is the notice for the user, e.g. "field Account.Region__c was
// deleted in Salesforce and removed from your selection".
func (o Omission) String() string { return fmt.Sprintf("field %s.%s %s", o.Object, o.Field, o.Reason) }

// Validate checks a whole selection against the catalog: every object and
// field must exist and be syncable, every forced field present, and the
// user-lookup rule hold. It is the gate in front of SOQL building.
func (c *Catalog) Validate(sel Selection) error {
	for _, obj := range syncOrder(keys(sel)) {
		if err := c.validateObject(sel, obj); err != nil {
			return err
		}
	}
	return nil
}

func keys(sel Selection) map[string]bool {
	out := make(map[string]bool, len(sel))
	for k := range sel {
		out[k] = true
	}
	return out
}

func (c *Catalog) validateObject(sel Selection, object string) error {
	o := c.objects[object]
	if o == nil {
		return fmt.Errorf("selection: %s is not in the catalog", object)
	}
	fields := sel[object]
	if !slices.IsSorted(fields) || len(slices.Compact(slices.Clone(fields))) != len(fields) {
		return fmt.Errorf("selection %s: fields not sorted and unique", object)
	}
	for _, name := range fields {
		f, ok := o.Field(name)
		if !ok {
			return fmt.Errorf("selection %s: %s is not a syncable field", object, name)
		}
		if f.Lookup != "" && !ownerComplete(sel) {
			return fmt.Errorf("selection %s: %s needs Owner.Name, Owner.Phone and Owner.Email", object, name)
		}
	}
	for _, name := range o.forced() {
		if !sel.Has(object, name) {
			return fmt.Errorf("selection %s: %s is missing (always synced)", object, name)
		}
	}
	return nil
}

// SOQLTime formats t as a SOQL datetime literal (UTC, milliseconds), as
// Bulk API 2.0 prints them.
func SOQLTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

// SelectSOQL builds the query for one object: the forced fields first
// (Id, IsDeleted, SystemModstamp), then the selected fields in order, and
// with since, a SystemModstamp >= since filter for incremental syncs. The
// object's selection is validated first, so only catalog names are used.
func (c *Catalog) SelectSOQL(object string, sel Selection, since *time.Time) (string, error) {
	if err := c.validateObject(sel, object); err != nil {
		return "", fmt.Errorf("build query: %w", err)
	}
	var b strings.Builder
	b.WriteString("SELECT ")
	b.WriteString(strings.Join(c.columns(object, sel), ", "))
	b.WriteString(" FROM ")
	b.WriteString(c.objects[object].Name)
	if since != nil {
		b.WriteString(" WHERE SystemModstamp >= ")
		b.WriteString(SOQLTime(*since))
	}
	return b.String(), nil
}

// Columns is the column order SelectSOQL uses for the object, for callers
// that map result columns or create store pages.
func (c *Catalog) Columns(object string, sel Selection) ([]string, error) {
	if err := c.validateObject(sel, object); err != nil {
		return nil, fmt.Errorf("columns: %w", err)
	}
	return c.columns(object, sel), nil
}

// columns is the forced fields, then the rest of a validated selection,
// each dotted field replaced by the Id field it is resolved through
// (Owner.Email → OwnerId): queries carry no relationship columns.
func (c *Catalog) columns(object string, sel Selection) []string {
	o := c.objects[object]
	cols := bookkeepingFirst(o.forced())
	for _, name := range sel[object] {
		if f, ok := o.Field(name); ok && f.Via != "" {
			name = f.Via
		}
		if !slices.Contains(cols, name) {
			cols = append(cols, name)
		}
	}
	return cols
}

// bookkeepingFirst orders forced fields as queries always had them: Id,
// IsDeleted, SystemModstamp, then the rest (User's resolution fields).
func bookkeepingFirst(forced []string) []string {
	var out []string
	for _, f := range forcedFields {
		if slices.Contains(forced, f) {
			out = append(out, f)
		}
	}
	for _, f := range forced {
		if !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	return out
}

// DropMissing returns sel without the fields this catalog (built from a
// fresh describe) no longer offers — deleted in Salesforce, or become
// unsyncable — and without user lookups whose owner fields went with them.
// Objects missing from the catalog are left alone: a failed describe is not
// proof of deletion. The omissions are for telling the user.
func (c *Catalog) DropMissing(sel Selection) (Selection, []Omission) {
	out := sel.Normalized()
	var dropped []Omission
	for _, obj := range syncOrder(keys(out)) {
		o := c.objects[obj]
		if o == nil {
			continue
		}
		for _, name := range out[obj] {
			if _, ok := o.Field(name); ok {
				continue
			}
			reason := "was deleted in Salesforce and removed from your selection"
			if i := slices.IndexFunc(o.Unsupported, func(u Unsupported) bool { return u.Name == name }); i >= 0 {
				reason = "can no longer be synced and was removed from your selection: " + o.Unsupported[i].Reason
			}
			dropped = append(dropped, Omission{Object: obj, Field: name, Reason: reason})
		}
		out[obj] = slices.DeleteFunc(out[obj], func(name string) bool { _, ok := o.Field(name); return !ok })
	}
	if o := c.objects[ownerObject]; o != nil && !ownerComplete(out) {
		for _, name := range out[ownerObject] {
			if f, _ := o.Field(name); f.Lookup != "" {
				dropped = append(dropped, Omission{Object: ownerObject, Field: name,
					Reason: "was removed from your selection: user lookups need the Account Executive's Name, Phone and Email"})
			}
		}
		out[ownerObject] = slices.DeleteFunc(out[ownerObject], func(name string) bool { f, _ := o.Field(name); return f.Lookup != "" })
	}
	return out, dropped
}
