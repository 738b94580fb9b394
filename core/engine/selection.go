package engine

import (
	"fmt"
	"maps"
	"slices"
	"sync"

	"github.com/sfsync/sfsync/assets"
	"github.com/sfsync/sfsync/core/fields"
)

// The field rules (what can be selected, the user-lookup rule, the SOQL
// built from a selection) live in core/fields; this file only connects
// them to the engine's store.

// recommendedPreset names the preset stored on the first connect.
const recommendedPreset = "Recommended"

// shippedPresets parses assets/presets.json once.
var shippedPresets = sync.OnceValues(func() (*fields.Presets, error) {
	return fields.ParsePresets(assets.PresetsJSON())
})

func recommended() (fields.Preset, error) {
	ps, err := shippedPresets()
	if err != nil {
		return fields.Preset{}, err
	}
	p, ok := ps.Find(recommendedPreset)
	if !ok {
		return fields.Preset{}, fmt.Errorf("presets: no %q preset in assets/presets.json", recommendedPreset)
	}
	return p, nil
}

// RecommendedSelection is the shipped Recommended preset (assets/presets.json)
// as object → field API names, user lookups by their Id field. It is the
// preset as written, not yet applied to an org: Connect applies it to the
// org's catalog (fields.Catalog.ApplyPreset), which adds the always-synced
// fields and leaves out what the org does not have. Nil if the embedded
// presets file is broken (a build error the fields tests catch).
func RecommendedSelection() map[string][]string {
	p, err := recommended()
	if err != nil {
		return nil
	}
	return cloneSelection(p.Fields)
}

// catalog is the field catalog of the describes cached in the store (nil
// before the first connect described the org).
func (e *Engine) catalog() (*fields.Catalog, error) {
	cat, err := fields.LoadCatalog(e.st)
	if err != nil {
		return nil, fmt.Errorf("field catalog: %w", err)
	}
	return cat, nil
}

// completeSelection returns sel with every described object present and
// its always-synced fields (Id, IsDeleted, SystemModstamp) added, each
// object's fields sorted and unique: the form core/fields validates and
// the store keeps.
func completeSelection(cat *fields.Catalog, sel map[string][]string) fields.Selection {
	out := cat.Defaults()
	for obj, fs := range sel {
		out[obj] = append(out[obj], fs...)
	}
	return out.Normalized()
}

// checkSelection refuses a selection the field picker would not allow,
// with the picker's reason (e.g. the user-lookup rule's), then runs the
// catalog's full validation.
func checkSelection(cat *fields.Catalog, sel fields.Selection) error {
	for _, obj := range slices.Sorted(maps.Keys(sel)) {
		o := cat.Object(obj)
		for _, name := range sel[obj] {
			if o != nil {
				if f, ok := o.Field(name); ok && f.Forced {
					continue
				}
			}
			if ok, reason := cat.Selectable(sel, obj, name); !ok {
				return fmt.Errorf("field selection: %s.%s: %w: %s", obj, name, fields.ErrNotSelectable, reason)
			}
		}
	}
	if err := cat.Validate(sel); err != nil {
		return fmt.Errorf("field selection: %w", err)
	}
	return nil
}

// defaultSelection is the selection stored on the first connect:
// Config.DefaultSelection if set, else the Recommended preset applied to
// the org's catalog.
func (e *Engine) defaultSelection(cat *fields.Catalog) (fields.Selection, error) {
	if e.cfg.DefaultSelection != nil {
		sel := completeSelection(cat, e.cfg.DefaultSelection)
		return sel, checkSelection(cat, sel)
	}
	p, err := recommended()
	if err != nil {
		return nil, err
	}
	sel, skipped := cat.ApplyPreset(cat.Defaults(), p)
	for _, s := range skipped {
		e.log.Info("recommended preset: field skipped", "field", s.String())
	}
	return sel, nil
}
