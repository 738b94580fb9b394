package engine

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/sfsync/sfsync/core/format"
	"github.com/sfsync/sfsync/core/salesforce"
	"github.com/sfsync/sfsync/core/store"
)

// The refresh keeps right what SystemModstamp does not track: formula values
// (a cross-object formula changes when its parent does, with no change to
// the record; heroku/roadmap#319) and records purged in Salesforce (hard
// deletes never show in queryAll; airbytehq/airbyte#34082). Both need the
// same read — every live record's Id, and its selected formula fields — so
// one read serves both whenever either is due (Settings: FormulaRefresh,
// SweepEvery; default daily).
//
// Mechanism: a `query` (live rows only, not queryAll) of "SELECT Id[,
// formulas] FROM Obj". Objects of up to refreshRESTMax stored records go
// together in ONE composite call (up to five queries, 2,000 rows each);
// larger ones through one Bulk API 2.0 job each (create, poll, one call per
// results page, delete). The sweep then removes stored records missing from
// that complete read whose SystemModstamp is before the read's snapshot.
//
// Why not the getDeleted resource (sobjects/X/deleted)? It costs one call
// per object too, but only reaches 15 days back, misses records that
// became invisible to the user (sharing), and fails past 600,000 Ids
// (docs/salesforce-api.md §2.5): a sweep missed for two weeks would never
// find its purges again. The Id read is exact whatever happened in between.

// refreshRESTMax is the largest object refreshed through the composite call:
// one 2,000-row REST page (docs §2.5); beyond it a Bulk job costs fewer
// calls than queryMore pages.
const refreshRESTMax = 2000

// refreshPageRows is the Bulk results page size of a refresh read. Its rows
// are an Id and the selected formula fields, a tenth of a synced row or
// less, so pages ten times the sync's 20,000 rows hold the memory the sync
// allows and cost a tenth of the calls (measured in BenchmarkRefresh).
const refreshPageRows = 200_000

// refreshTarget is one object's refresh read.
type refreshTarget struct {
	obj      string
	cols     []string // Id, then the selected formula fields
	sweep    bool     // remove stored records the read does not return
	formulas bool
	ids      store.IDSet
	counts   store.Counts
	start    time.Time // server time the read's snapshot was taken at
}

// refresh runs the refresh of every object that is due. One object's
// failure is reported with the run's others (objectsError) while the other
// objects are refreshed and swept; a QUERY_TIMEOUT on a REST read moves
// that object to a Bulk job, as in a sync. Only run-wide errors (quota,
// sign-in, cancellation) stop the refresh.
func (r *runner) refresh(ctx context.Context) error {
	targets, err := r.refreshDue()
	if err != nil || len(targets) == 0 {
		return err
	}
	before := r.calls.Calls()
	defer func() { r.run.RefreshCalls += int(r.calls.Calls() - before) }()
	if err := r.refreshDescribes(ctx); err != nil {
		return err
	}
	small, large, err := r.splitRefresh(targets)
	if err != nil {
		return err
	}
	for batch := range slices.Chunk(small, salesforce.MaxCompositeQueries) {
		timedOut, err := r.refreshREST(ctx, batch)
		if err != nil {
			return err
		}
		large = append(large, timedOut...)
	}
	for _, t := range large {
		if err := r.refreshFailed(ctx, t.obj, r.refreshBulk(ctx, t)); err != nil {
			return err
		}
	}
	return nil
}

// splitRefresh sorts the targets by stored size: small ones share composite
// calls, large ones get a Bulk job each.
func (r *runner) splitRefresh(targets []*refreshTarget) (small, large []*refreshTarget, err error) {
	for _, t := range targets {
		n, err := r.e.st.Count(t.obj)
		if err != nil {
			return nil, nil, err
		}
		if n <= refreshRESTMax {
			small = append(small, t)
		} else {
			large = append(large, t)
		}
	}
	return small, large, nil
}

// refreshFailed records obj's refresh failure in the run (the object's
// first failure of the run is kept) and returns nil, or returns err when
// it ends the whole run.
func (r *runner) refreshFailed(ctx context.Context, obj string, err error) error {
	switch {
	case err == nil:
		return nil
	case runWide(ctx, err):
		return err
	case r.failed[obj] == nil:
		r.objectFailed(obj, err)
	}
	return nil
}

// refreshDescribes re-reads the five describes in one composite call with
// the refresh, so a field added in Salesforce (or given back to sfsync's
// user) appears in the field picker within one refresh period. A field
// that went away is found by the next query (schema drift) as before.
func (r *runner) refreshDescribes(ctx context.Context) error {
	ds, errs, err := r.sess.client.DescribeMany(ctx, Objects)
	if err != nil {
		return fmt.Errorf("refresh the org's fields: %w", err)
	}
	for obj, d := range ds {
		if err := r.e.st.PutSchema(obj, d); err != nil {
			return err
		}
	}
	for obj, err := range errs {
		r.e.log.Warn("refresh describe", "object", obj, "err", err)
	}
	return nil
}

// refreshDue lists the objects whose refresh is due: first sync done, no
// Bulk job pending, and the sweep or (with formula fields selected) the
// formula refresh older than its period.
func (r *runner) refreshDue() ([]*refreshTarget, error) {
	now := r.e.now()
	due := func(every time.Duration, last time.Time) bool {
		return every != store.Never && (last.IsZero() || now.Sub(last) >= every)
	}
	var out []*refreshTarget
	for _, obj := range Objects {
		_, hasBM, err := r.e.st.Bookmark(obj)
		if err != nil {
			return nil, err
		}
		_, hasCP, err := r.e.st.Checkpoint(obj)
		if err != nil {
			return nil, err
		}
		if !hasBM || hasCP {
			continue
		}
		plan := r.plans[obj]
		formulas := plan.cat.Formulas(obj, plan.sel)
		last := r.set.Refreshed[obj]
		t := &refreshTarget{obj: obj, cols: []string{"Id"},
			sweep:    r.set.SweepEvery != store.Never,
			formulas: len(formulas) > 0 && r.set.FormulaRefresh != store.Never}
		if !due(r.set.SweepEvery, last) && !(t.formulas && due(r.set.FormulaRefresh, last)) {
			continue
		}
		if t.formulas {
			t.cols = append(t.cols, formulas...)
		}
		out = append(out, t)
	}
	return out, nil
}

func (t *refreshTarget) soql() string {
	q := "SELECT " + t.cols[0]
	for _, c := range t.cols[1:] {
		q += ", " + c
	}
	return q + " FROM " + t.obj
}

// refreshREST reads up to five small objects in one composite call. It
// returns the objects whose query timed out (for a Bulk job); other
// failures are the object's (refreshFailed) unless run-wide.
func (r *runner) refreshREST(ctx context.Context, batch []*refreshTarget) ([]*refreshTarget, error) {
	qs := make([]salesforce.CompositeQuery, len(batch))
	for i, t := range batch {
		qs[i] = salesforce.CompositeQuery{ReferenceID: t.obj, SOQL: t.soql()}
	}
	res, err := r.sess.client.CompositeQueries(ctx, qs)
	if err != nil {
		for _, t := range batch {
			if err := r.refreshFailed(ctx, t.obj, fmt.Errorf("refresh %s: %w", t.obj, err)); err != nil {
				return nil, err
			}
		}
		return nil, nil
	}
	start := r.sess.clock.lastStart()
	var timedOut []*refreshTarget
	for _, t := range batch {
		err := r.refreshRESTOne(ctx, t, res[t.obj], start)
		if errors.Is(err, salesforce.ErrQueryTimeout) && !runWide(ctx, err) {
			r.e.log.Info("refresh query timed out: reading with a Bulk job", "object", t.obj, "err", err)
			t.ids, t.counts = store.IDSet{}, store.Counts{} // the Bulk job reads every Id again
			timedOut = append(timedOut, t)
			continue
		}
		if err := r.refreshFailed(ctx, t.obj, err); err != nil {
			return nil, err
		}
	}
	return timedOut, nil
}

// refreshRESTOne reads one object's answer of the composite call and its
// further pages, then sweeps.
func (r *runner) refreshRESTOne(ctx context.Context, t *refreshTarget, cr salesforce.CompositeQueryResult, start time.Time) error {
	if cr.Err != nil {
		return fmt.Errorf("refresh %s: %w", t.obj, cr.Err)
	}
	t.start = start
	plan := r.plans[t.obj].subset(t.cols)
	err := r.sess.client.FollowPages(ctx, cr.Result, func(page *salesforce.QueryResult) error {
		return r.refreshPage(t, newRecordRows(plan, page.Records))
	})
	if err != nil {
		return fmt.Errorf("refresh %s: %w", t.obj, err)
	}
	return r.finishRefresh(ctx, t)
}

// refreshBulk reads one large object with a Bulk `query` job.
func (r *runner) refreshBulk(ctx context.Context, t *refreshTarget) error {
	ctx = salesforce.WithMaxRecords(ctx, refreshPageRows)
	job, err := r.sess.client.CreateQueryJob(ctx, t.soql(), false)
	if err != nil && errors.Is(err, salesforce.ErrLimitExceeded) && !runWide(ctx, err) {
		// The org's Bulk query jobs for the day are spent: REST pages cost
		// more calls, but the sweep still happens (as a sync falls back).
		r.e.log.Info("bulk query jobs spent: refreshing with REST pages", "object", t.obj, "err", err)
		return r.refreshPages(ctx, t)
	}
	if err != nil {
		return fmt.Errorf("refresh %s: %w", t.obj, err)
	}
	t.start = jobStart(job, r.sess.clock)
	plan := r.plans[t.obj].subset(t.cols)
	err = r.sess.client.ResumeBulkQuery(ctx, salesforce.Checkpoint{JobID: job.ID}, func(page *salesforce.ResultPage) error {
		rows, err := newBulkRows(plan, page)
		if err != nil {
			return err
		}
		return r.refreshPage(t, rows)
	})
	if err != nil {
		return fmt.Errorf("refresh %s: %w", t.obj, err)
	}
	return r.finishRefresh(ctx, t)
}

// refreshPages reads one object with REST query pages (2,000 rows a call).
func (r *runner) refreshPages(ctx context.Context, t *refreshTarget) error {
	plan := r.plans[t.obj].subset(t.cols)
	err := r.sess.client.QueryPages(ctx, t.soql(), false, func(page *salesforce.QueryResult) error {
		if t.start.IsZero() {
			t.start = r.sess.clock.lastStart()
		}
		return r.refreshPage(t, newRecordRows(plan, page.Records))
	})
	if err != nil {
		return fmt.Errorf("refresh %s: %w", t.obj, err)
	}
	return r.finishRefresh(ctx, t)
}

// refreshPage notes a page's Ids and writes its formula values.
func (r *runner) refreshPage(t *refreshTarget, rows store.RowSource) error {
	ids := &idTap{obj: t.obj, src: rows, set: &t.ids, log: r.e.log}
	defer func() { t.counts.Quarantined += ids.quarantined }()
	if !t.formulas {
		return ids.drain()
	}
	n, err := r.e.st.UpdateColumns(t.obj, t.cols, ids)
	t.counts.Refreshed += n
	if err != nil {
		return err
	}
	return ids.err
}

// finishRefresh sweeps (when on), records the counts and the refresh time.
func (r *runner) finishRefresh(ctx context.Context, t *refreshTarget) error {
	if t.start.IsZero() {
		return fmt.Errorf("refresh %s: no server time for the read", t.obj)
	}
	if t.sweep {
		if err := r.sweep(ctx, t); err != nil {
			return err
		}
	}
	c := r.run.Objects[t.obj]
	c.Add(t.counts)
	r.run.Objects[t.obj] = c
	return r.markRefreshed(t.obj, true)
}

// markRefreshed notes that obj's refresh was done now (done) or is due at
// once (!done), on the engine clock, as refreshDue and queuesDue compare.
func (r *runner) markRefreshed(obj string, done bool) error {
	set, err := r.e.st.UpdateSettings(func(s *store.SourceSettings) {
		if s.Refreshed == nil {
			s.Refreshed = map[string]time.Time{}
		}
		if done {
			s.Refreshed[obj] = r.e.now()
		} else {
			delete(s.Refreshed, obj)
		}
	})
	if err == nil {
		r.set.Refreshed = set.Refreshed
	}
	return err
}

// idTap passes rows through while noting each Id in a set. A row whose Id
// is not a record Id in the API's 18-character form is quarantined (left
// out and counted, as a sync does): the read goes on, but the sweep must
// not delete on it, since the record behind that row could be any stored
// one.
type idTap struct {
	obj         string
	src         store.RowSource
	set         *store.IDSet
	err         error
	quarantined int
	log         *slog.Logger
}

// maxQuarantineLogs bounds the log lines of one page's quarantined rows;
// the count covers them all.
const maxQuarantineLogs = 5

func (t *idTap) NextRow() ([]string, []bool, error) {
	for {
		vals, nulls, err := t.src.NextRow()
		if err != nil {
			return vals, nulls, err
		}
		id := vals[0]
		if nulls != nil && nulls[0] {
			id = ""
		}
		if len(id) != store.IDLen || !store.ValidID(id) {
			if t.quarantined++; t.quarantined <= maxQuarantineLogs {
				t.log.Warn("quarantined a row of the refresh read: no usable record Id; the sweep deletes nothing this time",
					"object", t.obj, "id", format.Clip(id))
			}
			continue
		}
		if aerr := t.set.Add(id); aerr != nil {
			t.err = aerr
			return nil, nil, aerr
		}
		return vals, nulls, nil
	}
}

func (t *idTap) drain() error {
	for {
		if _, _, err := t.NextRow(); err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
	}
}

// subset is the plan reduced to cols (a refresh reads Id and formulas only).
func (p *objectPlan) subset(cols []string) *objectPlan {
	sub := &objectPlan{object: p.object, cat: p.cat, sel: p.sel, cols: cols, forms: make([]valueForm, len(cols))}
	o := p.cat.Object(p.object)
	for i, c := range cols {
		f, _ := o.Field(c)
		sub.forms[i] = formOf(f.Type)
	}
	return sub
}

// jobStart is the server time a Bulk job was created, which bounds its
// snapshot from below; the clock's last request start when the job does
// not say.
func jobStart(job *salesforce.Job, clock *serverClock) time.Time {
	if t, err := time.Parse("2006-01-02T15:04:05.000-0700", job.CreatedDate); err == nil {
		return t
	}
	return clock.lastStart()
}

// fullReadDone records what a finished full read means for the refresh. A
// first sync read every live row and formula value: nothing is due until
// the next period. A re-read refreshed the formulas but cannot tell which
// stored rows it did not see, so the sweep becomes due at once.
func (r *runner) fullReadDone(rd *read) error { return r.markRefreshed(rd.obj, !rd.reread) }

// refreshFetchMax is how many records the org has and the store lacks that
// a sweep reads by Id (REST, 200 Ids a query); beyond it the object is read
// again in full, which costs fewer calls.
const refreshFetchMax = 2000

// sweep reconciles the store with a complete read of the org's live Ids,
// both ways: records gone from the org leave the store, and records the org
// has but the store lacks — ones that became visible to the user through a
// sharing change, which moves no SystemModstamp — are read and added.
func (r *runner) sweep(ctx context.Context, t *refreshTarget) error {
	t.ids.Seal()
	if t.counts.Quarantined == 0 {
		// No stamp cutoff: the refresh runs once every read of the run has
		// committed (sync.go), so every stored record was read before this
		// read was sent, and one it did not return is gone from the user's
		// view whatever its SystemModstamp. A cutoff at the read's start
		// minus the lookback kept a record changed in the five minutes
		// before the sweep and then purged or hidden for a whole period more.
		gone, err := r.e.st.DeleteAbsent(t.obj, &t.ids)
		if err != nil {
			return err
		}
		t.counts.Purged = len(gone)
		if len(gone) > 0 {
			r.e.log.Info("removed records gone from the org", "object", t.obj, "count", len(gone))
		}
	}
	missing, err := r.e.st.Missing(t.obj, &t.ids, refreshFetchMax+1)
	if err != nil || len(missing) == 0 {
		return err
	}
	r.e.log.Info("records the org has and the store lacks", "object", t.obj, "count", len(missing))
	if len(missing) > refreshFetchMax {
		return r.askFullRead(t.obj)
	}
	return r.fetchByID(ctx, t, missing)
}

// fetchByID reads records by Id (queryAll, 200 Ids a query: the SOQL stays
// far below the 16,384-byte URI limit, docs/salesforce-api.md §2.5) and
// commits them.
func (r *runner) fetchByID(ctx context.Context, t *refreshTarget, ids []string) error {
	plan := r.plans[t.obj]
	for len(ids) > 0 {
		chunk := ids[:min(200, len(ids))]
		ids = ids[len(chunk):]
		q, err := plan.soqlByID(chunk)
		if err != nil {
			return err
		}
		err = r.sess.client.QueryPages(ctx, q, true, func(page *salesforce.QueryResult) error {
			c, err := r.e.st.ApplyPage(store.Page{Object: t.obj, Columns: plan.cols,
				Rows: r.tapQueues(plan, newRecordRows(plan, page.Records))})
			t.counts.Add(c)
			return err
		})
		if err != nil {
			return fmt.Errorf("read %s records by Id: %w", t.obj, err)
		}
	}
	return nil
}

// soqlByID is the plan's query for the given record Ids. The Ids come from
// Salesforce's own answer and are checked to be record Ids (letters and
// digits only) before they reach the query.
func (p *objectPlan) soqlByID(ids []string) (string, error) {
	q, err := p.soql(nil)
	if err != nil {
		return "", err
	}
	quoted := make([]string, len(ids))
	for i, id := range ids {
		if !store.ValidID(id) {
			return "", fmt.Errorf("read %s by Id: %s is not a record Id", p.object, format.Quote(id))
		}
		quoted[i] = "'" + id + "'"
	}
	return q + " WHERE Id IN (" + strings.Join(quoted, ", ") + ")", nil
}

// askFullRead has the next run read obj in full (a job-less full
// checkpoint); the stored rows stay until each is replaced.
func (r *runner) askFullRead(obj string) error {
	return r.e.st.SetProgress(obj, store.Progress{Checkpoint: &store.Checkpoint{Full: true, Reread: true}})
}
