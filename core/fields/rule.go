package fields

import (
	"errors"
	"fmt"
	"slices"
)

// The user-lookup rule (from Crossbeam's help page): a user lookup on
// Account other than the owner (CSM__c, SDR__c, …) can be selected only once
// the Account Executive's Name, Phone and Email (Owner.Name, Owner.Phone,
// Owner.Email) are all selected. Deselecting one of those deselects every
// user lookup with it (Deselect reports them) rather than being refused: the
// person sees the consequence at once and can undo it, where a refusal would
// make them hunt down each lookup first.

// ErrNotSelectable wraps the reason a field cannot be selected.
var ErrNotSelectable = errors.New("field cannot be selected")

// Defaults returns the selection of forced fields only, for every object in
// the catalog.
func (c *Catalog) Defaults() Selection {
	out := Selection{}
	for name, o := range c.objects {
		out[name] = sortedSet(o.forced())
	}
	return out
}

// ownerComplete reports whether all owner fields are selected on Account.
func ownerComplete(sel Selection) bool {
	for _, f := range OwnerFields {
		if !sel.Has(ownerObject, f) {
			return false
		}
	}
	return true
}

// Selectable tells whether the field's checkbox can be changed given the
// current selection and, when not, why, in one sentence for the UI.
func (c *Catalog) Selectable(sel Selection, object, field string) (bool, string) {
	o := c.objects[object]
	if o == nil {
		return false, fmt.Sprintf("%s is not an object sfsync can read in this org.", object)
	}
	f, ok := o.Field(field)
	if !ok {
		if i := slices.IndexFunc(o.Unsupported, func(u Unsupported) bool { return u.Name == field }); i >= 0 {
			return false, o.Unsupported[i].Reason
		}
		return false, fmt.Sprintf("%s has no field %s in this org.", o.Label, field)
	}
	if f.Forced {
		if f.Reason != "" {
			return false, f.Reason
		}
		return false, fmt.Sprintf("%s is always synced: sfsync needs Id, SystemModstamp and IsDeleted to keep an exact copy.", f.Label)
	}
	if f.Lookup != "" && !ownerComplete(sel) {
		return false, "Select the Account Executive's Name, Phone and Email (the Account owner) first: user lookup fields such as " +
			f.Label + " need them."
	}
	return true, ""
}

// Select returns sel with the field selected. Selecting any part of a user
// lookup selects the whole lookup (the Id field and the user's Name, Email,
// Phone). A field that is not selectable gives an error wrapping
// ErrNotSelectable with the reason.
func (c *Catalog) Select(sel Selection, object, field string) (Selection, error) {
	o := c.objects[object]
	if f, known := o.fieldOrNil(field); known && f.Forced {
		return sel.with(object, o.forced()...), nil // always on: selecting it is harmless
	}
	if ok, reason := c.Selectable(sel, object, field); !ok {
		return sel, fmt.Errorf("select %s.%s: %w: %s", object, field, ErrNotSelectable, reason)
	}
	f, _ := o.Field(field)
	add := []string{field}
	if f.Lookup != "" {
		l, _ := o.lookup(f.Lookup)
		add = l.Fields
	}
	return sel.with(object, append(add, o.forced()...)...), nil
}

func (o *Object) fieldOrNil(name string) (Field, bool) {
	if o == nil {
		return Field{}, false
	}
	return o.Field(name)
}

// Deselect returns sel without the field, and the other fields that went
// with it: the rest of a user lookup, or — for an owner field — every user
// lookup (see the rule above). Forced fields cannot be deselected.
func (c *Catalog) Deselect(sel Selection, object, field string) (Selection, []string, error) {
	o := c.objects[object]
	f, known := o.fieldOrNil(field)
	if known && f.Forced {
		return sel, nil, fmt.Errorf("deselect %s.%s: %s is always synced", object, field, f.Label)
	}
	if !sel.Has(object, field) {
		return sel, nil, nil
	}
	remove := []string{field}
	if known && f.Lookup != "" {
		l, _ := o.lookup(f.Lookup)
		remove = l.Fields
	}
	if known && f.Owner {
		for _, l := range o.UserLookups {
			remove = append(remove, l.Fields...)
		}
	}
	var also []string
	for _, r := range sortedSet(remove) {
		if r != field && sel.Has(object, r) {
			also = append(also, r)
		}
	}
	return sel.without(object, remove...), also, nil
}
