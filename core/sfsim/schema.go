package sfsim

import (
	"strings"
	"sync/atomic"
)

// fieldDef is one field of an sObject as describe reports it. Fields that are
// stored have a column index; compound and formula fields are derived at read
// time and have col = -1.
type fieldDef struct {
	Name              string
	Label             string
	Type              string // Salesforce field type: id, string, reference, datetime, address, base64, ...
	Length            int
	Nillable          bool
	Custom            bool
	Updateable        bool
	ReferenceTo       []string
	RelationshipName  string
	CompoundFieldName string
	Formula           string // calculatedFormula; non-empty means calculated:true
	Picklist          []string
	cascade           bool // deleting the referenced record deletes this one (childRelationships cascadeDelete)

	col     int                                               // storage column, -1 when derived
	kind    valueKind                                         // storage kind (or the kind a derived value is rendered as)
	derive  func(v *orgView, t *tableView, row int) cellValue // formula and name fields
	parts   []*fieldDef                                       // a compound field's components: street, city, state, postalCode, country
	target  *objectDef                                        // a lookup's relationship paths resolve here (Name when polymorphic)
	targets []*objectDef                                      // the objects a lookup's Ids may belong to

	// deleted is set by Org.DeleteField: the field is gone from describe and
	// queries, while its storage column stays so tables keep their shape.
	// Atomic because requests read the schema without the org's lock.
	deleted atomic.Bool
}

// gone reports whether the field was deleted (Org.DeleteField).
func (f *fieldDef) gone() bool { return f.deleted.Load() }

// calculated reports whether the field is a formula field.
func (f *fieldDef) calculated() bool { return f.Formula != "" }

// compound reports whether the field is a compound (address/location) field,
// which Bulk queries reject.
func (f *fieldDef) compound() bool { return f.Type == "address" || f.Type == "location" }

// objectDef is one sObject: its describe metadata and the index of its fields.
type objectDef struct {
	Name        string
	Label       string
	LabelPlural string
	KeyPrefix   string

	readOnly bool // no record can be created, changed or deleted (UserPermissionAccess)

	// unreadable is set by Org.WithholdRead: the user lacks Read on the
	// object (atomic: requests read the schema without the org's lock).
	unreadable atomic.Bool

	// idx is the field list and its lookup maps. Org.AddField replaces it
	// with a copy (under the org's write lock) while requests keep reading
	// the one they loaded: the schema is read without the org's lock.
	idx atomic.Pointer[fieldIndex]
}

// fieldIndex is an object's fields in describe order and its lookup maps.
type fieldIndex struct {
	fields []*fieldDef
	byName map[string]*fieldDef // lower-case name -> field
	byRel  map[string]*fieldDef // lower-case relationshipName -> reference field
	ncols  int
}

// newObject builds an object from its fields, assigning storage columns.
func newObject(name, label, plural, prefix string, fields []*fieldDef) *objectDef {
	o := &objectDef{Name: name, Label: label, LabelPlural: plural, KeyPrefix: prefix}
	idx := &fieldIndex{byName: map[string]*fieldDef{}, byRel: map[string]*fieldDef{}}
	for _, f := range fields {
		idx.add(f)
	}
	for _, f := range fields {
		if f.CompoundFieldName != "" {
			c := idx.byName[strings.ToLower(f.CompoundFieldName)]
			c.parts = append(c.parts, f)
		}
	}
	o.idx.Store(idx)
	return o
}

// add appends f, giving it the next storage column unless it is derived.
func (x *fieldIndex) add(f *fieldDef) {
	x.fields = append(x.fields, f)
	x.byName[strings.ToLower(f.Name)] = f
	if f.RelationshipName != "" {
		x.byRel[strings.ToLower(f.RelationshipName)] = f
	}
	f.kind = kindOf(f.Type)
	if f.compound() || f.derive != nil {
		f.col = -1
		return
	}
	f.col = x.ncols
	x.ncols++
}

// withField returns a copy of the index with f appended.
func (x *fieldIndex) withField(f *fieldDef) *fieldIndex {
	c := &fieldIndex{fields: append([]*fieldDef(nil), x.fields...), byName: make(map[string]*fieldDef, len(x.byName)+1),
		byRel: make(map[string]*fieldDef, len(x.byRel)+1), ncols: x.ncols}
	for k, v := range x.byName {
		c.byName[k] = v
	}
	for k, v := range x.byRel {
		c.byRel[k] = v
	}
	c.add(f)
	return c
}

// fields lists every field, deleted ones included, in describe order.
func (o *objectDef) fields() []*fieldDef { return o.idx.Load().fields }

// ncols is the number of storage columns a row of the object has.
func (o *objectDef) ncols() int { return o.idx.Load().ncols }

// lookup finds a field by lower-case name, deleted or not.
func (o *objectDef) lookup(lowerName string) *fieldDef { return o.idx.Load().byName[lowerName] }

// field finds a field by case-insensitive API name.
// A deleted field is not found.
func (o *objectDef) field(name string) *fieldDef {
	if f := o.lookup(strings.ToLower(name)); f != nil && !f.gone() {
		return f
	}
	return nil
}

// relationship finds a reference field by case-insensitive relationship
// name; the relationship of a deleted lookup is not found.
func (o *objectDef) relationship(name string) *fieldDef {
	if f := o.idx.Load().byRel[strings.ToLower(name)]; f != nil && !f.gone() {
		return f
	}
	return nil
}

// deletedField is the IsDeleted field, nil for an object that cannot be
// deleted (Organization) or has no Recycle Bin flag (User, Group).
func (o *objectDef) deletedField() *fieldDef { return o.lookup("isdeleted") }

// liveFields are the fields describe and record reads show.
func (o *objectDef) liveFields() []*fieldDef {
	all := o.fields()
	out := make([]*fieldDef, 0, len(all))
	for _, f := range all {
		if !f.gone() {
			out = append(out, f)
		}
	}
	return out
}

func (o *objectDef) fieldExact(name string) *fieldDef {
	for _, f := range o.fields() {
		if f.Name == name {
			return f
		}
	}
	panic("sfsim: schema: no field " + o.Name + "." + name)
}

// schema is the org's set of sObjects.
type schema struct {
	objects []*objectDef
	byName  map[string]*objectDef
	name    *objectDef // the Name object polymorphic relationships read through
}

func (s *schema) object(name string) *objectDef { return s.byName[strings.ToLower(name)] }

func newSchema(objs ...*objectDef) *schema {
	s := &schema{objects: objs, byName: map[string]*objectDef{}}
	for _, o := range objs {
		s.byName[strings.ToLower(o.Name)] = o
	}
	for _, o := range objs {
		for _, f := range o.fields() {
			s.resolve(f)
		}
	}
	return s
}

// soapType maps a field type to describe's soapType.
func soapType(t string) string {
	switch t {
	case "id", "reference":
		return "tns:ID"
	case "boolean":
		return "xsd:boolean"
	case "datetime":
		return "xsd:dateTime"
	case "date":
		return "xsd:date"
	case "double", "currency", "percent":
		return "xsd:double"
	case "int":
		return "xsd:int"
	case "base64":
		return "xsd:base64Binary"
	case "address":
		return "urn:address"
	case "location":
		return "urn:location"
	default:
		return "xsd:string"
	}
}
