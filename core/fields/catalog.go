package fields

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/sfsync/sfsync/core/lookup"
	"github.com/sfsync/sfsync/core/salesforce"
)

// Objects are the objects sfsync syncs, in sync order: User first, so the
// owner and user-lookup fields of the others resolve.
var Objects = []string{"User", "Account", "Contact", "Lead", "Opportunity"}

// Fields every object always syncs. Id keys the store, SystemModstamp drives
// incremental syncs and IsDeleted tells queryAll's soft-deleted rows apart.
// (IsDeleted is forced only where the object has it: a real User has none.)
const (
	FieldID             = "Id"
	FieldSystemModstamp = "SystemModstamp"
	FieldIsDeleted      = "IsDeleted"
)

var forcedFields = []string{FieldID, FieldIsDeleted, FieldSystemModstamp}

// UserObject is the object user lookups point to.
const UserObject = lookup.UserObject

// ResolutionFields are the User fields sfsync always syncs, because lookups
// (the Account Executive, CSM, SDR …) are resolved from them locally.
var ResolutionFields = lookup.ResolutionFields

const resolutionReason = "sfsync always syncs a User's Name, Email and Phone: it shows the Account Executive " +
	"and every other user lookup from them, so a changed User is current everywhere at no API cost."

// OwnerFields are the Account owner's ("Account Executive") fields that must
// all be selected before any other user lookup on Account can be.
var OwnerFields = []string{"Owner.Email", "Owner.Name", "Owner.Phone"}

// userFields are the User fields a user relationship brings, by suffix.
var userFields = []string{"Email", "Name", "Phone"}

// ownerObject is the object the user-lookup rule applies to.
const ownerObject = "Account"

// Field is one selectable field of an object.
type Field struct {
	Name   string // API name; dotted for relationship fields (Owner.Name, CSM__r.Email)
	Label  string
	Type   string // describe type; "reference" for lookups, the User field's type for dotted ones
	Custom bool
	Forced bool // always synced, cannot be deselected
	Owner  bool // one of OwnerFields
	// Lookup is set on a user lookup field and on the fields it brings: the
	// lookup's own name (CSM__c). Selecting any of them selects all of them.
	Lookup string
	// Via and Target are set on a dotted field (Owner.Email): the stored Id
	// field it is resolved through (OwnerId) and the User field it reads
	// (Email). sfsync never queries dotted fields: it stores the Id and
	// resolves it from the locally synced User rows, so a changed User
	// changes every record pointing to it at no API cost (DESIGN.md).
	Via, Target string
	// Reason says why a forced field is always synced (empty: bookkeeping).
	Reason string
	// References are the objects a lookup's Ids point to (describe:
	// referenceTo), e.g. [Group User] for a Lead's OwnerId.
	References []string
	// Formula marks a formula field (describe: calculated). Its value can
	// change without the record's SystemModstamp moving (a cross-object
	// formula follows its parent), so sfsync re-reads it on its own
	// schedule (docs/salesforce-api.md §9; heroku/roadmap#319).
	Formula bool
}

// FormulaNote is the picker's one sentence on formula fields.
const FormulaNote = "Formula field: Salesforce recalculates it without marking the record changed, " +
	"so sfsync re-reads it on the formula refresh schedule (Settings) rather than with each sync."

// Unsupported is a field that exists but cannot be synced, with why.
type Unsupported struct {
	Name, Label, Type string
	Reason            string
}

// UserLookup is a lookup from Account to User other than the owner (CSM,
// SDR, Sales Engineer …).
type UserLookup struct {
	Field        string   // CSM__c
	Label        string   // CSM
	Relationship string   // CSM__r
	Fields       []string // what selecting it selects: the field itself and Name, Email, Phone through the relationship, sorted
}

// Object is the catalog of one object.
type Object struct {
	Name, Label string
	Fields      []Field       // selectable and forced fields, sorted by label
	Unsupported []Unsupported // sorted by label
	UserLookups []UserLookup  // Account only; alphabetical by label
	byName      map[string]int
}

// Field returns the named field.
func (o *Object) Field(name string) (Field, bool) {
	i, ok := o.byName[name]
	if !ok {
		return Field{}, false
	}
	return o.Fields[i], true
}

func (o *Object) lookup(field string) (UserLookup, bool) {
	for _, l := range o.UserLookups {
		if l.Field == field {
			return l, true
		}
	}
	return UserLookup{}, false
}

// forced lists the object's always-synced fields it has: the bookkeeping
// fields, and for User the fields lookups resolve from.
func (o *Object) forced() []string {
	var out []string
	for _, f := range o.Fields {
		if f.Forced {
			out = append(out, f.Name)
		}
	}
	return sortedSet(out)
}

// Catalog is what can be synced from one org, built from its describes.
type Catalog struct {
	objects map[string]*Object
}

// unsupportedReason says why Bulk API 2.0 cannot read a field type, or "".
func unsupportedReason(typ string) string {
	switch typ {
	case "address":
		return "Compound address field: Bulk API 2.0 cannot read it; select its parts (street, city, postal code …) instead."
	case "location":
		return "Compound geolocation field: Bulk API 2.0 cannot read it; select its latitude and longitude parts instead."
	case "base64":
		return "Binary (base64) field: Bulk API 2.0 cannot read it."
	}
	return ""
}

// systemUserRefs are audit references to User that are offered as plain Id
// fields, not as user lookups: they say who touched a record, not who owns
// a relationship with it.
var systemUserRefs = map[string]bool{"OwnerId": true, "CreatedById": true, "LastModifiedById": true}

// NewCatalog builds the catalog from describe results (normally those of
// Objects). An object without Id or SystemModstamp is an error: it could not
// be synced incrementally.
func NewCatalog(describes []salesforce.SObjectDescribe) (*Catalog, error) {
	c := &Catalog{objects: map[string]*Object{}}
	var user *salesforce.SObjectDescribe
	for i := range describes {
		if describes[i].Name == "User" {
			user = &describes[i]
		}
	}
	for _, d := range describes {
		o, err := newObject(d, user)
		if err != nil {
			return nil, err
		}
		c.objects[d.Name] = o
	}
	return c, nil
}

func newObject(d salesforce.SObjectDescribe, user *salesforce.SObjectDescribe) (*Object, error) {
	o := &Object{Name: d.Name, Label: d.Label}
	has := map[string]bool{}
	for _, f := range d.Fields {
		has[f.Name] = true
		if reason := unsupportedReason(f.Type); reason != "" {
			o.Unsupported = append(o.Unsupported, Unsupported{Name: f.Name, Label: f.Label, Type: f.Type, Reason: reason})
			continue
		}
		field := Field{Name: f.Name, Label: f.Label, Type: f.Type, Custom: f.Custom,
			Forced: slices.Contains(forcedFields, f.Name), Formula: f.Calculated, References: f.ReferenceTo}
		if d.Name == UserObject && slices.Contains(ResolutionFields, f.Name) {
			field.Forced, field.Reason = true, resolutionReason
		}
		o.Fields = append(o.Fields, field)
	}
	for _, must := range []string{FieldID, FieldSystemModstamp} {
		if !has[must] {
			return nil, fmt.Errorf("catalog %s: describe has no %s field", d.Name, must)
		}
	}
	if d.Name == ownerObject {
		o.addUserRelationships(d, user)
	}
	sortByLabel(o.Unsupported, func(f Unsupported) (string, string) { return f.Label, f.Name })
	sortByLabel(o.UserLookups, func(l UserLookup) (string, string) { return l.Label, l.Field })
	o.index()
	return o, nil
}

// index sorts Fields by label and rebuilds the name index.
func (o *Object) index() {
	sortByLabel(o.Fields, func(f Field) (string, string) { return f.Label, f.Name })
	o.byName = make(map[string]int, len(o.Fields))
	for i, f := range o.Fields {
		o.byName[f.Name] = i
	}
}

// addUserRelationships adds the owner's and the user lookups' dotted fields.
func (o *Object) addUserRelationships(d salesforce.SObjectDescribe, user *salesforce.SObjectDescribe) {
	userField := func(name string) (salesforce.Field, bool) {
		if user == nil { // no User describe: these are standard User fields
			return salesforce.Field{Name: name, Type: "string"}, true
		}
		i := slices.IndexFunc(user.Fields, func(f salesforce.Field) bool { return f.Name == name })
		if i < 0 {
			return salesforce.Field{}, false
		}
		return user.Fields[i], true
	}
	for _, f := range d.Fields {
		if f.Type != "reference" || !slices.Equal(f.ReferenceTo, []string{"User"}) || f.RelationshipName == "" {
			continue
		}
		isOwner := f.Name == "OwnerId"
		if systemUserRefs[f.Name] && !isOwner {
			continue
		}
		prefix := strings.TrimSuffix(strings.TrimSuffix(f.Label, " ID"), " Id")
		if isOwner {
			prefix = "Account Executive"
		}
		var related []string
		for _, suffix := range userFields {
			uf, ok := userField(suffix)
			if !ok {
				continue
			}
			name := f.RelationshipName + "." + suffix
			related = append(related, name)
			field := Field{Name: name, Label: prefix + " " + suffix, Type: uf.Type, Owner: isOwner,
				Via: f.Name, Target: suffix}
			if !isOwner {
				field.Lookup = f.Name
			}
			o.Fields = append(o.Fields, field)
		}
		if isOwner {
			continue
		}
		// The lookup's own Id field is part of the lookup.
		if i := slices.IndexFunc(o.Fields, func(x Field) bool { return x.Name == f.Name }); i >= 0 {
			o.Fields[i].Lookup = f.Name
		}
		o.UserLookups = append(o.UserLookups, UserLookup{Field: f.Name, Label: prefix,
			Relationship: f.RelationshipName, Fields: sortedSet(append(related, f.Name))})
	}
}

func sortByLabel[T any](s []T, key func(T) (label, name string)) {
	slices.SortStableFunc(s, func(a, b T) int {
		la, na := key(a)
		lb, nb := key(b)
		return cmp.Or(cmp.Compare(strings.ToLower(la), strings.ToLower(lb)), cmp.Compare(na, nb))
	})
}

// Formulas lists the selected formula fields of object, in selection order.
func (c *Catalog) Formulas(object string, sel Selection) []string {
	o := c.objects[object]
	if o == nil {
		return nil
	}
	var out []string
	for _, name := range sel[object] {
		if f, ok := o.Field(name); ok && f.Formula {
			out = append(out, name)
		}
	}
	return out
}

// Object returns the catalog of one object, or nil if it was not described.
func (c *Catalog) Object(name string) *Object { return c.objects[name] }

// ObjectNames lists the described objects in sync order (Objects first, then
// any others alphabetically).
func (c *Catalog) ObjectNames() []string {
	set := make(map[string]bool, len(c.objects))
	for n := range c.objects {
		set[n] = true
	}
	return syncOrder(set)
}

// Relabel overrides display labels, keyed object → field → label (the
// presets file carries these, e.g. Opportunity CreatedDate is "Open Date").
// Unknown objects and fields are ignored.
func (c *Catalog) Relabel(labels map[string]map[string]string) {
	for obj, byField := range labels {
		o := c.objects[obj]
		if o == nil {
			continue
		}
		for name, label := range byField {
			if i, ok := o.byName[name]; ok {
				o.Fields[i].Label = label
			}
		}
		o.index()
	}
}
