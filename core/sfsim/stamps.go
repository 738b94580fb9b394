package sfsim

import (
	"fmt"
	"time"
)

// TouchMany updates the first n live records of object (in Id order) in one
// transaction, as a mass update or an automated process does: every one of
// them gets the same SystemModstamp and LastModifiedDate, now. With n above
// a query page (2,000 REST rows) the shared stamp straddles page and
// result-set boundaries. SystemModstamp is not unique: bulk updates share
// values (supaglue-labs/supaglue#532; docs/salesforce-api.md §4.1). It
// returns the Ids and the shared stamp.
func (o *Org) TouchMany(object string, n int) ([]string, time.Time, error) {
	o.lockForWrite()
	defer o.mu.Unlock()
	obj := o.object(object)
	if obj == nil {
		return nil, time.Time{}, fmt.Errorf("touch %s: NOT_FOUND: no such object", object)
	}
	if obj.lookup("systemmodstamp") == nil {
		return nil, time.Time{}, fmt.Errorf("touch %s: INVALID_OPERATION: %s has no SystemModstamp", obj.Name, obj.Name)
	}
	t := o.tables[obj]
	del := obj.deletedField()
	rows := make([]int, 0, n)
	for i := 0; i < t.n && len(rows) < n; i++ {
		if del == nil || !t.cols[del.col].bools[i] {
			rows = append(rows, i)
		}
	}
	if len(rows) < n {
		return nil, time.Time{}, fmt.Errorf("touch %s: only %d live records, not %d", obj.Name, len(rows), n)
	}
	ids := make([]string, len(rows))
	for k, i := range rows {
		o.touch(t, i)
		ids[k] = t.cols[0].strs[i]
	}
	return ids, time.UnixMilli(o.nowMillis()).UTC(), nil
}
