package engine

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/sfsync/sfsync/core/salesforce"
	"github.com/sfsync/sfsync/core/store"
)

// bulkRead is one object's Bulk API 2.0 queryAll job in the pipeline:
// created (its checkpoint committed before any page), polled as its state
// says (salesforce.PollPolicy), its pages read and committed in order, each
// with the checkpoint after it, and deleted. A job that is lost (deleted,
// failed, aborted, locator expired) is replaced once; one still unfinished
// JobTimeout after its creation is aborted, and the next run starts anew.
type bulkRead struct {
	p   *pipeline
	rd  *read
	cp  store.Checkpoint
	old *time.Time // the object's bookmark before this read

	created  time.Time // server time the job was created
	delay    time.Duration
	state    string
	replaced bool
}

func (p *pipeline) startBulk(rd *read) {
	rd.bulk = true
	b := &bulkRead{p: p, rd: rd}
	bm, ok, err := p.r.e.st.Bookmark(rd.obj)
	if err != nil {
		p.fail(rd, err)
		return
	}
	if ok {
		b.old = &bm
	}
	if rd.resume == nil {
		b.create()
		return
	}
	b.cp = *rd.resume
	b.created = b.cp.Bookmark.Add(p.r.e.cfg.Lookback)
	p.r.progress.beginRead(rd.obj, rd.full(), b.cp.Rows)
	b.poll()
}

// create starts the job and commits its checkpoint with the bookmark the
// object gets when the job's last page is committed: the job's creation
// time on the server minus the lookback (the job's snapshot is taken after
// it was created).
func (b *bulkRead) create() {
	q, err := b.p.r.plans[b.rd.obj].soql(b.rd.since)
	if err != nil {
		b.p.fail(b.rd, err)
		return
	}
	client := b.p.r.sess.client
	spawn(b.p, func(ctx context.Context) (*salesforce.Job, error) {
		return client.CreateQueryJob(ctx, q, true)
	}, b.onCreated)
}

func (b *bulkRead) onCreated(job *salesforce.Job, err error) {
	if b.p.dead(b.rd) {
		return
	}
	if err != nil && errors.Is(err, salesforce.ErrLimitExceeded) && b.rd.resume == nil {
		// The org's Bulk query jobs for the day are spent: REST pages cost
		// more calls, but the object still syncs.
		b.p.r.e.log.Info("bulk query jobs spent: reading with REST pages", "object", b.rd.obj, "err", err)
		b.rd.bulk, b.rd.noBulk = false, true
		b.p.startREST([]*read{b.rd})
		return
	}
	if err != nil {
		b.p.fail(b.rd, fmt.Errorf("%s: %w", b.rd.obj, err))
		return
	}
	start, perr := time.Parse("2006-01-02T15:04:05.000-0700", job.CreatedDate)
	if perr != nil {
		start = b.p.r.sess.clock.lastStart()
	}
	if start.IsZero() {
		b.p.fail(b.rd, fmt.Errorf("%s: no server time for bulk job %s", b.rd.obj, job.ID))
		return
	}
	b.created = start
	b.cp = store.Checkpoint{JobID: job.ID, Bookmark: start.Add(-b.p.r.e.cfg.Lookback), Full: b.rd.full(), Reread: b.rd.reread,
		Columns: b.p.r.plans[b.rd.obj].cols}
	// The first poll's wait runs while the checkpoint commits.
	b.delay = b.p.r.sess.client.PollPolicy().Next(0, true)
	b.p.after(b.delay, b.poll)
	if err := b.p.r.e.st.SetProgress(b.rd.obj, store.Progress{Checkpoint: &b.cp}); err != nil {
		b.p.fail(b.rd, err)
		return
	}
	b.p.r.progress.beginRead(b.rd.obj, b.rd.full(), 0)
	if b.rd.rows >= 0 {
		b.p.r.progress.expectRead(b.rd.obj, b.rd.rows)
	}
}

// polled is a job's state and the server time the poll reached it.
type polled struct {
	job *salesforce.Job
	at  time.Time
}

func (b *bulkRead) poll() {
	if b.p.dead(b.rd) {
		return
	}
	client, id := b.p.r.sess.client, b.cp.JobID
	spawn(b.p, func(ctx context.Context) (polled, error) {
		ctx, at := withServerTime(ctx)
		job, err := client.GetJob(ctx, id)
		return polled{job, at.get()}, err
	}, b.onPolled)
}

func (b *bulkRead) onPolled(res polled, err error) {
	if b.p.dead(b.rd) {
		return
	}
	if err == nil {
		err = res.job.Err()
	}
	switch {
	case err != nil:
		b.lost(err)
	case res.job.State == salesforce.JobComplete:
		b.p.r.progress.expectRead(b.rd.obj, res.job.NumberRecordsProcessed)
		b.fetch(b.cp.Locator)
	case !res.at.IsZero() && res.at.Sub(b.created) > b.p.r.e.cfg.JobTimeout:
		b.abort(res.job.State)
	default:
		b.delay = b.p.r.sess.client.PollPolicy().Next(b.delay, res.job.State != b.state)
		b.state = res.job.State
		b.p.after(b.delay, b.poll)
	}
}

// fetch reads the page at locator once a page may be held.
func (b *bulkRead) fetch(locator string) {
	client, id := b.p.r.sess.client, b.cp.JobID
	b.p.withPage(func(page *salesforce.ResultPage) {
		if b.p.dead(b.rd) {
			b.p.releasePage(page)
			return
		}
		page.JobID = id
		spawn(b.p, func(ctx context.Context) (struct{}, error) {
			return struct{}{}, client.ReadResultsPage(ctx, page, locator)
		}, func(_ struct{}, err error) { b.onPage(page, err) })
	})
}

// onPage starts fetching the next page, then commits this one.
func (b *bulkRead) onPage(page *salesforce.ResultPage, err error) {
	defer b.p.releasePage(page)
	if b.p.dead(b.rd) {
		return
	}
	if err != nil {
		b.lost(err)
		return
	}
	if !page.Done() {
		b.fetch(page.NextLocator)
	}
	if err := b.commit(page); err != nil {
		b.p.fail(b.rd, fmt.Errorf("%s: %w", b.rd.obj, err))
		return
	}
	if page.Done() {
		b.rd.done = true
		b.remove()
	}
}

// commit writes the page's rows with the checkpoint after it; the last
// page clears the checkpoint and moves the bookmark (never backwards).
func (b *bulkRead) commit(page *salesforce.ResultPage) error {
	plan := b.p.r.plans[b.rd.obj]
	rows, err := newBulkRows(plan, page)
	if err != nil {
		return err
	}
	next := b.cp
	next.Locator, next.Rows = page.NextLocator, b.cp.Rows+int64(page.Len())
	prog := store.Progress{Checkpoint: &next}
	if page.Done() {
		bm := b.cp.Bookmark
		if b.old != nil && b.old.After(bm) {
			bm = *b.old
		}
		prog = store.Progress{ClearCheckpoint: true, Bookmark: &bm}
	}
	counts, err := b.p.r.e.st.ApplyPage(store.Page{Object: b.rd.obj, Columns: plan.cols,
		Rows: b.p.r.tapQueues(plan, rows), Progress: prog})
	if err != nil {
		return err
	}
	b.cp = next
	b.p.r.committed(b.rd, counts, int64(page.Len()))
	if page.Done() && b.rd.full() {
		return b.p.r.fullReadDone(b.rd)
	}
	return nil
}

// remove deletes the finished job. Every page is committed; a failed
// delete is only logged: Salesforce removes finished jobs after 7 days.
func (b *bulkRead) remove() {
	client, id, log := b.p.r.sess.client, b.cp.JobID, b.p.r.e.log
	spawn(b.p, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, client.DeleteJob(ctx, id)
	}, func(_ struct{}, err error) {
		if err != nil && !errors.Is(err, salesforce.ErrNotFound) {
			if runWide(b.p.parent, err) {
				b.p.fail(b.rd, err)
				return
			}
			log.Info("bulk job cleanup failed", "object", b.rd.obj, "err", err)
		}
	})
}

// lost replaces a job that is gone, failed or aborted, or whose locator
// expired, once: a full read starts over cleanly, a read of changes keeps
// its bookmark. Other errors end the read.
func (b *bulkRead) lost(err error) {
	err = fmt.Errorf("%s: %w", b.rd.obj, err)
	if !jobGone(err) || b.replaced || runWide(b.p.parent, err) {
		b.p.fail(b.rd, err)
		return
	}
	b.replaced = true
	b.p.r.e.log.Info("bulk job gone, starting a new one", "object", b.rd.obj, "err", err)
	if serr := b.p.r.forgetJob(b.rd); serr != nil {
		b.p.fail(b.rd, serr)
		return
	}
	b.rd.resume = nil
	b.create()
}

func jobGone(err error) bool {
	return errors.Is(err, salesforce.ErrNotFound) || errors.Is(err, salesforce.ErrJobFailed) ||
		errors.Is(err, salesforce.ErrJobAborted) || errors.Is(err, salesforce.ErrInvalidQueryLocator)
}

// abort gives up on a job that outlived JobTimeout: Salesforce is asked to
// abort it, the job leaves the checkpoint (forgetJob: a full read stays
// due), and the object's failure says why.
func (b *bulkRead) abort(state string) {
	client, id := b.p.r.sess.client, b.cp.JobID
	spawn(b.p, func(ctx context.Context) (*salesforce.Job, error) {
		return client.AbortJob(ctx, id)
	}, func(_ *salesforce.Job, err error) {
		if err != nil && runWide(b.p.parent, err) {
			b.p.fail(b.rd, err)
			return
		}
		if err != nil {
			b.p.r.e.log.Info("abort bulk job", "object", b.rd.obj, "err", err)
		}
		if serr := b.p.r.forgetJob(b.rd); serr != nil {
			b.p.fail(b.rd, serr)
			return
		}
		b.p.fail(b.rd, &jobTimeoutError{obj: b.rd.obj, state: state, limit: b.p.r.e.cfg.JobTimeout})
	})
}

// jobTimeoutError: a Bulk job did not finish within JobTimeout.
type jobTimeoutError struct {
	obj, state string
	limit      time.Duration
}

func (e *jobTimeoutError) Error() string {
	return fmt.Sprintf("Salesforce's Bulk job for %s was still %s after %s, so sfsync canceled it; "+
		"the next sync starts a new one", e.obj, e.state, minutes(e.limit))
}

// minutes words a duration of whole minutes ("30 minutes").
func minutes(d time.Duration) string {
	switch n := int(d.Round(time.Minute).Minutes()); {
	case d < time.Minute:
		return d.String()
	case n == 1:
		return "1 minute"
	default:
		return fmt.Sprintf("%d minutes", n)
	}
}
