package sfsim

import (
	"fmt"
	"strings"
)

// DeleteField deletes a field from object, as an admin deleting a custom
// field in Setup does (for a standard field: as hiding it from the user by
// field-level security does): it disappears from describe and record reads, and
// queries naming it fail with INVALID_FIELD ("No such column …"), or for a
// lookup's relationship path "Didn't understand relationship …". Formula
// and name fields built on it keep working. Id, IsDeleted, SystemModstamp
// and Name cannot be deleted or hidden (Salesforce does not allow it).
// Bulk jobs created before the deletion still return their results.
func (o *Org) DeleteField(object, field string) error {
	o.lockForWrite()
	defer o.mu.Unlock()
	obj := o.object(object)
	if obj == nil {
		return fmt.Errorf("delete field %s.%s: NOT_FOUND: no such object", object, field)
	}
	f := obj.field(field)
	if f == nil {
		return fmt.Errorf("delete field %s.%s: INVALID_FIELD: no such field", object, field)
	}
	switch f.Name {
	case "Id", "IsDeleted", "SystemModstamp", "Name":
		return fmt.Errorf("delete field %s.%s: CANNOT_DELETE_STANDARD_FIELD: standard system fields cannot be deleted", obj.Name, f.Name)
	}
	f.deleted.Store(true)
	for _, part := range f.parts { // a compound field goes with its components
		part.deleted.Store(true)
	}
	return nil
}

// RestoreField gives a deleted or hidden field back (Org.DeleteField's
// undo), as undeleting a custom field within its 15 days or re-granting
// field-level security on it does: it returns to describe and queries with
// the values it held, and no SystemModstamp moves (granting access changes
// no record).
func (o *Org) RestoreField(object, field string) error {
	o.lockForWrite()
	defer o.mu.Unlock()
	obj := o.object(object)
	if obj == nil {
		return fmt.Errorf("restore field %s.%s: NOT_FOUND: no such object", object, field)
	}
	f := obj.lookup(strings.ToLower(field))
	if f == nil || !f.gone() {
		return fmt.Errorf("restore field %s.%s: INVALID_FIELD: no deleted or hidden field of that name", obj.Name, field)
	}
	f.deleted.Store(false)
	for _, part := range f.parts {
		part.deleted.Store(false)
	}
	return nil
}

// FieldSpec describes a custom field Org.AddField creates.
type FieldSpec struct {
	Name        string         `json:"name"`        // API name, ending in __c
	Label       string         `json:"label"`       // default: Name without __c
	Type        string         `json:"type"`        // string, textarea, email, phone, url, picklist, boolean, int, double, currency, percent, date, datetime or reference
	Length      int            `json:"length"`      // text length (default 255)
	ReferenceTo string         `json:"referenceTo"` // a reference's object, e.g. "User"
	Picklist    []string       `json:"picklist"`    // a picklist's values
	Values      map[string]any `json:"values"`      // record Id -> value of existing records
}

// addableTypes are the field types Org.AddField creates.
var addableTypes = map[string]bool{"string": true, "textarea": true, "email": true, "phone": true, "url": true,
	"picklist": true, "boolean": true, "int": true, "double": true, "currency": true, "percent": true,
	"date": true, "datetime": true, "reference": true}

// AddField creates a custom field on object while the org runs, as an admin
// adding one in Setup does: it appears in describe (custom: true) and
// queries at once, null (false for a checkbox) on every existing record.
// spec.Values fills existing records without moving their SystemModstamp,
// as values a user could not see before become visible; to model a data
// load instead, write them with Update, which moves it.
func (o *Org) AddField(object string, spec FieldSpec) error {
	o.lockForWrite()
	defer o.mu.Unlock()
	obj := o.object(object)
	if obj == nil {
		return fmt.Errorf("add field %s.%s: NOT_FOUND: no such object", object, spec.Name)
	}
	f, err := o.newCustomField(obj, spec)
	if err != nil {
		return fmt.Errorf("add field %s.%s: %w", obj.Name, spec.Name, err)
	}
	t := o.tables[obj]
	cells, err := valuesByRow(t, f, spec.Values)
	if err != nil {
		return fmt.Errorf("add field %s.%s: %w", obj.Name, spec.Name, err)
	}
	idx := obj.idx.Load().withField(f)
	c := newColumn(f.kind, codedField(f))
	for i := 0; i < t.n; i++ {
		c.push(nullCell(f.kind))
	}
	for i, v := range cells {
		c.set(i, v)
	}
	t.cols = append(t.cols, c)
	obj.idx.Store(idx)
	return nil
}

// newCustomField checks spec and builds the field.
func (o *Org) newCustomField(obj *objectDef, spec FieldSpec) (*fieldDef, error) {
	switch {
	case !strings.HasSuffix(spec.Name, "__c") || len(spec.Name) < 4:
		return nil, fmt.Errorf("INVALID_FIELD: a custom field's API name ends in __c")
	case obj.lookup(strings.ToLower(spec.Name)) != nil:
		return nil, fmt.Errorf("DUPLICATE_DEVELOPER_NAME: the object already has a field of that name")
	case !addableTypes[spec.Type]:
		return nil, fmt.Errorf("INVALID_TYPE: field type %q", spec.Type)
	}
	label := spec.Label
	if label == "" {
		label = strings.ReplaceAll(strings.TrimSuffix(spec.Name, "__c"), "_", " ")
	}
	length := spec.Length
	if length <= 0 && (kindOf(spec.Type) == kindString) {
		length = 255
	}
	f := custom(fld(spec.Name, label, spec.Type, length))
	f.Picklist = spec.Picklist
	if spec.Type == "boolean" {
		f.Nillable = false
	}
	if spec.Type == "reference" {
		f.Length = 18
		f.ReferenceTo, f.RelationshipName = []string{spec.ReferenceTo}, strings.TrimSuffix(spec.Name, "__c")+"__r"
		o.schema.resolve(f)
		if f.target == nil {
			return nil, fmt.Errorf("INVALID_TYPE: a reference to %q, which the org does not have", spec.ReferenceTo)
		}
	}
	return f, nil
}

// valuesByRow converts values (record Id -> value) of field f into cells by row.
func valuesByRow(t *table, f *fieldDef, values map[string]any) (map[int]cellValue, error) {
	cells := make(map[int]cellValue, len(values))
	for id, v := range values {
		i := t.find(id)
		if i < 0 {
			return nil, fmt.Errorf("NOT_FOUND: no record %s", id)
		}
		c, err := cellFromAny(kindOf(f.Type), v)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", id, err)
		}
		cells[i] = c
	}
	return cells, nil
}
