package engine

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/sfsync/sfsync/core/fields"
	"github.com/sfsync/sfsync/core/salesforce"
	"github.com/sfsync/sfsync/core/store"
)

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
	return r.dropAbsent(cat)
}

// dropAbsent removes the selected fields cat (the org's describes) no
// longer offers from the selection, saves it and leaves the notice. A run
// calls it on the cached describes too (makePlans): connecting again and
// the refresh cache newer describes, which can lose a selected field
// before any query meets it, and a selection naming a field the describes
// lack stopped every object of every run. It returns the dropped
// "Object.Field"s.
func (r *runner) dropAbsent(cat *fields.Catalog) ([]string, error) {
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

// describeMissing reads the describes of the objects the store has none
// of, in one composite call: store.Recover keeps only the describes it can
// read back from a damaged file, and without them no run could plan those
// objects (nor could any setting fix it). A store with all five costs
// nothing.
func (r *runner) describeMissing(ctx context.Context) error {
	var missing []string
	for _, obj := range Objects {
		var raw json.RawMessage
		ok, err := r.e.st.Schema(obj, &raw)
		if err != nil {
			return err
		}
		if !ok {
			missing = append(missing, obj)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	r.e.log.Info("describing objects the store has no describe of", "objects", missing)
	ds, errs, err := r.sess.client.DescribeMany(ctx, missing)
	if err != nil {
		return fmt.Errorf("read the org's fields: %w", err)
	}
	for _, obj := range missing {
		if err := errs[obj]; err != nil {
			return fmt.Errorf("describe %s: %w", obj, err)
		}
		if ds[obj] == nil {
			return fmt.Errorf("describe %s: no answer", obj)
		}
		if err := r.e.st.PutSchema(obj, ds[obj]); err != nil {
			return err
		}
	}
	return nil
}
