package ui

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/sfsync/sfsync/core/engine"
	"github.com/sfsync/sfsync/core/export"
	"github.com/sfsync/sfsync/core/format"
	"github.com/sfsync/sfsync/core/store"
)

// RecordsView browses the synced records of one object at a time: a
// virtualised table with the selected columns (user lookups as names),
// search, sorting by tapping a header, a record page and CSV export. The
// headers are the fields' labels (ColumnLayout); a sync that changes records
// reloads a shown table, keeping its search and sort.
type RecordsView struct {
	Object *widget.Select
	Search *widget.Entry
	Table  *widget.Table
	Count  *widget.Label
	Export *widget.Button
	Status *widget.Label

	// OnLoaded, when set, runs on the UI goroutine after a table loads.
	OnLoaded func()
	// OnSearched, when set, runs on the UI goroutine after a search result
	// is shown.
	OnSearched func()
	// OnSorted, when set, runs on the UI goroutine after sorted rows are
	// shown.
	OnSorted func()
	// OnOpened, when set, receives each record page opened.
	OnOpened func(*RecordPage)

	st       *store.Store
	win      fyne.Window
	pages    []*RecordPage // open record pages, the top one last
	model    *RecordTable
	layout   ColumnLayout // how model's columns are shown
	stale    bool
	shown    bool // the Records tab was shown: loading may start
	loadID   int  // the latest load; older ones are dropped
	searchID int  // the latest search; older results are dropped
	log      *slog.Logger
	box      fyne.CanvasObject
	// loadShown, when set, is told how long showing a loaded table took on
	// the UI goroutine (for the benchmarks).
	loadShown func(time.Duration)
}

// NewRecordsView builds the view; it reads the store when first shown (Show).
func NewRecordsView(win fyne.Window, st *store.Store) *RecordsView {
	v := &RecordsView{st: st, win: win, stale: true, Count: widget.NewLabel(""), Status: widget.NewLabel(""),
		log: slog.New(slog.DiscardHandler)}
	v.Object = widget.NewSelect(engine.Objects, func(string) {
		v.stale = true
		if v.shown {
			v.Reload()
		}
	})
	v.Search = widget.NewEntry()
	v.Search.SetPlaceHolder("Search records")
	v.Search.OnChanged = v.search
	v.Export = widget.NewButtonWithIcon("Export to CSV", theme.DocumentSaveIcon(), v.exportCSV)
	v.Table = widget.NewTableWithHeaders(v.size,
		func() fyne.CanvasObject { l := widget.NewLabel(""); l.Truncation = fyne.TextTruncateEllipsis; return l },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(v.model.Cell(id.Row, v.layout.Model[id.Col]))
		})
	v.Table.ShowHeaderColumn = false
	v.Table.CreateHeader = func() fyne.CanvasObject {
		b := widget.NewButton("", nil)
		b.Importance = widget.LowImportance
		return b
	}
	v.Table.UpdateHeader = v.updateHeader
	v.Table.OnSelected = func(id widget.TableCellID) {
		v.Table.UnselectAll()
		if v.model != nil && id.Row >= 0 && id.Row < v.model.Len() {
			v.OpenRecord(v.model.Object, v.model.ID(id.Row))
		}
	}
	bar := container.NewBorder(nil, nil, v.Object, container.NewHBox(v.Count, v.Export), v.Search)
	v.box = container.NewBorder(container.NewVBox(bar, v.Status), nil, nil, nil, v.Table)
	v.Object.SetSelected("Account")
	return v
}

func (v *RecordsView) size() (int, int) {
	if v.model == nil {
		return 0, 0
	}
	return v.model.Len(), len(v.layout.Model)
}

func (v *RecordsView) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	b := o.(*widget.Button)
	if v.model == nil || id.Col < 0 || id.Col >= len(v.layout.Model) {
		b.SetText("")
		return
	}
	col := v.layout.Model[id.Col]
	text := v.layout.Labels[id.Col]
	if sorted, asc := v.model.Sorted(); sorted == col {
		text += map[bool]string{true: " ▲", false: " ▼"}[asc]
	}
	b.SetText(text)
	b.OnTapped = func() { v.SortBy(col) }
}

// Headers are the displayed headers, in order.
func (v *RecordsView) Headers() []string { return v.layout.Labels }

// SortBy sorts by model column col (tap again to reverse) off the UI goroutine
// (sorting a million rows takes most of a second) and shows the rows once
// sorted, unless another sort or table came meanwhile.
func (v *RecordsView) SortBy(col int) {
	if v.model == nil {
		return
	}
	t, job := v.model, v.model.PrepareSort(col)
	go func() {
		res := job.Run()
		fyne.Do(func() {
			if t != v.model || !t.ApplySort(res) {
				return // another table, or sorted again since
			}
			if t.Query() != v.Search.Text {
				v.search(v.Search.Text) // typed while sorting
			}
			v.showCount()
			v.Table.Refresh()
			if v.OnSorted != nil {
				v.OnSorted()
			}
		})
	}()
}

// Model is the loaded table (nil before the first load).
func (v *RecordsView) Model() *RecordTable { return v.model }

// Content is the view's root object.
func (v *RecordsView) Content() fyne.CanvasObject { return v.box }

// Show is called when the Records tab is shown: the first time it loads
// the selected object, later only what changed since (Reload).
func (v *RecordsView) Show() {
	v.shown = true
	v.Reload()
}

// MarkStale makes the next Reload read the store again (after a sync).
func (v *RecordsView) MarkStale() { v.stale = true }

// Shown reports whether the Records tab has been shown (loading started).
func (v *RecordsView) Shown() bool { return v.shown }

// Reload reads the selected object from the store, off the UI goroutine,
// if it changed since the last load. A reload of the same object keeps the
// sort (by column name, as the fields may have changed) and the search.
func (v *RecordsView) Reload() {
	if !v.stale || v.st == nil || v.Object == nil || v.Object.Selected == "" {
		return
	}
	v.stale = false
	v.loadID++
	id, object, query := v.loadID, v.Object.Selected, v.Search.Text
	sortName, sortAsc := "", true
	if v.model != nil && v.model.Object == object {
		if col, asc := v.model.Sorted(); col >= 0 {
			sortName, sortAsc = v.model.Columns[col], asc
		}
	}
	v.Status.SetText("Loading " + object + " records…")
	go func() {
		t, err := LoadRecordTable(v.st, object)
		var layout ColumnLayout
		if err == nil {
			if col := slices.Index(t.Columns, sortName); col >= 0 {
				t.SortBy(col)
				if !sortAsc {
					t.SortBy(col) // reverses the order just computed
				}
			}
			t.Search(query)
			cat, presets, lerr := LoadPickerCatalog(v.st)
			if lerr != nil { // API names as headers: still a usable table
				v.log.Warn("records view: field labels", "object", object, "err", lerr)
			}
			layout = NewColumnLayout(t, cat, presets)
		}
		fyne.Do(func() {
			if id != v.loadID {
				return
			}
			if v.loadShown != nil {
				start := time.Now()
				defer func() { v.loadShown(time.Since(start)) }()
			}
			if err != nil {
				v.Status.SetText(err.Error())
				return
			}
			v.show(t, layout)
			if v.Search.Text != query {
				v.search(v.Search.Text)
			}
			v.log.Info("records view loaded", "object", object, "rows", t.Total())
			v.Status.SetText("")
			if v.OnLoaded != nil {
				v.OnLoaded()
			}
		})
	}()
}

// columnWidth is model column col's width: the Id column is a little wider.
func columnWidth(col int) float32 {
	if col == 0 {
		return 180
	}
	return 170
}

// show puts a loaded table in the view with one table refresh. Each
// SetColumnWidth refreshes the whole table, so the widths are set while it
// is empty: with the rows in place, every call would re-shape every visible
// cell (~0.4 s on the UI goroutine for 24 columns).
func (v *RecordsView) show(t *RecordTable, layout ColumnLayout) {
	v.model = nil
	for c, col := range layout.Model {
		v.Table.SetColumnWidth(c, columnWidth(col))
	}
	v.model, v.layout = t, layout
	v.showCount()
	v.Table.Refresh()
}

// search filters the table off the UI goroutine (a million rows take tens
// of milliseconds) and shows the result unless the query or the table
// changed meanwhile.
func (v *RecordsView) search(q string) {
	if v.model == nil {
		return
	}
	v.searchID++
	id, t, job := v.searchID, v.model, v.model.PrepareSearch(q)
	go func() {
		res := job.Run()
		fyne.Do(func() {
			if id != v.searchID || t != v.model {
				return // a newer query or another table
			}
			if !t.ApplySearch(res) {
				v.search(q) // sorted meanwhile: search the new order
				return
			}
			v.showCount()
			v.Table.Refresh()
			if v.OnSearched != nil {
				v.OnSearched()
			}
		})
	}()
}

func (v *RecordsView) showCount() {
	if v.model.Len() == v.model.Total() {
		v.Count.SetText(format.Thousands(int64(v.model.Total())) + " records")
		return
	}
	v.Count.SetText(fmt.Sprintf("%s of %s records", format.Thousands(int64(v.model.Len())), format.Thousands(int64(v.model.Total()))))
}

// exportCSV asks where to save and streams the object there with
// core/export (labels as headers, a BOM for Excel).
func (v *RecordsView) exportCSV() {
	object := v.Object.Selected
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			if err != nil {
				dialog.ShowError(err, v.win)
			}
			return
		}
		v.Status.SetText("Exporting " + object + "…")
		go func() {
			res, err := v.ExportTo(w, object)
			fyne.Do(func() {
				if err != nil {
					v.Status.SetText("Export failed: " + err.Error())
					return
				}
				v.Status.SetText(fmt.Sprintf("Exported %s %s records to %s.", format.Thousands(res.Rows), object, w.URI().Name()))
			})
		}()
	}, v.win)
	d.SetFileName(object + ".csv")
	d.Show()
}

// ExportTo writes object as CSV to w and closes it. It does not touch
// widgets.
func (v *RecordsView) ExportTo(w fyne.URIWriteCloser, object string) (export.Result, error) {
	res, err := export.Write(context.Background(), v.st, w, export.Options{Object: object, Header: export.HeaderLabels, BOM: true})
	if cerr := w.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("export %s: close: %w", object, cerr)
	}
	return res, err
}
