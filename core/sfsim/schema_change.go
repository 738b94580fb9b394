package sfsim

import "fmt"

// DeleteField deletes a field from object, as an admin deleting a custom
// field in Setup does (for a standard field: as hiding it from the user by
// field-level security does): it disappears from describe and record reads, and
// queries naming it fail with INVALID_FIELD ("No such column …"), or for a
// lookup's relationship path "Didn't understand relationship …". Formula
// and name fields built on it keep working. Id, IsDeleted, SystemModstamp
// and Name cannot be deleted or hidden (Salesforce does not allow it).
// Bulk jobs created before the deletion still return their results.
func (o *Org) DeleteField(object, field string) error {
	o.mu.Lock()
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
