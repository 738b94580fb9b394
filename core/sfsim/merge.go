package sfsim

import (
	"fmt"
	"slices"
)

// mergeMaxLosers: a merge combines up to three records of one object, the
// master and two more (SOAP API merge(); REST has no merge resource).
const mergeMaxLosers = 2

// Merge merges losers into master, as merging duplicates in Salesforce
// does (Account, Contact or Lead): records pointing at a loser (an
// Account's Contacts, Opportunities and child Accounts) are re-parented to
// the master, their SystemModstamp moving; each loser goes to the Recycle
// Bin with MasterRecordId set to the master (queryAll shows it, IsDeleted
// true); the master's SystemModstamp moves too (docs/salesforce-api.md §9
// "Cascades"; MasterRecordId in the object reference of each).
func (o *Org) Merge(object, master string, losers ...string) error {
	o.lockForWrite()
	defer o.mu.Unlock()
	t, m, err := o.liveRow(object, master, "merge")
	if err != nil {
		return err
	}
	mr := t.obj.field("MasterRecordId")
	switch {
	case mr == nil:
		return fmt.Errorf("merge %s: INVALID_OPERATION: %s records cannot be merged", t.obj.Name, t.obj.Name)
	case len(losers) == 0 || len(losers) > mergeMaxLosers:
		return fmt.Errorf("merge %s: INVALID_OPERATION: merge one or two records into the master, not %d", t.obj.Name, len(losers))
	}
	rows := make([]int, 0, len(losers))
	for _, id := range losers {
		lt, i, err := o.liveRow(t.obj.Name, id, "merge")
		if err != nil {
			return err
		}
		if lt.cols[0].strs[i] == t.cols[0].strs[m] || slices.Contains(rows, i) {
			return fmt.Errorf("merge %s: INVALID_OPERATION: %s is the master or named twice", t.obj.Name, id)
		}
		rows = append(rows, i)
	}
	o.bin.init()
	masterID := t.cols[0].strs[m]
	for _, i := range rows {
		loser := t.cols[0].strs[i]
		o.reparent(t.obj, loser, masterID)
		t.cols[mr.col].set(i, stringCell(masterID))
		o.markDeleted(t, i, true)
		o.bin.merged[loser] = masterID
	}
	o.touch(t, m)
	return nil
}

// reparent points every lookup at obj's record from (other than
// MasterRecordId) at to, touching the records it changes.
func (o *Org) reparent(obj *objectDef, from, to string) {
	for _, child := range o.schema.objects {
		ct := o.tables[child]
		for _, f := range child.fields() {
			if f.Type != "reference" || f.col < 0 || f.Name == "MasterRecordId" || !slices.Contains(f.ReferenceTo, obj.Name) {
				continue
			}
			for j := 0; j < ct.n; j++ {
				if ct.cols[f.col].str(j) == from {
					ct.cols[f.col].set(j, stringCell(to))
					o.touch(ct, j)
				}
			}
		}
	}
}
