package sfsim

import (
	"fmt"
	"sort"
	"strings"
)

// Create inserts a record and returns its new Id. Field names are matched
// case-insensitively; read-only fields (Id, audit fields, formulas, compound
// fields) are refused, as are missing required fields.
func (o *Org) Create(object string, fields map[string]any) (string, error) {
	o.lockForWrite()
	defer o.mu.Unlock()
	row, err := o.newRow(object, fields, o.nowMillis())
	if err != nil {
		return "", err
	}
	o.tables[o.object(object)].push(row)
	return row[0].s, nil
}

// newRow builds a new record stamped at (Unix ms) with a fresh Id. The
// caller holds o.mu.
func (o *Org) newRow(object string, fields map[string]any, at int64) ([]cellValue, error) {
	obj := o.object(object)
	if obj == nil {
		return nil, fmt.Errorf("create %s: NOT_FOUND: no such object", object)
	}
	vals, err := writableValues(obj, fields)
	if err != nil {
		return nil, fmt.Errorf("create %s: %w", obj.Name, err)
	}
	actor := o.actor()
	row := make([]cellValue, obj.ncols())
	for _, f := range obj.fields() {
		if f.col < 0 {
			continue
		}
		v, given := vals[f]
		switch {
		case given:
		case f.Name == "CreatedDate" || f.Name == "LastModifiedDate" || f.Name == "SystemModstamp":
			v = timeCell(kindDateTime, at)
		case f.Name == "CreatedById" || f.Name == "LastModifiedById" || f.Name == "OwnerId":
			v = stringCell(actor)
		case f.kind == kindBool:
			v = boolCell(false)
		default:
			v = nullCell(f.kind)
		}
		if v.null && !f.Nillable && f.Name != "Id" {
			return nil, fmt.Errorf("create %s: REQUIRED_FIELD_MISSING: Required fields are missing: [%s]", obj.Name, f.Name)
		}
		row[f.col] = v
	}
	row[0] = stringCell(o.nextID(obj))
	return row, nil
}

// Update changes fields of a live record and moves LastModifiedDate and
// SystemModstamp to now. Records pointing at it are not touched, as in
// Salesforce: a User's new Email does not move an Account's SystemModstamp.
func (o *Org) Update(object, id string, fields map[string]any) error {
	o.lockForWrite()
	defer o.mu.Unlock()
	t, i, vals, err := o.updateValues(object, id, fields)
	if err != nil {
		return err
	}
	for f, v := range vals {
		t.cols[f.col].set(i, v)
	}
	o.touch(t, i)
	return nil
}

// updateValues checks an update of a live record. The caller holds o.mu.
func (o *Org) updateValues(object, id string, fields map[string]any) (*table, int, map[*fieldDef]cellValue, error) {
	t, i, err := o.liveRow(object, id, "update")
	if err != nil {
		return nil, -1, nil, err
	}
	vals, err := writableValues(t.obj, fields)
	if err != nil {
		return nil, -1, nil, fmt.Errorf("update %s %s: %w", t.obj.Name, id, err)
	}
	for f, v := range vals {
		if v.null && !f.Nillable {
			return nil, -1, nil, fmt.Errorf("update %s %s: REQUIRED_FIELD_MISSING: Required fields are missing: [%s]", t.obj.Name, id, f.Name)
		}
	}
	return t, i, vals, nil
}

// Snapshot returns every row of object, soft-deleted ones included, sorted by
// Id, with every non-compound field not deleted (DeleteField) (formula and name fields included) as a
// JSON-typed value: string, float64, bool or nil. Compound fields are left out:
// their components are present.
func (o *Org) Snapshot(object string) []map[string]any {
	obj := o.object(object)
	if obj == nil {
		return nil
	}
	v := o.view()
	t := v.tables[obj]
	rows := make([]map[string]any, t.n)
	for i := range rows {
		m := make(map[string]any, len(obj.fields()))
		for _, f := range obj.liveFields() {
			if !f.compound() {
				m[f.Name] = t.cell(f, i).jsonValue()
			}
		}
		rows[i] = m
	}
	return rows
}

// writableValues converts a mutation's fields into cells, refusing unknown
// and read-only fields.
func writableValues(obj *objectDef, fields map[string]any) (map[*fieldDef]cellValue, error) {
	if obj.readOnly {
		return nil, fmt.Errorf("INVALID_OPERATION: %s records cannot be created or changed", obj.Name)
	}
	names := make([]string, 0, len(fields))
	for name := range fields {
		names = append(names, name)
	}
	sort.Strings(names) // deterministic error messages
	vals := make(map[*fieldDef]cellValue, len(fields))
	for _, name := range names {
		f := obj.field(name)
		if f == nil {
			return nil, fmt.Errorf("INVALID_FIELD: No such column '%s' on sobject of type %s", name, obj.Name)
		}
		if f.col < 0 || !f.Updateable {
			return nil, fmt.Errorf("INVALID_FIELD_FOR_INSERT_UPDATE: Unable to create/update fields: %s", f.Name)
		}
		v, err := cellFromAny(f.kind, fields[name])
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.Name, err)
		}
		if f.Type == "reference" && !v.null && len(f.targets) > 0 && f.targetFor(v.s) == nil {
			return nil, fmt.Errorf("FIELD_INTEGRITY_EXCEPTION: %s: id value of incorrect type: %s", f.Label, v.s)
		}
		vals[f] = v
	}
	return vals, nil
}

// anyRow finds a record, soft-deleted or not.
func (o *Org) anyRow(object, id, op string) (*table, int, error) {
	obj := o.object(object)
	if obj == nil {
		return nil, -1, fmt.Errorf("%s %s %s: NOT_FOUND: no such object", op, object, id)
	}
	t := o.tables[obj]
	i := t.find(strings.TrimSpace(id))
	if i < 0 {
		return nil, -1, fmt.Errorf("%s %s %s: ENTITY_IS_DELETED or not found", op, obj.Name, id)
	}
	return t, i, nil
}

// liveRow finds a record that is not in the Recycle Bin.
func (o *Org) liveRow(object, id, op string) (*table, int, error) {
	t, i, err := o.anyRow(object, id, op)
	if err != nil {
		return nil, -1, err
	}
	if f := t.obj.deletedField(); f != nil && t.cols[f.col].bools[i] {
		return nil, -1, fmt.Errorf("%s %s %s: ENTITY_IS_DELETED: entity is deleted", op, t.obj.Name, id)
	}
	return t, i, nil
}

// touch records a change by the integration user at now.
func (o *Org) touch(t *table, i int) { o.touchAt(t, i, o.nowMillis()) }

// touchAt records a change by the integration user at (Unix ms).
func (o *Org) touchAt(t *table, i int, at int64) {
	now := timeCell(kindDateTime, at)
	t.cols[t.obj.fieldExact("LastModifiedDate").col].set(i, now)
	t.cols[t.obj.fieldExact("SystemModstamp").col].set(i, now)
	t.cols[t.obj.fieldExact("LastModifiedById").col].set(i, stringCell(o.actor()))
}

// actor is the user mutations are attributed to.
func (o *Org) actor() string {
	if len(o.users) == 0 {
		return ""
	}
	return o.users[0]
}

func (o *Org) nextID(obj *objectDef) string {
	o.seq[obj]++
	return salesforceID(obj.KeyPrefix, o.pod, o.seq[obj])
}

// push appends a row; Ids only grow, so Id order is kept.
func (t *table) push(row []cellValue) {
	for c, v := range row {
		t.cols[c].push(v)
	}
	t.n++
}

// CreateQueue creates a lead queue: a Group of Type Queue named name, whose
// DeveloperName is derived from it. Rename it with Update("Group", id,
// {"Name": …}); make it own a Lead with Update("Lead", id, {"OwnerId": queueID}).
func (o *Org) CreateQueue(name string) (string, error) {
	return o.Create("Group", map[string]any{"Name": name, "DeveloperName": developerName(name), "Type": "Queue"})
}
