package engine

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/sfsync/sfsync/core/salesforce"
	"github.com/sfsync/sfsync/core/store"
	"github.com/sfsync/sfsync/core/wording"
)

// runner is the state of one run.
type runner struct {
	e      *Engine
	sess   *session
	set    store.SourceSettings
	run    *store.Run
	plans  map[string]*objectPlan
	notice string // schema drift message for State.Detail
	failed map[string]error
	calls  *salesforce.CallCounter // the run's API calls
	// queueIDs are the Queue Ids committed rows named (see queues.go).
	queueIDs map[string]bool

	progress *runProgress
}

// readKind says what a read brings in, and so what its last page commits.
type readKind int

const (
	readFull    readKind = iota + 1 // every row: the object's first sync, or a re-read
	readChanges                     // rows whose SystemModstamp is at or after the bookmark
)

// read is one object's read in a run: what to query, whether through REST
// query pages or a Bulk job, and how far it got. The run's reads go to
// execute together; work of another kind on an object (a hard-delete
// sweep, a formula refresh) is a read of its own kind queued with them.
type read struct {
	obj    string
	kind   readKind
	since  *time.Time        // readChanges: the bookmark
	resume *store.Checkpoint // a Bulk job an earlier run committed pages of
	bulk   bool              // a Bulk job (else REST query pages)
	noBulk bool              // the org refused a Bulk job: REST pages only
	rows   int64             // rows expected; -1 while unknown
	reread bool              // a full read over stored rows (counted as re-read)
	done   bool              // its last page is committed
	err    error             // why the read failed, once it has
}

func (rd *read) full() bool { return rd.kind == readFull }

// sync brings every object up to date. One object's failure does not stop
// the others: the run ends with an *objectsError naming each failed
// object. An object whose query names fields Salesforce no longer has is
// read again once they are dropped from the selection (schema drift).
func (r *runner) sync(ctx context.Context) error {
	if err := r.describeMissing(ctx); err != nil {
		return err
	}
	if err := r.makePlans(); err != nil {
		return err
	}
	reads, err := r.planReads(Objects)
	if err != nil {
		return err
	}
	if err := r.execute(ctx, reads); err != nil {
		return err
	}
	if err := r.catchUp(ctx, reads); err != nil {
		return err
	}
	if drifted := r.drifted(); len(drifted) > 0 {
		dropped, err := r.dropMissingFields(ctx)
		if err != nil {
			return r.alsoFailed(err)
		}
		if len(dropped) > 0 {
			if err := r.retry(ctx, drifted); err != nil {
				return err
			}
		}
	}
	if err := r.syncQueues(ctx); err != nil {
		return r.alsoFailed(err)
	}
	if err := r.refresh(ctx); err != nil {
		return r.alsoFailed(err)
	}
	return r.objectsErr()
}

// catchUp reads, in the same run, the changes since the snapshot of each
// Bulk job an earlier run created and this one finished: that job's rows
// are as old as the run that created it, and a run that ended with them
// would leave every change made since unread until the next run. The
// finished job set the object's bookmark, so this is one incremental read
// (usually a share of one composite call).
func (r *runner) catchUp(ctx context.Context, reads []*read) error {
	var objs []string
	for _, rd := range reads {
		if rd.resume != nil && rd.done && r.failed[rd.obj] == nil {
			objs = append(objs, rd.obj)
		}
	}
	if len(objs) == 0 {
		return nil
	}
	more, err := r.planReads(objs)
	if err != nil {
		return err
	}
	return r.execute(ctx, more)
}

// retry reads objs again after their failure was dealt with.
func (r *runner) retry(ctx context.Context, objs []string) error {
	for _, obj := range objs {
		delete(r.failed, obj)
	}
	if err := r.makePlans(); err != nil {
		return err
	}
	reads, err := r.planReads(objs)
	if err != nil {
		return err
	}
	return r.execute(ctx, reads)
}

// execute runs reads side by side (see pipeline): Bulk jobs are created at
// once, the REST reads share one composite call per five objects.
func (r *runner) execute(ctx context.Context, reads []*read) error {
	p := newPipeline(ctx, r)
	var rest []*read
	for _, rd := range reads {
		if rd.bulk {
			p.startBulk(rd)
		} else {
			rest = append(rest, rd)
		}
	}
	for chunk := range slices.Chunk(rest, salesforce.MaxCompositeQueries) {
		p.startREST(chunk)
	}
	if err := p.wait(); err != nil {
		return err
	}
	for _, rd := range reads {
		if !rd.done && rd.err == nil { // a bug, but never a silent gap in the data
			r.objectFailed(rd.obj, fmt.Errorf("%s: the read ended before its last page", rd.obj))
		}
	}
	return nil
}

// planReads decides each object's read: an unfinished Bulk job is resumed;
// an object without a bookmark is read in full, one with a bookmark from
// it. A read goes through a Bulk job when its object is known to hold more
// rows than BulkThreshold (COUNT() from EstimateFirstSync); the others go
// through REST, whose first page tells their size (see startREST).
func (r *runner) planReads(objs []string) ([]*read, error) {
	counts := r.e.cachedCounts(r.sess)
	var reads []*read
	for _, obj := range objs {
		if err := r.resyncIfWidened(obj); err != nil {
			return nil, err
		}
		cp, hasCP, err := r.e.st.Checkpoint(obj)
		if err != nil {
			return nil, err
		}
		bm, hasBM, err := r.e.st.Bookmark(obj)
		if err != nil {
			return nil, err
		}
		rd := &read{obj: obj, kind: readFull, rows: -1}
		if hasBM && !(hasCP && cp.Full) {
			rd.kind, rd.since = readChanges, &bm
		}
		switch {
		case hasCP && cp.JobID != "":
			rd.bulk, rd.resume, rd.reread = true, &cp, cp.Reread
		case rd.full():
			n, err := r.e.st.Count(obj)
			if err != nil {
				return nil, err
			}
			rd.reread = n > 0
		}
		if n, ok := counts[obj]; ok && rd.full() {
			rd.rows = n
			rd.bulk = rd.bulk || n > int64(r.e.cfg.BulkThreshold)
			r.progress.expectFull(obj, n)
		}
		reads = append(reads, rd)
	}
	return reads, nil
}

// objectFailed records obj's failure in the run.
func (r *runner) objectFailed(obj string, err error) {
	if r.failed == nil {
		r.failed = map[string]error{}
	}
	r.failed[obj] = err
	r.e.log.Warn("object not synced", "object", obj, "err", err)
}

// drifted lists the objects that failed on fields Salesforce no longer has.
func (r *runner) drifted() []string {
	var out []string
	for _, obj := range Objects {
		if err := r.failed[obj]; err != nil && errors.Is(err, salesforce.ErrInvalidField) {
			out = append(out, obj)
		}
	}
	return out
}

// objectsErr is the run's per-object failures as one error (nil: none).
func (r *runner) objectsErr() error {
	if len(r.failed) == 0 {
		return nil
	}
	return &objectsError{failed: maps.Clone(r.failed)}
}

// alsoFailed adds a later step's failure to the objects' failures. One with
// their cause (the store file removed or damaged: every later write meets
// it) is not said a second time, with Go's "bookmark User: " before it.
func (r *runner) alsoFailed(err error) error {
	oe := r.objectsErr()
	for _, cause := range []error{store.ErrReplaced, store.ErrDamaged} {
		if oe != nil && errors.Is(err, cause) && errors.Is(oe, cause) {
			return oe
		}
	}
	return errors.Join(oe, err)
}

// objectsError reports the objects a run could not sync while it synced
// the others.
type objectsError struct {
	failed map[string]error
}

func (e *objectsError) Error() string {
	var keys []string
	objs, first := map[string][]string{}, map[string]string{}
	for _, obj := range Objects {
		err, ok := e.failed[obj]
		if !ok {
			continue
		}
		k := sharedReason(obj, err)
		if _, seen := objs[k]; !seen {
			keys = append(keys, k)
			first[k] = reason(obj, err)
		}
		objs[k] = append(objs[k], obj)
	}
	parts := make([]string, len(keys))
	for i, k := range keys {
		why := k
		if len(objs[k]) == 1 {
			why = first[k] // one object: its reason in full
		}
		parts[i] = wording.And(objs[k]) + ": " + why
	}
	return strings.Join(parts, "; ")
}

// all reports whether every object of a run failed.
func (e *objectsError) all() bool { return len(e.failed) >= len(Objects) }

// sharedReason is what obj's failure has in common with other objects'
// failures from the same cause (one composite call answers for all five):
// reason's sentence where it names no object, else the innermost error,
// without the wrapping that names obj.
func sharedReason(obj string, err error) string {
	r := reason(obj, err)
	if !strings.Contains(r, obj) {
		return r
	}
	for inner := errors.Unwrap(err); inner != nil; inner = errors.Unwrap(inner) {
		err = inner
	}
	return strings.TrimSuffix(err.Error(), ".")
}

// Unwrap lets errors.Is see each object's error.
func (e *objectsError) Unwrap() []error { return slices.Collect(maps.Values(e.failed)) }

// reasons is the per-object sentences for the run history and State.
func (e *objectsError) reasons() map[string]string {
	out := make(map[string]string, len(e.failed))
	for obj, err := range e.failed {
		out[obj] = reason(obj, err)
	}
	return out
}

// reason words obj's failure for the person, without the object's name in
// front (the caller names it). A removed or damaged store is said as the
// store says it, without the step that met it ("update settings: "), so
// every object it stopped shares the one sentence.
func reason(obj string, err error) string {
	var te *jobTimeoutError
	var replaced *store.ReplacedError
	var damaged *store.DamagedError
	switch {
	case errors.As(err, &te):
		return te.Error()
	case errors.As(err, &replaced):
		return replaced.Error()
	case errors.As(err, &damaged):
		return strings.TrimSuffix(damaged.Error(), ".")
	case errors.Is(err, salesforce.ErrConcurrentLimit):
		return "Salesforce turned the requests away because too many long requests ran in the org at once " +
			"(a concurrent-request limit, not the daily one); sfsync waited and retried"
	}
	return strings.TrimSuffix(strings.TrimPrefix(err.Error(), obj+": "), ".")
}

// makePlans builds each object's columns, value forms and query from the
// selection and the catalog of the cached describes.
func (r *runner) makePlans() error {
	cat, err := r.e.catalog()
	if err != nil {
		return err
	}
	if cat == nil {
		return errors.New("the org's fields are not known (no describe cached): choose Connect again")
	}
	if _, err := r.dropAbsent(cat); err != nil {
		return err
	}
	sel := completeSelection(cat, r.set.Fields)
	r.plans = map[string]*objectPlan{}
	for _, obj := range Objects {
		p, err := newObjectPlan(cat, sel, obj)
		if err != nil {
			return fmt.Errorf("%w; fix the selection in Edit data sync", err)
		}
		r.plans[obj] = p
	}
	return nil
}

// resyncIfWidened reads an object in full again when its selection gained
// columns the stored rows lack, or that a pending Bulk job's query does
// not select (its pages could not fill them: the job is left to expire and
// the object is read in full). Dropped columns need no re-read: the rows
// keep values nobody reads.
func (r *runner) resyncIfWidened(obj string) error {
	cp, hasCP, err := r.e.st.Checkpoint(obj)
	if err != nil {
		return err
	}
	if hasCP {
		if c, missing := lacking(cp.Columns, r.plans[obj].cols); cp.JobID != "" && cp.Columns != nil && missing {
			r.e.log.Info("field selection widened during a Bulk job: full re-read", "object", obj, "field", c, "job", cp.JobID)
			return r.rereadAll(obj)
		}
		return nil // a job-less full read carries the new columns
	}
	stored, err := r.e.st.Columns(obj)
	if err != nil || stored == nil {
		return err
	}
	if c, missing := lacking(stored, r.plans[obj].cols); missing {
		r.e.log.Info("field selection widened: full re-read", "object", obj, "field", c)
		return r.rereadAll(obj)
	}
	return nil
}

// lacking returns the first of cols that have does not contain.
func lacking(have, cols []string) (string, bool) {
	for _, c := range cols {
		if !slices.Contains(have, c) {
			return c, true
		}
	}
	return "", false
}

// rereadAll makes obj's next read a full one (after its selection widened,
// or a sweep found many records the store lacks): a job-less full
// checkpoint. The stored rows are not cleared: they stay visible and
// correct until each is replaced by its re-read row, and a failed re-read
// leaves them as they were.
func (r *runner) rereadAll(obj string) error {
	return r.e.st.SetProgress(obj, store.Progress{Checkpoint: &store.Checkpoint{Full: true}})
}

// forgetJob drops rd's Bulk job (lost midway: deleted, failed, aborted,
// locator expired; or cancelled after JobTimeout). A read of changes keeps
// its bookmark. A full read keeps a job-less full checkpoint, so whichever
// run reads the object next reads it in full: pages the job committed
// carry the new field set, after which the store can no longer tell
// (resyncIfWidened) which rows still lack a widened column, and a full
// read's rows not yet read (shared again, found by a sweep) would be
// missed. Committed rows stay; the next job replaces them row by row.
func (r *runner) forgetJob(rd *read) error {
	if !rd.full() {
		return r.e.st.SetProgress(rd.obj, store.Progress{ClearCheckpoint: true})
	}
	return r.e.st.SetProgress(rd.obj, store.Progress{Checkpoint: &store.Checkpoint{Full: true, Reread: rd.reread}})
}

// committed records a committed page in the run and reports progress. A
// full read over stored rows counts them as re-read, not updated.
func (r *runner) committed(rd *read, c store.Counts, rows int64) {
	obj := rd.obj
	if rd.reread {
		c.Reread, c.Updated, c.Unchanged = c.Updated+c.Unchanged, 0, 0
	}
	total := r.run.Objects[obj]
	total.Add(c)
	r.run.Objects[obj] = total
	// Every row of a page is added, updated (re-read), deleted from the
	// store, quarantined, or a deleted row the store never held: skipped.
	stored := int64(c.Added + c.Updated + c.Reread + c.Deleted + c.Quarantined + c.Unchanged)
	r.progress.add(obj, rows, max(rows-stored, 0))
	r.report(obj)
}
