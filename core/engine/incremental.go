package engine

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/sfsync/sfsync/core/fields"
	"github.com/sfsync/sfsync/core/salesforce"
	"github.com/sfsync/sfsync/core/store"
)

// incremental checks every object with a bookmark in ONE composite call of
// queryAll "WHERE SystemModstamp >= bookmark" queries, commits the changes
// page by page, and moves each object's bookmark with its last page to the
// server time the call was sent at minus the lookback.
func (r *runner) incremental(ctx context.Context) error {
	var (
		objs []string
		qs   []salesforce.CompositeQuery
		bms  = map[string]time.Time{}
	)
	for _, obj := range Objects {
		bm, ok, err := r.e.st.Bookmark(obj)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		q, err := r.plans[obj].soql(&bm)
		if err != nil {
			return err
		}
		objs, bms[obj] = append(objs, obj), bm
		qs = append(qs, salesforce.CompositeQuery{ReferenceID: obj, SOQL: q, All: true})
	}
	if len(qs) == 0 {
		return nil
	}
	if err := r.guard.check(); err != nil {
		return err
	}
	res, err := r.sess.client.CompositeQueries(ctx, qs)
	if err != nil {
		return fmt.Errorf("incremental check: %w", err)
	}
	// The composite's queries ran after the request reached the server, so
	// its send time on the server clock bounds every row they missed.
	var next time.Time
	if start := r.sess.clock.lastStart(); !start.IsZero() {
		next = start.Add(-r.e.cfg.Lookback)
	}
	var errs []error
	for _, obj := range objs {
		cr := res[obj]
		if cr.Err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", obj, cr.Err))
			continue
		}
		bm := bms[obj]
		r.progress.beginRead(obj, false, 0)
		r.progress.expectRead(obj, int64(cr.Result.TotalSize))
		if cr.Result.TotalSize > r.e.cfg.BulkThreshold && !cr.Result.Done {
			// Many changes: a Bulk job costs far fewer calls than 2,000-row pages.
			if err := r.bulk(ctx, obj, nil, &bm); err != nil {
				errs = append(errs, err)
			}
			continue
		}
		if err := r.applyPages(ctx, obj, cr.Result, bm, next); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", obj, err))
		}
	}
	return errors.Join(errs...)
}

// applyPages commits the query's pages; the last one carries the bookmark
// (unless that would move it backwards or no server time is known).
func (r *runner) applyPages(ctx context.Context, obj string, first *salesforce.QueryResult, old, next time.Time) error {
	plan := r.plans[obj]
	return r.sess.client.FollowPages(ctx, first, func(page *salesforce.QueryResult) error {
		last := page.Done || page.NextRecordsURL == ""
		var prog store.Progress
		if last && next.After(old) {
			prog.Bookmark = &next
		}
		if len(page.Records) == 0 && prog.Bookmark == nil {
			return nil
		}
		counts, err := r.e.st.ApplyPage(store.Page{Object: obj, Columns: plan.cols,
			Rows: r.tapQueues(plan, newRecordRows(plan, page.Records)), Progress: prog})
		if err != nil {
			return err
		}
		r.committed(obj, counts, int64(len(page.Records)))
		if last {
			return nil
		}
		return r.guard.check()
	})
}

// dropMissingFields re-describes the objects, caches the new describes,
// removes the selected fields Salesforce no longer offers from the
// selection (fields.Catalog.DropMissing) and leaves a notice for the person.
// It returns the dropped "Object.Field"s.
func (r *runner) dropMissingFields(ctx context.Context) ([]string, error) {
	describes := make([]salesforce.SObjectDescribe, 0, len(Objects))
	for _, obj := range Objects {
		d, err := r.sess.client.Describe(ctx, obj)
		if err != nil {
			return nil, fmt.Errorf("describe %s: %w", obj, err)
		}
		if err := r.e.st.PutSchema(obj, d); err != nil {
			return nil, err
		}
		describes = append(describes, *d)
	}
	cat, err := fields.NewCatalog(describes)
	if err != nil {
		return nil, err
	}
	sel, omitted := cat.DropMissing(completeSelection(cat, r.set.Fields))
	if len(omitted) == 0 {
		return nil, nil
	}
	dropped := make([]string, len(omitted))
	notes := make([]string, len(omitted))
	for i, o := range omitted {
		dropped[i] = o.Object + "." + o.Field
		notes[i] = o.String()
	}
	saved, err := r.e.st.UpdateSettings(func(s *store.SourceSettings) { s.Fields = sel; s.UpdatedAt = r.e.now() })
	if err != nil {
		return nil, err
	}
	r.set = saved
	r.notice = "Salesforce no longer offers some selected fields (deleted, or hidden from sfsync's user): " +
		strings.Join(notes, "; ") + ". The sync continued without them; re-add a replacement in Edit data sync if needed."
	r.e.log.Warn("schema drift: dropped fields", "fields", dropped)
	r.e.update(true, func(s *State) {
		s.Selection = cloneSelection(sel)
		s.DroppedFields = append(s.DroppedFields, dropped...)
		s.Detail = r.notice
	})
	return dropped, nil
}
