package sfsim

import (
	"fmt"
	"sort"
	"time"
)

// Late commits: a transaction stamps its records when it starts and
// becomes visible when it commits, so a row can appear in queries with a
// SystemModstamp already behind a client's saved cursor (airbytehq/airbyte
// #27146, which added a 600 s lookback; docs/salesforce-api.md §4.4-4.5).
// CreateLate and UpdateLate play such a transaction: stamped now, visible
// (to queries, Bulk jobs, record reads and Snapshot) only delay later, on
// the org's clock.

// lateCommit is a change waiting for its commit time.
type lateCommit struct {
	visible int64  // commit time, Unix ms
	apply   func() // applies the change; the caller holds o.mu
}

// CreateLate creates a record stamped now (CreatedDate, SystemModstamp)
// that becomes visible delay later. Its Id is taken now, so it sorts
// before records created while it waits.
func (o *Org) CreateLate(object string, fields map[string]any, delay time.Duration) (string, error) {
	o.lockForWrite()
	defer o.mu.Unlock()
	row, err := o.newRow(object, fields, o.nowMillis())
	if err != nil {
		return "", err
	}
	t := o.tables[o.object(object)]
	o.schedule(delay, func() { t.insertSorted(row) })
	return row[0].s, nil
}

// UpdateLate changes a record in a transaction stamped now that commits
// delay later: until then readers see the record as it was; then they see
// the new values with SystemModstamp and LastModifiedDate of the start.
func (o *Org) UpdateLate(object, id string, fields map[string]any, delay time.Duration) error {
	o.lockForWrite()
	defer o.mu.Unlock()
	t, _, vals, err := o.updateValues(object, id, fields)
	if err != nil {
		return err
	}
	at := o.nowMillis()
	o.schedule(delay, func() {
		i := t.find(id)
		if i < 0 {
			return // purged while the transaction ran
		}
		for f, v := range vals {
			if f.col < len(t.cols) {
				t.cols[f.col].set(i, v)
			}
		}
		o.touchAt(t, i, at)
	})
	return nil
}

// schedule queues a change for delay from now. The caller holds o.mu.
func (o *Org) schedule(delay time.Duration, apply func()) {
	o.late = append(o.late, lateCommit{visible: o.nowMillis() + delay.Milliseconds(), apply: apply})
	o.lateCount.Store(int32(len(o.late)))
}

// lockForWrite takes the write lock and commits what is due.
func (o *Org) lockForWrite() {
	o.mu.Lock()
	o.commitDueLocked()
}

// commitDue applies the late changes whose time has come; readers call it
// before taking their snapshot. Free when nothing waits.
func (o *Org) commitDue() {
	if o.lateCount.Load() == 0 {
		return
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	o.commitDueLocked()
}

// commitDueLocked is commitDue under the write lock, in commit order.
func (o *Org) commitDueLocked() {
	if len(o.late) == 0 {
		return
	}
	now := o.nowMillis()
	sort.SliceStable(o.late, func(a, b int) bool { return o.late[a].visible < o.late[b].visible })
	k := 0
	for k < len(o.late) && o.late[k].visible <= now {
		o.late[k].apply()
		k++
	}
	o.late = append(o.late[:0], o.late[k:]...)
	o.lateCount.Store(int32(len(o.late)))
}

// insertSorted inserts a row at its Id's place (Ids sort in creation order).
func (t *table) insertSorted(row []cellValue) {
	id := row[0].s
	ids := t.cols[0]
	i := sort.Search(t.n, func(i int) bool { return ids.strs[i] >= id })
	if i == t.n {
		t.push(row)
		return
	}
	if ids.strs[i] == id {
		panic(fmt.Sprintf("sfsim: insert of an existing Id %s", id))
	}
	for c, v := range row {
		t.cols[c].insert(i, v)
	}
	t.n++
}
