package sfsim

import (
	"fmt"
	"slices"
)

// The Recycle Bin: soft deletes that cascade to an Account's children,
// undeletes that bring them back, and purges (hard deletes) that remove
// rows for good and leave an entry in the delete log that the getDeleted
// resource reads (getdeleted.go).

// rowRef names one record.
type rowRef struct {
	obj *objectDef
	id  string
}

// purgedRow is a delete-log entry of a row that no longer exists.
type purgedRow struct {
	id      string
	deleted int64 // when it was deleted, Unix ms
}

// recycleBin is the org's memory of what deletes took with them. The
// caller holds o.mu.
type recycleBin struct {
	cascaded map[string][]rowRef        // parent Id -> children deleted with it
	purged   map[*objectDef][]purgedRow // purged rows, in purge order
	merged   map[string]string          // loser Id -> master Id (merge.go)
}

func (b *recycleBin) init() {
	if b.cascaded == nil {
		b.cascaded = map[string][]rowRef{}
		b.purged = map[*objectDef][]purgedRow{}
		b.merged = map[string]string{}
	}
}

// Delete moves a record to the Recycle Bin: IsDeleted becomes true,
// SystemModstamp moves and the record shows only in queryAll. Deleting an
// Account moves its Contacts and Opportunities to the Recycle Bin with it
// (docs/salesforce-api.md §9 "Cascades"; describe marks those child
// relationships cascadeDelete).
func (o *Org) Delete(object, id string) error {
	o.lockForWrite()
	defer o.mu.Unlock()
	t, i, err := o.liveRow(object, id, "delete")
	if err != nil {
		return err
	}
	if t.obj.deletedField() == nil {
		return fmt.Errorf("delete %s %s: INVALID_OPERATION: %s records cannot be deleted", t.obj.Name, id, t.obj.Name)
	}
	o.softDelete(t, i)
	return nil
}

// softDelete moves row i and its cascading children to the Recycle Bin.
func (o *Org) softDelete(t *table, i int) {
	id := t.cols[0].strs[i]
	o.markDeleted(t, i, true)
	o.bin.init()
	var children []rowRef
	for _, child := range o.schema.objects {
		for _, f := range child.fields() {
			if f.cascade && slices.Contains(f.ReferenceTo, t.obj.Name) {
				children = append(children, o.deleteChildren(child, f, id)...)
			}
		}
	}
	if len(children) > 0 {
		o.bin.cascaded[id] = children
	}
}

// deleteChildren soft-deletes the live rows of child whose lookup f is id.
func (o *Org) deleteChildren(child *objectDef, f *fieldDef, id string) []rowRef {
	ct := o.tables[child]
	del := child.deletedField()
	var refs []rowRef
	for j := 0; j < ct.n; j++ {
		if ct.cols[f.col].str(j) == id && !ct.cols[del.col].bools[j] {
			o.markDeleted(ct, j, true)
			refs = append(refs, rowRef{obj: child, id: ct.cols[0].strs[j]})
		}
	}
	return refs
}

// markDeleted sets IsDeleted and touches the row.
func (o *Org) markDeleted(t *table, i int, deleted bool) {
	t.cols[t.obj.deletedField().col].set(i, boolCell(deleted))
	o.touch(t, i)
}

// Undelete restores a record from the Recycle Bin, and with an Account the
// children its delete took with it.
func (o *Org) Undelete(object, id string) error {
	o.lockForWrite()
	defer o.mu.Unlock()
	t, i, err := o.anyRow(object, id, "undelete")
	if err != nil {
		return err
	}
	f := t.obj.deletedField()
	if f == nil || !t.cols[f.col].bools[i] {
		return fmt.Errorf("undelete %s %s: UNDELETE_FAILED: entity is not in the recycle bin", t.obj.Name, id)
	}
	o.markDeleted(t, i, false)
	o.bin.init()
	for _, c := range o.bin.cascaded[t.cols[0].strs[i]] {
		ct := o.tables[c.obj]
		if j := ct.find(c.id); j >= 0 && ct.cols[c.obj.deletedField().col].bools[j] {
			o.markDeleted(ct, j, false)
		}
	}
	delete(o.bin.cascaded, t.cols[0].strs[i])
	delete(o.bin.merged, t.cols[0].strs[i])
	return nil
}

// HardDelete removes a record for good, as emptying it from the Recycle Bin
// (or a Bulk hardDelete) does: not even queryAll sees it afterwards, and
// the delete log keeps its Id and deletion time for getDeleted. A live
// record is deleted first, so an Account takes its Contacts and
// Opportunities with it; purging an Account purges the children its delete
// took to the Recycle Bin.
func (o *Org) HardDelete(object, id string) error {
	o.lockForWrite()
	defer o.mu.Unlock()
	t, i, err := o.anyRow(object, id, "hard delete")
	if err != nil {
		return err
	}
	if del := t.obj.deletedField(); del != nil && !t.cols[del.col].bools[i] {
		o.softDelete(t, i)
	}
	o.bin.init()
	id = t.cols[0].strs[i]
	for _, c := range o.bin.cascaded[id] {
		o.purge(o.tables[c.obj], c.id)
	}
	delete(o.bin.cascaded, id)
	o.purge(t, id)
	return nil
}

// purge removes a row and logs it. A row in the Recycle Bin was deleted at
// its SystemModstamp (the delete moved it there).
func (o *Org) purge(t *table, id string) {
	i := t.find(id)
	if i < 0 {
		return
	}
	when := o.nowMillis()
	if del := t.obj.deletedField(); del != nil && t.cols[del.col].bools[i] {
		when = t.cols[t.obj.fieldExact("SystemModstamp").col].times[i]
	}
	for _, c := range t.cols {
		c.remove(i)
	}
	t.n--
	o.bin.purged[t.obj] = append(o.bin.purged[t.obj], purgedRow{id: id, deleted: when})
	delete(o.bin.merged, id)
}
