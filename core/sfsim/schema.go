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

	col    int                                               // storage column, -1 when derived
	kind   valueKind                                         // storage kind (or the kind a derived value is rendered as)
	derive func(v *orgView, t *tableView, row int) cellValue // formula and name fields
	parts  []*fieldDef                                       // a compound field's components: street, city, state, postalCode, country
	target *objectDef                                        // a lookup's referenced object, resolved once

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
	Fields      []*fieldDef

	// unreadable is set by Org.WithholdRead: the user lacks Read on the
	// object (atomic: requests read the schema without the org's lock).
	unreadable atomic.Bool

	byName map[string]*fieldDef // lower-case name -> field
	byRel  map[string]*fieldDef // lower-case relationshipName -> reference field
	ncols  int
}

// field finds a field by case-insensitive API name.
// A deleted field is not found.
func (o *objectDef) field(name string) *fieldDef {
	if f := o.byName[strings.ToLower(name)]; f != nil && !f.gone() {
		return f
	}
	return nil
}

// relationship finds a reference field by case-insensitive relationship
// name; the relationship of a deleted lookup is not found.
func (o *objectDef) relationship(name string) *fieldDef {
	if f := o.byRel[strings.ToLower(name)]; f != nil && !f.gone() {
		return f
	}
	return nil
}

// deletedField is the IsDeleted field, nil for an object that cannot be
// deleted (Organization).
func (o *objectDef) deletedField() *fieldDef { return o.byName["isdeleted"] }

// liveFields are the fields describe and record reads show.
func (o *objectDef) liveFields() []*fieldDef {
	out := make([]*fieldDef, 0, len(o.Fields))
	for _, f := range o.Fields {
		if !f.gone() {
			out = append(out, f)
		}
	}
	return out
}

func (o *objectDef) fieldExact(name string) *fieldDef {
	for _, f := range o.Fields {
		if f.Name == name {
			return f
		}
	}
	panic("sfsim: schema: no field " + o.Name + "." + name)
}

// index assigns storage columns and builds the lookup maps.
func (o *objectDef) index() {
	o.byName = map[string]*fieldDef{}
	o.byRel = map[string]*fieldDef{}
	for _, f := range o.Fields {
		if f.CompoundFieldName != "" {
			c := o.fieldExact(f.CompoundFieldName)
			c.parts = append(c.parts, f)
		}
		o.byName[strings.ToLower(f.Name)] = f
		if f.RelationshipName != "" {
			o.byRel[strings.ToLower(f.RelationshipName)] = f
		}
		f.kind = kindOf(f.Type)
		if f.compound() || f.derive != nil {
			f.col = -1
			continue
		}
		f.col = o.ncols
		o.ncols++
	}
}

// schema is the org's set of sObjects.
type schema struct {
	objects []*objectDef
	byName  map[string]*objectDef
}

func (s *schema) object(name string) *objectDef { return s.byName[strings.ToLower(name)] }

func newSchema(objs ...*objectDef) *schema {
	s := &schema{objects: objs, byName: map[string]*objectDef{}}
	for _, o := range objs {
		o.index()
		s.byName[strings.ToLower(o.Name)] = o
	}
	for _, o := range objs {
		for _, f := range o.Fields {
			if f.Type == "reference" {
				f.target = s.byName[strings.ToLower(f.ReferenceTo[0])]
			}
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
