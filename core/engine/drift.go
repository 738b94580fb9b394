package engine

import (
	"context"
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
