package fields

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/sfsync/sfsync/assets"
	"github.com/sfsync/sfsync/core/salesforce"
	"github.com/sfsync/sfsync/core/store"
)

// This file reads the field rules' inputs from the local store, for every
// reader of it (engine, CLI, window, export): the cached describes, the
// catalog built from them and the names of the synced Users.

// IsForced reports whether name is one of the fields every object always
// syncs (Id, IsDeleted, SystemModstamp).
func IsForced(name string) bool { return slices.Contains(forcedFields, name) }

// WithoutForced is sel without the always-synced fields, which the engine
// does not store in a selection: a Diff of two such selections shows only
// what the person changed. sel is not modified.
func WithoutForced(sel Selection) Selection {
	out := sel.Clone()
	for obj, fs := range out {
		out[obj] = slices.DeleteFunc(fs, IsForced)
	}
	return out
}

// InSyncOrder lists m's keys as Objects orders them, unknown ones last in
// alphabetical order.
func InSyncOrder[V any](m map[string]V) []string {
	set := make(map[string]bool, len(m))
	for k := range maps.Keys(m) {
		set[k] = true
	}
	return syncOrder(set)
}

// CheckObject returns an error naming the synced objects unless name is one.
func CheckObject(name string) error {
	if slices.Contains(Objects, name) {
		return nil
	}
	return fmt.Errorf("unknown object %q: choose one of %s", name, strings.Join(Objects, ", "))
}

// Describes reads the describe results the engine cached in the store, in
// sync order; objects never described are left out.
func Describes(st *store.Store) ([]salesforce.SObjectDescribe, error) {
	var out []salesforce.SObjectDescribe
	for _, obj := range Objects {
		var d salesforce.SObjectDescribe
		ok, err := st.Schema(obj, &d)
		if err != nil {
			return nil, fmt.Errorf("read the %s describe: %w", obj, err)
		}
		if ok {
			out = append(out, d)
		}
	}
	return out, nil
}

// ShippedPresets are the data presets of assets/presets.json.
func ShippedPresets() (*Presets, error) { return ParsePresets(assets.PresetsJSON()) }

// LoadCatalog builds the field catalog from the describes cached in the
// store, with the presets file's display labels, as the field picker, the
// CLI and the export show it. It is nil (no error) before the first connect
// has described the org.
func LoadCatalog(st *store.Store) (*Catalog, error) {
	ds, err := Describes(st)
	if err != nil || len(ds) == 0 {
		return nil, err
	}
	cat, err := NewCatalog(ds)
	if err != nil {
		return nil, err
	}
	if p, err := ShippedPresets(); err == nil {
		cat.Relabel(p.Labels)
	}
	return cat, nil
}
