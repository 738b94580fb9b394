package engine

import (
	"context"
	"fmt"

	"github.com/sfsync/sfsync/core/salesforce"
)

// runProgress is how far a run is, per object: rows committed in this run
// (plus those a resumed Bulk job committed before) and rows expected.
// Estimates come from COUNT() before a first sync's jobs, then exactly from
// each Bulk job's numberRecordsProcessed and each incremental query's
// totalSize. Done never exceeds Estimated: a count that was low (records
// created since) is raised to what was committed.
type runProgress struct {
	order   []string // objects in the order they were first expected or read
	objects map[string]*objectProgress
}

type objectProgress struct {
	done, est int64
	base      int64 // done when the current read began
	full      bool
}

func newRunProgress() *runProgress { return &runProgress{objects: map[string]*objectProgress{}} }

func (p *runProgress) object(obj string) *objectProgress {
	o := p.objects[obj]
	if o == nil {
		o = &objectProgress{}
		p.objects[obj] = o
		p.order = append(p.order, obj)
	}
	return o
}

// beginRead starts a read of obj (a Bulk job or an incremental query);
// already is what a resumed job committed in earlier runs.
func (p *runProgress) beginRead(obj string, full bool, already int64) {
	o := p.object(obj)
	o.full = full
	o.base = o.done
	o.done += already
	o.est = max(o.est, o.done)
}

// expectRead sets how many rows the current read of obj holds in all.
func (p *runProgress) expectRead(obj string, rows int64) {
	o := p.object(obj)
	o.est = max(o.base+rows, o.done)
}

// add records committed rows.
func (p *runProgress) add(obj string, rows int64) {
	o := p.object(obj)
	o.done += rows
	o.est = max(o.est, o.done)
}

// of is the Progress to show while obj is read.
func (p *runProgress) of(obj string) Progress {
	o := p.object(obj)
	pr := Progress{Object: obj, FirstSync: o.full, Done: o.done, Estimated: o.est}
	for _, x := range p.objects {
		pr.TotalDone += x.done
		pr.TotalEstimated += x.est
	}
	return pr
}

// report shows obj's progress in the state and as an event.
func (r *runner) report(obj string) {
	p := r.progress.of(obj)
	r.e.mu.Lock()
	r.e.state.Progress = p
	r.e.mu.Unlock()
	r.e.emit(EventProgress, func(ev *Event) { ev.Progress = p })
}

// expectFull sets what a full read of obj will hold, known before it
// starts (COUNT() from EstimateFirstSync).
func (p *runProgress) expectFull(obj string, rows int64) {
	p.object(obj).full = true
	p.expectRead(obj, rows)
}

// cachedCounts is the record counts EstimateFirstSync took in this
// session, or nil.
func (e *Engine) cachedCounts(sess *session) map[string]int64 {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.sess != sess {
		return nil
	}
	return e.counts
}

// recordCounts is each object's row count, soft-deleted rows included (as
// queryAll returns them): cached for the session, else one composite call.
func (e *Engine) recordCounts(ctx context.Context, sess *session) (map[string]int64, error) {
	e.mu.Lock()
	cached := e.counts
	e.mu.Unlock()
	if cached != nil {
		return cached, nil
	}
	qs := make([]salesforce.CompositeQuery, len(Objects))
	for i, obj := range Objects {
		qs[i] = salesforce.CompositeQuery{ReferenceID: obj, SOQL: "SELECT COUNT() FROM " + obj, All: true}
	}
	res, err := sess.client.CompositeQueries(ctx, qs)
	if err != nil {
		return nil, fmt.Errorf("count records: %w", err)
	}
	counts := make(map[string]int64, len(Objects))
	for _, obj := range Objects {
		r := res[obj]
		if r.Err != nil {
			return nil, fmt.Errorf("count %s records: %w", obj, r.Err)
		}
		counts[obj] = int64(r.Result.TotalSize)
	}
	e.mu.Lock()
	if e.sess == sess {
		e.counts = counts
	}
	e.mu.Unlock()
	return counts, nil
}
