package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/sfsync/sfsync/core/fields"
)

// newEmpty makes the empty state: a sentence and the action to take,
// centred where the table would be.
func (v *RecordsView) newEmpty() {
	v.EmptyText = widget.NewLabel("")
	v.EmptyText.Wrapping = fyne.TextWrapWord
	v.EmptyText.Alignment = fyne.TextAlignCenter
	v.EmptyAction = widget.NewButton("", nil)
	v.EmptyAction.Importance = widget.HighImportance
	icon := widget.NewIcon(theme.InfoIcon())
	box := container.NewVBox(container.NewCenter(icon), v.EmptyText, container.NewCenter(v.EmptyAction))
	v.Empty = container.NewCenter(container.NewGridWrap(fyne.NewSize(460, box.MinSize().Height+80), box))
	v.Empty.Hide()
}

// showEmpty shows the empty state that applies, or the table: before a
// source is connected (Connect), an object with no records (Sync now), a
// search that matches nothing (Clear search).
func (v *RecordsView) showEmpty() {
	obj := v.Object.Selected
	text, label, action := "", "", func() {}
	switch {
	case !v.connected():
		text, label, action = "No records yet: sfsync shows the records it copies from Salesforce here. "+
			"Connect Salesforce to start.", "Connect…", v.act.Connect
	case v.model == nil:
	case v.model.Total() == 0:
		text, label, action = "No "+plural(obj, 2)+" are stored. They arrive with the next sync "+
			"(if the org has any the signed-in user can see).", "Sync now", v.act.SyncNow
	case v.model.Len() == 0:
		text, label, action = "No "+obj+" contains “"+v.Search.Text+"”. The search looks in every column shown.",
			"Clear search", func() { v.Search.SetText("") }
	}
	v.EmptyText.SetText(text)
	v.EmptyAction.SetText(label)
	v.EmptyAction.OnTapped = action
	showIf(v.EmptyAction, label != "" && action != nil)
	showIf(v.Empty, text != "")
	showIf(v.Table, text == "")
	v.Export.Disable()
	if v.model != nil && v.model.Total() > 0 {
		v.Export.Enable()
	}
}

// columnKinds is how each of t's columns is shown, from the catalog's
// field types (all text without a catalog).
func columnKinds(t *RecordTable, cat *fields.Catalog) []cellKind {
	kinds := make([]cellKind, len(t.Columns))
	if cat == nil || cat.Object(t.Object) == nil {
		return kinds
	}
	o := cat.Object(t.Object)
	for i, name := range t.Columns {
		if f, ok := o.Field(name); ok {
			kinds[i] = kindOf(f.Type)
		}
	}
	return kinds
}

// Column widths: each column is as wide as its header or its widest value
// among the first sizeRows rows, within these bounds (dragging a header's
// edge resizes it).
const (
	sizeRows       = 50
	minColumnWidth = float32(64)
	maxColumnWidth = float32(360)
)

// glyphWidths are the widths of the printable ASCII characters in the
// theme's text size, plain and bold, measured once on the UI goroutine
// (Fyne's text measuring is not safe elsewhere), so column widths can be
// summed on the loading goroutine. Other characters count as the widest
// letter; kerning is ignored (a few pixels).
type glyphWidths struct {
	plain, bold [128]float32
	wide        [2]float32
}

func measureGlyphs() *glyphWidths {
	g := &glyphWidths{}
	size := theme.TextSize()
	for i, style := range []fyne.TextStyle{{}, {Bold: true}} {
		table := &g.plain
		if style.Bold {
			table = &g.bold
		}
		for r := rune(32); r < 127; r++ {
			table[r] = fyne.MeasureText(string(r), size, style).Width
			g.wide[i] = max(g.wide[i], table[r])
		}
	}
	return g
}

// width is s's width in the theme's text size.
func (g *glyphWidths) width(s string, bold bool) float32 {
	table, wide := &g.plain, g.wide[0]
	if bold {
		table, wide = &g.bold, g.wide[1]
	}
	var w float32
	for _, r := range s {
		if r < 128 && table[r] > 0 {
			w += table[r]
		} else {
			w += wide
		}
	}
	return w
}

// columnWidths sizes each displayed column of t to its content.
func columnWidths(t *RecordTable, l ColumnLayout, loc Locale, g *glyphWidths) []float32 {
	pad := 4*theme.Padding() + 2*theme.InnerPadding() // the cell's and the label's insets, both sides
	widths := make([]float32, len(l.Model))
	for c, col := range l.Model {
		w := g.width(l.Labels[c]+" ▲", true)
		for r := 0; r < min(sizeRows, t.Len()); r++ {
			w = max(w, g.width(t.Display(r, col, loc), false))
		}
		widths[c] = min(max(w+pad, minColumnWidth), maxColumnWidth)
	}
	return widths
}
