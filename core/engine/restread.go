package engine

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/sfsync/sfsync/core/salesforce"
	"github.com/sfsync/sfsync/core/store"
)

// answered is a composite's answers and the server time it was sent at.
type answered struct {
	res map[string]salesforce.CompositeQueryResult
	at  time.Time
}

// startREST sends the reads' queryAll queries in ONE composite call (at
// most five): "WHERE SystemModstamp >= bookmark" for a read of changes,
// everything for a full read. Each answer's first page carries the
// query's totalSize: a read with more rows than BulkThreshold moves to a
// Bulk job (far fewer calls than 2,000-row pages), the others commit their
// pages, the last one with the bookmark: the server time the composite was
// sent at minus the lookback.
func (p *pipeline) startREST(reads []*read) {
	qs := make([]salesforce.CompositeQuery, 0, len(reads))
	for _, rd := range reads {
		q, err := p.r.plans[rd.obj].soql(rd.since)
		if err != nil {
			p.fail(rd, err)
			continue
		}
		qs = append(qs, salesforce.CompositeQuery{ReferenceID: rd.obj, SOQL: q, All: true})
	}
	if len(qs) == 0 {
		return
	}
	client := p.r.sess.client
	spawn(p, func(ctx context.Context) (answered, error) {
		ctx, at := withServerTime(ctx)
		res, err := client.CompositeQueries(ctx, qs)
		return answered{res, at.get()}, err
	}, func(ans answered, err error) { p.onComposite(reads, ans, err) })
}

func (p *pipeline) onComposite(reads []*read, ans answered, err error) {
	if p.stopped() {
		return
	}
	if err != nil {
		for _, rd := range reads {
			p.fail(rd, fmt.Errorf("query %s: %w", rd.obj, err))
		}
		return
	}
	var next time.Time
	if !ans.at.IsZero() {
		next = ans.at.Add(-p.r.e.cfg.Lookback)
	}
	// Every size first, so the first progress event knows the whole run.
	for _, rd := range reads {
		if cr := ans.res[rd.obj]; cr.Err == nil && cr.Result != nil {
			rd.rows = int64(cr.Result.TotalSize)
			p.r.progress.beginRead(rd.obj, rd.full(), 0)
			p.r.progress.expectRead(rd.obj, rd.rows)
		}
	}
	for _, rd := range reads {
		if rd.err != nil {
			continue
		}
		cr := ans.res[rd.obj]
		switch {
		case cr.Err != nil:
			p.queryFailed(rd, cr.Err)
		case rd.rows > int64(p.r.e.cfg.BulkThreshold) && !rd.noBulk:
			p.startBulk(rd)
		default:
			rr := &restRead{p: p, rd: rd, next: next}
			rr.onPage(cr.Result, nil)
		}
	}
}

// queryFailed ends a REST read; a QUERY_TIMEOUT moves the object to a Bulk
// job, which Salesforce runs without the REST query's time limit.
func (p *pipeline) queryFailed(rd *read, err error) {
	if errors.Is(err, salesforce.ErrQueryTimeout) && !rd.noBulk && !runWide(p.parent, err) {
		p.r.e.log.Info("query timed out: reading with a Bulk job", "object", rd.obj, "err", err)
		p.startBulk(rd)
		return
	}
	p.fail(rd, fmt.Errorf("%s: %w", rd.obj, err))
}

// restRead commits one object's REST query pages.
type restRead struct {
	p    *pipeline
	rd   *read
	next time.Time // the bookmark the last page commits (zero: none known)
}

// onPage starts fetching the next page (nextRecordsUrl), then commits this
// one. held says whether page holds a slot of the page budget.
func (rr *restRead) onPage(page *salesforce.QueryResult, err error) {
	p, rd := rr.p, rr.rd
	if p.dead(rd) {
		return
	}
	if err != nil {
		p.queryFailed(rd, err)
		return
	}
	last := page.Done || page.NextRecordsURL == ""
	if !last {
		rr.fetch(page.NextRecordsURL)
	}
	if err := rr.commit(page, last); err != nil {
		p.fail(rd, fmt.Errorf("%s: %w", rd.obj, err))
		return
	}
	rd.done = last
}

func (rr *restRead) fetch(url string) {
	client := rr.p.r.sess.client
	rr.p.withPage(func(*salesforce.ResultPage) {
		if rr.p.dead(rr.rd) {
			rr.p.releasePage(nil)
			return
		}
		spawn(rr.p, func(ctx context.Context) (*salesforce.QueryResult, error) {
			return client.QueryMore(ctx, url)
		}, func(page *salesforce.QueryResult, err error) {
			defer rr.p.releasePage(nil)
			rr.onPage(page, err)
		})
	})
}

// commit writes the page's rows; the last page carries the bookmark unless
// that would move it backwards. A full read must end with a bookmark.
func (rr *restRead) commit(page *salesforce.QueryResult, last bool) error {
	var prog store.Progress
	if last {
		// A full read read everything: a job-less full checkpoint asking
		// for it (rereadAll) is done.
		prog.ClearCheckpoint = rr.rd.full()
		switch {
		case rr.next.IsZero() && rr.rd.full():
			return errors.New("no server time for the bookmark (the answer had no Date header)")
		case rr.rd.since == nil || rr.next.After(*rr.rd.since):
			prog.Bookmark = &rr.next
		}
	}
	if len(page.Records) == 0 && prog.Bookmark == nil && !prog.ClearCheckpoint {
		return nil
	}
	plan := rr.p.r.plans[rr.rd.obj]
	counts, err := rr.p.r.e.st.ApplyPage(store.Page{Object: rr.rd.obj, Columns: plan.cols,
		Rows: rr.p.r.tapQueues(plan, newRecordRows(plan, page.Records)), Progress: prog})
	if err != nil {
		return err
	}
	rr.p.r.committed(rr.rd, counts, int64(len(page.Records)))
	if last && rr.rd.full() {
		return rr.p.r.fullReadDone(rr.rd)
	}
	return nil
}
