package export

import (
	"fmt"
	"slices"
	"strings"

	"github.com/sfsync/sfsync/assets"
	"github.com/sfsync/sfsync/core/fields"
	"github.com/sfsync/sfsync/core/lookup"
	"github.com/sfsync/sfsync/core/salesforce"
	"github.com/sfsync/sfsync/core/store"
)

// Column is one column of an export: see lookup.Column.
type Column = lookup.Column

// Describes reads the describe results the engine cached in the store, in
// sync order; objects never described are left out.
func Describes(st *store.Store) ([]salesforce.SObjectDescribe, error) {
	var out []salesforce.SObjectDescribe
	for _, obj := range fields.Objects {
		var d salesforce.SObjectDescribe
		ok, err := st.Schema(obj, &d)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, d)
		}
	}
	return out, nil
}

// LoadCatalog builds the field catalog from the describes cached in the
// store, with the presets file's display labels, as the field picker shows
// it. It is nil (no error) before the first connect has described the org.
func LoadCatalog(st *store.Store) (*fields.Catalog, error) {
	ds, err := Describes(st)
	if err != nil || len(ds) == 0 {
		return nil, err
	}
	cat, err := fields.NewCatalog(ds)
	if err != nil {
		return nil, err
	}
	if p, err := fields.ParsePresets(assets.PresetsJSON()); err == nil {
		cat.Relabel(p.Labels)
	}
	return cat, nil
}

// Columns lists the export columns of object for a selection of its fields
// (nil: the stored selection): Id, then each selected field, lookups read
// through the locally synced User and Group rows (lookup.Columns).
func Columns(st *store.Store, object string, selected []string) ([]Column, error) {
	if !slices.Contains(fields.Objects, object) {
		return nil, fmt.Errorf("export: %q is not a synced object (choose one of %s)", object, strings.Join(fields.Objects, ", "))
	}
	if selected == nil {
		set, _, err := st.Settings()
		if err != nil {
			return nil, fmt.Errorf("export %s: %w", object, err)
		}
		selected = set.Fields[object]
	}
	var desc salesforce.SObjectDescribe
	if _, err := st.Schema(object, &desc); err != nil {
		return nil, fmt.Errorf("export %s: %w", object, err)
	}
	cat, err := LoadCatalog(st)
	if err != nil {
		return nil, fmt.Errorf("export %s: %w", object, err)
	}
	return lookup.Columns(cat, &desc, object, selected), nil
}
