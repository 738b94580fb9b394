package sfsim

import (
	"net/http"
	"slices"
)

// describeField is one element of describe's "fields", keys in Salesforce's
// alphabetical order.
type describeField struct {
	Aggregatable          bool            `json:"aggregatable"`
	AutoNumber            bool            `json:"autoNumber"`
	ByteLength            int             `json:"byteLength"`
	Calculated            bool            `json:"calculated"`
	CalculatedFormula     *string         `json:"calculatedFormula"`
	CascadeDelete         bool            `json:"cascadeDelete"`
	CaseSensitive         bool            `json:"caseSensitive"`
	CompoundFieldName     *string         `json:"compoundFieldName"`
	ControllerName        *string         `json:"controllerName"`
	Createable            bool            `json:"createable"`
	Custom                bool            `json:"custom"`
	DefaultValue          any             `json:"defaultValue"`
	DefaultedOnCreate     bool            `json:"defaultedOnCreate"`
	DeprecatedAndHidden   bool            `json:"deprecatedAndHidden"`
	Digits                int             `json:"digits"`
	ExternalID            bool            `json:"externalId"`
	ExtraTypeInfo         *string         `json:"extraTypeInfo"`
	Filterable            bool            `json:"filterable"`
	Groupable             bool            `json:"groupable"`
	HTMLFormatted         bool            `json:"htmlFormatted"`
	IDLookup              bool            `json:"idLookup"`
	InlineHelpText        *string         `json:"inlineHelpText"`
	Label                 string          `json:"label"`
	Length                int             `json:"length"`
	Name                  string          `json:"name"`
	NameField             bool            `json:"nameField"`
	Nillable              bool            `json:"nillable"`
	PicklistValues        []picklistValue `json:"picklistValues"`
	PolymorphicForeignKey bool            `json:"polymorphicForeignKey"`
	Precision             int             `json:"precision"`
	ReferenceTargetField  *string         `json:"referenceTargetField"`
	ReferenceTo           []string        `json:"referenceTo"`
	RelationshipName      *string         `json:"relationshipName"`
	RelationshipOrder     *int            `json:"relationshipOrder"`
	RestrictedPicklist    bool            `json:"restrictedPicklist"`
	Scale                 int             `json:"scale"`
	SoapType              string          `json:"soapType"`
	Sortable              bool            `json:"sortable"`
	Type                  string          `json:"type"`
	Unique                bool            `json:"unique"`
	Updateable            bool            `json:"updateable"`
}

type picklistValue struct {
	Active       bool    `json:"active"`
	DefaultValue bool    `json:"defaultValue"`
	Label        string  `json:"label"`
	ValidFor     *string `json:"validFor"`
	Value        string  `json:"value"`
}

func strPtr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func (f *fieldDef) describe() describeField {
	writable := f.Updateable && f.col >= 0
	sortable := f.sortable()
	d := describeField{
		Calculated:        f.calculated(),
		CalculatedFormula: strPtr(f.Formula),
		CompoundFieldName: strPtr(f.CompoundFieldName),
		Createable:        writable,
		Custom:            f.Custom,
		Label:             f.Label,
		Length:            f.Length,
		ByteLength:        f.Length * 3,
		Name:              f.Name,
		Nillable:          f.Nillable,
		ReferenceTo:       append([]string{}, f.ReferenceTo...),
		// Lead.OwnerId (Group or User) is polymorphic (§9).
		PolymorphicForeignKey: f.polymorphic(),
		RelationshipName:      strPtr(f.RelationshipName),
		SoapType:              soapType(f.Type),
		Type:                  f.Type,
		Updateable:            writable,
		PicklistValues:        f.picklistValues(),
		Filterable:            f.filterable(),
		Sortable:              sortable,
		Groupable:             sortable && f.kind != kindNumber,
		Aggregatable:          sortable,
		NameField:             f.Name == "Name",
		IDLookup:              f.Type == "id" || f.Name == "Email" || f.Name == "Username",
		Unique:                f.Type == "id" || f.Name == "Username",
		DefaultedOnCreate:     f.defaultedOnCreate(),
		ExtraTypeInfo:         f.extraTypeInfo(),
	}
	if f.Type == "boolean" {
		d.DefaultValue = false
	}
	d.Digits, d.Precision, d.Scale = f.numberFormat()
	return d
}

// filterable reports whether a WHERE clause may name the field: not compound
// fields, base64 or long text areas.
func (f *fieldDef) filterable() bool {
	return !f.compound() && f.Type != "base64" && !(f.Type == "textarea" && f.Length > 255)
}

// sortable reports whether ORDER BY may name the field: no compound fields,
// base64 or text areas of any length.
func (f *fieldDef) sortable() bool {
	return !f.compound() && f.Type != "base64" && f.Type != "textarea"
}

// defaultedOnCreate reports whether the org fills the field on create: Ids,
// checkboxes, the owner and the system fields.
func (f *fieldDef) defaultedOnCreate() bool {
	return f.Type == "id" || f.Type == "boolean" || f.Name == "OwnerId" || !f.Updateable && f.col >= 0
}

// numberFormat gives describe's digits, precision and scale: int fields have
// 8 digits, other numbers 18 with 2 decimals, other types none.
func (f *fieldDef) numberFormat() (digits, precision, scale int) {
	switch {
	case f.kind != kindNumber:
		return 0, 0, 0
	case f.Type == "int":
		return 8, 0, 0
	}
	return 0, 18, 2
}

// extraTypeInfo tells plain text areas (255 characters or fewer) from rich
// ones; other types have none.
func (f *fieldDef) extraTypeInfo() *string {
	switch {
	case f.Type != "textarea":
		return nil
	case f.Length <= 255:
		return strPtr("plaintextarea")
	}
	return strPtr("richtextarea")
}

// picklistValues lists the field's values, all active; the first is the
// default when the field is required. Empty, not null, for other fields.
func (f *fieldDef) picklistValues() []picklistValue {
	vs := []picklistValue{}
	for i, v := range f.Picklist {
		vs = append(vs, picklistValue{Active: true, DefaultValue: i == 0 && !f.Nillable, Label: v, Value: v})
	}
	return vs
}

func objectURLs(version, name string) map[string]string {
	base := dataPath(version) + "/sobjects/" + name
	return map[string]string{"sobject": base, "describe": base + "/describe", "rowTemplate": base + "/{ID}"}
}

// globalEntry is an object's describeGlobal entry.
func (obj *objectDef) globalEntry(version string) map[string]any {
	return map[string]any{
		"activateable": false, "custom": false, "customSetting": false, "createable": true, "deletable": true,
		"deprecatedAndHidden": false, "feedEnabled": true, "hasSubtypes": false, "isSubtype": false,
		"keyPrefix": obj.KeyPrefix, "label": obj.Label, "labelPlural": obj.LabelPlural, "layoutable": true,
		"mergeable": obj.Name != "Opportunity" && obj.Name != "User", "mruEnabled": true, "name": obj.Name,
		"queryable": true, "replicateable": true, "retrieveable": true, "searchable": true, "triggerable": true,
		"undeletable": obj.Name != "User", "updateable": true, "urls": objectURLs(version, obj.Name),
	}
}

func (o *Org) serveDescribeGlobal(w http.ResponseWriter, version string) {
	objs := make([]map[string]any, 0, len(o.schema.objects))
	for _, obj := range o.schema.objects {
		if !obj.unreadable.Load() {
			objs = append(objs, obj.globalEntry(version))
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"encoding": "UTF-8", "maxBatchSize": 200, "sobjects": objs})
}

func (o *Org) notFoundObject(w http.ResponseWriter) {
	writeError(w, http.StatusNotFound, "NOT_FOUND", "The requested resource does not exist")
}

func (o *Org) serveDescribe(w http.ResponseWriter, version, name string) {
	obj := o.schema.readable(name)
	if obj == nil {
		o.notFoundObject(w)
		return
	}
	d := obj.globalEntry(version)
	fields := make([]describeField, 0, len(obj.fields()))
	for _, f := range obj.liveFields() {
		fields = append(fields, f.describe())
	}
	d["fields"] = fields
	d["childRelationships"] = o.childRelationships(obj)
	d["recordTypeInfos"] = []any{}
	d["actionOverrides"] = []any{}
	d["namedLayoutInfos"] = []any{}
	d["compactLayoutable"] = true
	d["listviewable"] = nil
	d["lookupLayoutable"] = nil
	d["searchLayoutable"] = true
	d["networkScopeFieldName"] = nil
	d["sobjectDescribeOption"] = "FULL"
	d["defaultImplementation"] = nil
	d["implementedBy"] = nil
	d["implementsInterfaces"] = nil
	d["associateEntityType"] = nil
	d["associateParentEntity"] = nil
	d["dataTranslationEnabled"] = false
	d["deepCloneable"] = false
	d["extendedBy"] = nil
	d["extendsInterfaces"] = nil
	writeJSON(w, http.StatusOK, d)
}

// childRelationships lists the lookups of other objects that point at obj.
func (o *Org) childRelationships(obj *objectDef) []map[string]any {
	rels := []map[string]any{}
	for _, child := range o.schema.objects {
		if child.unreadable.Load() {
			continue
		}
		for _, f := range child.liveFields() {
			if f.Type != "reference" || !slices.Contains(f.ReferenceTo, obj.Name) {
				continue
			}
			var name any
			if f.Name == "AccountId" {
				name = child.LabelPlural
			}
			rels = append(rels, map[string]any{
				"cascadeDelete": f.cascade, "childSObject": child.Name,
				"deprecatedAndHidden": false, "field": f.Name, "junctionIdListNames": []string{},
				"junctionReferenceTo": []string{}, "relationshipName": name, "restrictedDelete": false,
			})
		}
	}
	return rels
}

// serveSObject answers GET sobjects/{X}: basic info and recent items.
func (o *Org) serveSObject(w http.ResponseWriter, version, name string) {
	obj := o.schema.readable(name)
	if obj == nil {
		o.notFoundObject(w)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"objectDescribe": obj.globalEntry(version), "recentItems": []any{}})
}
