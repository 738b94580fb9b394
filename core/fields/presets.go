package fields

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
)

// Preset is a named, suggested selection ("Data presets" in the picker).
type Preset struct {
	Name        string              `json:"name"`
	Description string              `json:"description"`
	Fields      map[string][]string `json:"fields"` // object → field names; user lookups by their Id field (CSM__c)
}

// Presets is the presets file (assets/presets.json).
type Presets struct {
	Presets []Preset `json:"presets"`
	// Labels override describe labels in the picker, object → field → label
	// (apply with Catalog.Relabel).
	Labels map[string]map[string]string `json:"labels"`
}

// ParsePresets decodes a presets file, rejecting unknown keys, unnamed or
// duplicate presets.
func ParsePresets(data []byte) (*Presets, error) {
	var p Presets
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return nil, fmt.Errorf("presets: %w", err)
	}
	seen := map[string]bool{}
	for _, pr := range p.Presets {
		if pr.Name == "" || seen[pr.Name] {
			return nil, fmt.Errorf("presets: empty or repeated name %q", pr.Name)
		}
		seen[pr.Name] = true
	}
	if len(p.Presets) == 0 {
		return nil, errors.New("presets: none defined")
	}
	return &p, nil
}

// Find returns the preset with the given name.
func (p *Presets) Find(name string) (Preset, bool) {
	i := slices.IndexFunc(p.Presets, func(x Preset) bool { return x.Name == name })
	if i < 0 {
		return Preset{}, false
	}
	return p.Presets[i], true
}

// ApplyPreset returns base plus the preset's fields that this org has, and
// the ones it skipped with why (not in the describe, not syncable, or
// blocked by the user-lookup rule). Owner fields are applied first, so a
// preset that lists them together with user lookups gets both.
func (c *Catalog) ApplyPreset(base Selection, p Preset) (Selection, []Omission) {
	sel := base.Clone()
	for name, o := range c.objects {
		sel = sel.with(name, o.forced()...)
	}
	var skipped []Omission
	objects := map[string]bool{}
	for obj := range p.Fields {
		objects[obj] = true
	}
	for _, obj := range syncOrder(objects) {
		fields := slices.Clone(p.Fields[obj])
		// Owner fields first: the lookup rule depends on them.
		slices.SortStableFunc(fields, func(a, b string) int {
			return boolRank(slices.Contains(OwnerFields, b)) - boolRank(slices.Contains(OwnerFields, a))
		})
		for _, f := range fields {
			if c.objects[obj] == nil {
				skipped = append(skipped, Omission{Object: obj, Field: f, Reason: "is not available: the org has no " + obj + " object sfsync can read"})
				continue
			}
			if _, ok := c.objects[obj].Field(f); !ok && !slices.ContainsFunc(c.objects[obj].Unsupported, func(u Unsupported) bool { return u.Name == f }) {
				skipped = append(skipped, Omission{Object: obj, Field: f, Reason: "is not in this org"})
				continue
			}
			next, err := c.Select(sel, obj, f)
			if err != nil {
				_, reason := c.Selectable(sel, obj, f)
				skipped = append(skipped, Omission{Object: obj, Field: f, Reason: "cannot be selected: " + reason})
				continue
			}
			sel = next
		}
	}
	return sel, skipped
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}
