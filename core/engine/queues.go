package engine

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/sfsync/sfsync/core/lookup"
	"github.com/sfsync/sfsync/core/salesforce"
	"github.com/sfsync/sfsync/core/store"
)

// Queues: a Lead (or any record whose owner lookup references Group) can be
// owned by a Queue, a Group record of Type Queue with an Id starting 00G
// (docs/salesforce-api.md §9). sfsync keeps the org's Queues in the store
// (object "Group") so an owner reads as the Queue's name, resolved locally
// like a User (core/lookup). Queues are few and rarely change, so they are
// not part of the five-query incremental call: they are read in full (one
// REST call) after the first sync, on the sweep schedule, and whenever a
// committed record names a Queue the store does not have.

// queueSOQL reads every Queue. Group has no IsDeleted: deleted queues simply
// disappear, so each read replaces the stored set.
const queueSOQL = "SELECT Id, Name, DeveloperName, Type, SystemModstamp FROM Group WHERE Type = 'Queue'"

// queuePlan is how Queue rows are stored.
var queuePlan = &objectPlan{object: lookup.GroupObject,
	cols:  []string{"Id", "Name", "DeveloperName", "Type", "SystemModstamp"},
	forms: []valueForm{formText, formText, formText, formText, formDateTime}}

const queuePrefix = "00G"

// queueColumnsOf lists the plan's columns whose Ids may name a Queue.
func (p *objectPlan) queueColumnsOf() []int {
	o := p.cat.Object(p.object)
	var out []int
	for i, c := range p.cols {
		if f, ok := o.Field(c); ok && slices.Contains(f.References, lookup.GroupObject) {
			out = append(out, i)
		}
	}
	return out
}

// queueTap passes a page's rows through, noting Queue Ids in owner columns.
type queueTap struct {
	src  store.RowSource
	cols []int
	seen map[string]bool
}

func (t *queueTap) NextRow() ([]string, []bool, error) {
	vals, nulls, err := t.src.NextRow()
	if err != nil {
		return vals, nulls, err
	}
	for _, i := range t.cols {
		if v := vals[i]; strings.HasPrefix(v, queuePrefix) && !t.seen[v] {
			t.seen[v] = true
		}
	}
	return vals, nulls, nil
}

// tapQueues wraps rows of plan so the run learns which Queues they name.
func (r *runner) tapQueues(plan *objectPlan, rows store.RowSource) store.RowSource {
	cols := plan.queueColumnsOf()
	if len(cols) == 0 {
		return rows
	}
	if r.queueIDs == nil {
		r.queueIDs = map[string]bool{}
	}
	return &queueTap{src: rows, cols: cols, seen: r.queueIDs}
}

// queuesDue reports whether the Queues must be read in this run.
func (r *runner) queuesDue() (bool, error) {
	owned := false
	for _, p := range r.plans {
		owned = owned || len(p.queueColumnsOf()) > 0
	}
	if !owned {
		return false, nil
	}
	last := r.set.Refreshed[lookup.GroupObject]
	if last.IsZero() || (r.set.SweepEvery != store.Never && r.e.now().Sub(last) >= r.set.SweepEvery) {
		return true, nil
	}
	for id := range r.queueIDs {
		rec, err := r.e.st.Get(lookup.GroupObject, id)
		if err != nil {
			return false, err
		}
		if rec == nil {
			return true, nil
		}
	}
	return false, nil
}

// syncQueues reads every Queue (one call) and replaces the stored set: the
// new rows are committed first, then the Queues no longer in the org go.
func (r *runner) syncQueues(ctx context.Context) error {
	due, err := r.queuesDue()
	if err != nil || !due {
		return err
	}
	var live store.IDSet
	start := time.Time{}
	err = r.sess.client.QueryPages(ctx, queueSOQL, false, func(page *salesforce.QueryResult) error {
		if start.IsZero() {
			start = r.sess.clock.lastStart()
		}
		rows := &idTap{src: newRecordRows(queuePlan, page.Records), set: &live}
		_, err := r.e.st.ApplyPage(store.Page{Object: lookup.GroupObject, Columns: queuePlan.cols, Rows: rows})
		return err
	})
	if err != nil {
		return fmt.Errorf("read queues: %w", err)
	}
	live.Seal()
	if _, err := r.e.st.DeleteAbsent(lookup.GroupObject, &live); err != nil {
		return err
	}
	return r.markRefreshed(lookup.GroupObject, true)
}
