package ui

import (
	"cmp"
	"math"
	"slices"

	"github.com/sfsync/sfsync/core/fields"
)

// ColumnLayout is how the Records view shows a loaded table's columns: the
// field labels as headers, in an order a person reads (the name first, then
// the fields as the data presets list them, then the catalog's order, the
// Id last). The model keeps its own order (Id first); the layout only maps
// displayed columns to model columns, so search, sort and the record page
// work on the model as before.
type ColumnLayout struct {
	Model  []int     // displayed column → model column
	Labels []string  // displayed column → header
	Widths []float32 // displayed column → width (columnWidths; nil: the table's default)
}

// NewColumnLayout lays out t's columns with the catalog's labels (cat and
// presets may be nil: API names, stored order).
func NewColumnLayout(t *RecordTable, cat *fields.Catalog, presets *fields.Presets) ColumnLayout {
	var obj *fields.Object
	if cat != nil {
		obj = cat.Object(t.Object)
	}
	rank := map[string]int{}
	add := func(name string) {
		if _, ok := rank[name]; !ok {
			rank[name] = len(rank)
		}
	}
	add("Name")
	if presets != nil {
		for _, p := range presets.Presets {
			for _, f := range p.Fields[t.Object] {
				add(f)
			}
		}
	}
	if obj != nil {
		for _, f := range obj.Fields { // sorted by label
			add(f.Name)
		}
	}
	rankOf := func(col int) int {
		if r, ok := rank[t.Columns[col]]; ok {
			return r
		}
		return math.MaxInt // unknown to the catalog: after the known, in stored order
	}
	l := ColumnLayout{Model: make([]int, 0, len(t.Columns))}
	for c := 1; c < len(t.Columns); c++ { // column 0 is the Id
		l.Model = append(l.Model, c)
	}
	slices.SortStableFunc(l.Model, func(a, b int) int { return cmp.Compare(rankOf(a), rankOf(b)) })
	if len(t.Columns) > 0 {
		l.Model = append(l.Model, 0)
	}
	for _, c := range l.Model {
		label := fieldLabel(obj, t.Columns[c])
		if t.Labels != nil && t.Labels[c] != "" {
			label = t.Labels[c]
		}
		l.Labels = append(l.Labels, label)
	}
	return l
}

// fieldLabel is the catalog's label of an object's field (as the field
// picker and the CSV export show it), else its API name.
func fieldLabel(obj *fields.Object, name string) string {
	if obj != nil {
		if f, ok := obj.Field(name); ok && f.Label != "" {
			return f.Label
		}
	}
	return name
}
