package engine

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/sfsync/sfsync/core/salesforce"
	"github.com/sfsync/sfsync/core/store"
)

// runner is the state of one run.
type runner struct {
	e      *Engine
	sess   *session
	set    store.SourceSettings
	guard  *quotaGuard
	run    *store.Run
	plans  map[string]*objectPlan
	notice string // schema drift message for State.Detail
	// queueIDs are the Queue Ids committed rows named (see queues.go).
	queueIDs map[string]bool

	progress *runProgress
}

// sync runs the sync, and once more after dropping fields Salesforce no
// longer has (schema drift).
func (r *runner) sync(ctx context.Context) error {
	err := r.syncOnce(ctx)
	if err == nil || !isDrift(err) {
		return err
	}
	dropped, derr := r.dropMissingFields(ctx)
	if derr != nil {
		return errors.Join(err, derr)
	}
	if len(dropped) == 0 {
		return err
	}
	return r.syncOnce(ctx)
}

func isDrift(err error) bool {
	return errors.Is(err, salesforce.ErrInvalidField)
}

// syncOnce brings every object up to date: unfinished or needed Bulk jobs
// first (User first), then one composite call for the incremental check.
func (r *runner) syncOnce(ctx context.Context) error {
	if err := r.makePlans(); err != nil {
		return err
	}
	type bulkRead struct {
		obj    string
		resume *store.Checkpoint
		since  *time.Time
	}
	var reads []bulkRead
	var firstSyncs []string
	for _, obj := range Objects {
		cp, hasCP, err := r.e.st.Checkpoint(obj)
		if err != nil {
			return err
		}
		bm, hasBM, err := r.e.st.Bookmark(obj)
		if err != nil {
			return err
		}
		widened := false
		if !hasCP {
			if widened, err = r.widened(obj); err != nil {
				return err
			}
		}
		if !hasCP && hasBM && !widened {
			continue
		}
		read := bulkRead{obj: obj}
		switch {
		case hasCP && cp.Full, widened:
			// A full read: the first sync, or a re-read after the selection
			// widened (the stored rows stay until each is replaced).
		case hasBM:
			read.since = &bm
		}
		if !hasBM {
			firstSyncs = append(firstSyncs, obj)
		}
		if hasCP {
			read.resume = &cp
		}
		reads = append(reads, read)
	}
	r.expectFirstSyncs(ctx, firstSyncs)
	for _, read := range reads {
		if err := r.bulk(ctx, read.obj, read.resume, read.since); err != nil {
			return err
		}
	}
	if err := r.incremental(ctx); err != nil {
		return err
	}
	if err := r.syncQueues(ctx); err != nil {
		return err
	}
	return r.refresh(ctx)
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

// widened reports whether obj's selection gained columns its stored rows
// lack, so it must be read again in full. The stored rows are not cleared:
// they stay visible and correct until each is replaced by its re-read row,
// and a failed re-read leaves them as they were. Dropped columns need no
// re-read: the rows keep values nobody reads.
func (r *runner) widened(obj string) (bool, error) {
	stored, err := r.e.st.Columns(obj)
	if err != nil || stored == nil {
		return false, err
	}
	for _, c := range r.plans[obj].cols {
		if !slices.Contains(stored, c) {
			r.e.log.Info("field selection widened: full re-read", "object", obj, "field", c)
			return true, nil
		}
	}
	return false, nil
}

// bulk reads obj with a Bulk queryAll job (full when since is nil), resuming
// a committed checkpoint. A job that is gone, failed or aborted is replaced
// once: a full sync starts over cleanly, an incremental one keeps its
// bookmark.
func (r *runner) bulk(ctx context.Context, obj string, resume *store.Checkpoint, since *time.Time) error {
	cp := resume
	if cp != nil && cp.JobID == "" {
		cp = nil // a full read asked for (see askFullRead), its job not yet created
	}
	for attempt := 0; ; attempt++ {
		if cp == nil {
			var err error
			if cp, err = r.createJob(ctx, obj, since); err != nil {
				return err
			}
		}
		err := r.readJob(ctx, obj, *cp, since == nil)
		if err == nil || !jobGone(err) || attempt > 0 {
			return err
		}
		r.e.log.Info("bulk job gone, starting a new one", "object", obj, "err", err)
		// Only the job is forgotten: committed rows stay and the new job
		// replaces them row by row (an incremental one keeps its bookmark).
		if err := r.e.st.SetProgress(obj, store.Progress{ClearCheckpoint: true}); err != nil {
			return err
		}
		cp = nil
	}
}

func jobGone(err error) bool {
	return errors.Is(err, salesforce.ErrNotFound) || errors.Is(err, salesforce.ErrJobFailed) ||
		errors.Is(err, salesforce.ErrJobAborted) || errors.Is(err, salesforce.ErrInvalidQueryLocator)
}

// createJob starts a job and commits its checkpoint before any page, with
// the bookmark the object gets when the job's last page is committed: the
// job's creation time on the server minus the lookback (the job's snapshot
// is taken after it was created).
func (r *runner) createJob(ctx context.Context, obj string, since *time.Time) (*store.Checkpoint, error) {
	if err := r.guard.check(); err != nil {
		return nil, err
	}
	q, err := r.plans[obj].soql(since)
	if err != nil {
		return nil, err
	}
	job, err := r.sess.client.CreateQueryJob(ctx, q, true)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", obj, err)
	}
	start := jobStart(job, r.sess.clock)
	if start.IsZero() {
		return nil, fmt.Errorf("%s: no server time for bulk job %s", obj, job.ID)
	}
	cp := &store.Checkpoint{JobID: job.ID, Bookmark: start.Add(-r.e.cfg.Lookback), Full: since == nil}
	if cp.Full {
		n, err := r.e.st.Count(obj)
		if err != nil {
			return nil, err
		}
		cp.Reread = n > 0
	}
	if err := r.e.st.SetProgress(obj, store.Progress{Checkpoint: cp}); err != nil {
		return nil, err
	}
	return cp, nil
}

// readJob commits the job's pages from cp on, each with the checkpoint after
// it; the last page clears the checkpoint and moves the bookmark.
func (r *runner) readJob(ctx context.Context, obj string, cp store.Checkpoint, full bool) error {
	plan := r.plans[obj]
	oldBM, hasBM, err := r.e.st.Bookmark(obj)
	if err != nil {
		return err
	}
	finished := false
	r.progress.beginRead(obj, full, cp.Rows)
	err = r.sess.client.ResumeBulkQuery(ctx, salesforce.Checkpoint{JobID: cp.JobID, Locator: cp.Locator},
		func(page *salesforce.ResultPage) error {
			r.progress.expectRead(obj, page.JobRecords)
			bulkRows, err := newBulkRows(plan, page)
			if err != nil {
				return err
			}
			rows := r.tapQueues(plan, bulkRows)
			var prog store.Progress
			if page.Done() {
				bm := cp.Bookmark
				if hasBM && oldBM.After(bm) {
					bm = oldBM
				}
				prog = store.Progress{ClearCheckpoint: true, Bookmark: &bm}
			} else {
				next := cp
				next.Locator, next.Rows = page.NextLocator, cp.Rows+int64(page.Len())
				prog = store.Progress{Checkpoint: &next}
			}
			counts, err := r.e.st.ApplyPage(store.Page{Object: obj, Columns: plan.cols, Rows: rows, Progress: prog})
			if err != nil {
				return err
			}
			if cp.Reread {
				counts.Reread, counts.Updated = counts.Updated, 0
			}
			cp.Locator, cp.Rows = page.NextLocator, cp.Rows+int64(page.Len())
			r.committed(obj, counts, int64(page.Len()))
			if page.Done() {
				finished = true
				return nil
			}
			return r.guard.check()
		})
	if finished && cp.Full {
		if ferr := r.fullReadDone(obj, cp); ferr != nil {
			return ferr
		}
	}
	if err != nil && finished {
		// Every page is committed; only deleting the job failed, and
		// Salesforce removes finished jobs after 7 days anyway.
		r.e.log.Info("bulk job cleanup failed", "object", obj, "err", err)
		return nil
	}
	if err != nil {
		return fmt.Errorf("%s: %w", obj, err)
	}
	return nil
}

// committed records a committed page in the run and reports progress.
func (r *runner) committed(obj string, c store.Counts, rows int64) {
	total := r.run.Objects[obj]
	total.Add(c)
	r.run.Objects[obj] = total
	r.progress.add(obj, rows)
	r.report(obj)
}
