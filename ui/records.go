package ui

import (
	"fmt"
	"log/slog"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/sfsync/sfsync/core/engine"
	"github.com/sfsync/sfsync/core/format"
	"github.com/sfsync/sfsync/core/store"
)

// RecordsView browses the synced records of one object at a time: a
// virtualised table with the selected columns (user lookups as names),
// a search per object, sorting by tapping a header, a record page and CSV
// export of what is shown. The headers are the fields' labels
// (ColumnLayout), columns are sized to their content and can be dragged
// wider; cells show dates in the person's locale, money grouped and
// right-aligned, booleans as check marks, each value on one line
// (display), while the model keeps the stored text. Where there is nothing
// to show, it says why and offers the action to take. A sync that changes
// records reloads a shown table, keeping its search and sort.
type RecordsView struct {
	Object *widget.Select
	Search *widget.Entry
	Table  *widget.Table
	Count  *widget.Label
	Export *widget.Button
	Status *widget.Label
	// Empty says why there is nothing to show, with EmptyAction.
	Empty       fyne.CanvasObject
	EmptyText   *widget.Label
	EmptyAction *widget.Button

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
	// OnExported, when set, receives each finished export's dialog.
	OnExported func(*ExportDialog)

	st       *store.Store
	win      fyne.Window
	act      RecordsActions
	loc      Locale
	glyphs   *glyphWidths // measured on the UI goroutine, read by loads
	model    *RecordTable
	layout   ColumnLayout // how model's columns are shown
	queries  map[string]string
	setting  bool // the view sets Search's text itself
	stale    bool
	shown    bool // the Records tab was shown: loading may start
	loadID   int  // the latest load; older ones are dropped
	searchID int  // the latest search; older results are dropped
	log      *slog.Logger
	box      fyne.CanvasObject
	pages    []*RecordPage // open record pages, the top one last
	// loadShown, when set, is told how long showing a loaded table took on
	// the UI goroutine (for the benchmarks).
	loadShown func(time.Duration)
}

// RecordsActions are what the Records view asks of the window: its empty
// states' actions and the source's facts.
type RecordsActions struct {
	Connect, SyncNow func()
	// Connected reports whether a source is connected or its records were
	// kept.
	Connected func() bool
	// InstanceURL is the org's instance URL ("" when unknown), for "Open
	// in Salesforce".
	InstanceURL func() string
	// OpenURL opens a link or a folder (nil: the app's OpenURL).
	OpenURL func(string) error
	// OnDialog is told how to close each dialog the view shows (Escape
	// does; nil: nothing).
	OnDialog func(close func())
}

// NewRecordsView builds the view; it reads the store when first shown (Show).
func NewRecordsView(win fyne.Window, st *store.Store, act RecordsActions) *RecordsView {
	v := &RecordsView{st: st, win: win, act: act, loc: systemLocale(), glyphs: measureGlyphs(), stale: true, queries: map[string]string{},
		Count: widget.NewLabel(""), Status: widget.NewLabel(""), log: slog.New(slog.DiscardHandler)}
	v.Object = widget.NewSelect(engine.Objects, v.objectChosen)
	v.Search = widget.NewEntry()
	v.Search.OnChanged = func(q string) {
		if !v.setting {
			v.search(q)
		}
	}
	v.Export = widget.NewButtonWithIcon("Export to CSV…", theme.DocumentSaveIcon(), v.exportCSV)
	v.newTable()
	v.newEmpty()
	bar := border(nil, nil, v.Object, container.NewHBox(v.Count, v.Export), v.Search)
	v.Status.Hide() // shown while it has something to say (setStatus)
	v.box = border(container.NewVBox(bar, v.Status), nil, nil, nil, container.NewStack(v.Table, v.Empty))
	v.Object.SetSelected("Account")
	return v
}

func (v *RecordsView) newTable() {
	v.Table = widget.NewTableWithHeaders(v.size,
		func() fyne.CanvasObject { l := widget.NewLabel(""); l.Truncation = fyne.TextTruncateEllipsis; return l },
		v.updateCell)
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
}

// updateCell shows a cell as display formats it, aligned by its kind.
func (v *RecordsView) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	col := v.layout.Model[id.Col]
	l.Alignment = v.model.Kind(col).alignment()
	l.SetText(v.model.Display(id.Row, col, v.loc))
}

// objectChosen remembers the search of the object left and restores the
// chosen object's own.
func (v *RecordsView) objectChosen(obj string) {
	if v.model != nil {
		v.queries[v.model.Object] = v.Search.Text
	}
	v.setting = true
	v.Search.SetText(v.queries[obj])
	v.setting = false
	v.Search.SetPlaceHolder("Search " + plural(obj, 2))
	v.stale = true
	if v.shown {
		v.Reload()
	}
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
	b.SetText(v.headerText(id.Col))
	b.OnTapped = func() { v.SortBy(col) }
}

// headerText is displayed column c's header with the sort arrow.
func (v *RecordsView) headerText(c int) string {
	text := v.layout.Labels[c]
	if sorted, asc := v.model.Sorted(); sorted == v.layout.Model[c] {
		text += map[bool]string{true: " ▲", false: " ▼"}[asc]
	}
	return text
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
	v.showEmpty()
}

// MarkStale makes the next Reload read the store again (after a sync).
func (v *RecordsView) MarkStale() { v.stale = true }

// Shown reports whether the Records tab has been shown (loading started).
func (v *RecordsView) Shown() bool { return v.shown }

// Reload reads the selected object from the store, off the UI goroutine,
// if it changed since the last load. A reload of the same object keeps the
// sort (by column name, as the fields may have changed) and the search.
func (v *RecordsView) Reload() {
	if !v.stale || v.st == nil || v.Object == nil || v.Object.Selected == "" || !v.connected() {
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
	v.setStatus("Loading " + object + " records…")
	go func() {
		t, layout, err := v.load(object, sortName, sortAsc, query)
		fyne.Do(func() {
			if id != v.loadID {
				return
			}
			if v.loadShown != nil {
				start := time.Now()
				defer func() { v.loadShown(time.Since(start)) }()
			}
			if err != nil {
				v.setStatus(err.Error())
				return
			}
			v.show(t, layout)
			if v.Search.Text != query {
				v.search(v.Search.Text)
			}
			v.log.Info("records view loaded", "object", object, "rows", t.Total())
			v.setStatus("")
			if v.OnLoaded != nil {
				v.OnLoaded()
			}
		})
	}()
}

// load builds object's table with its sort and search, its column kinds
// and layout (off the UI goroutine).
func (v *RecordsView) load(object, sortName string, sortAsc bool, query string) (*RecordTable, ColumnLayout, error) {
	t, err := LoadRecordTable(v.st, object)
	if err != nil {
		return nil, ColumnLayout{}, err
	}
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
	t.Kinds = columnKinds(t, cat)
	l := NewColumnLayout(t, cat, presets)
	l.Widths = columnWidths(t, l, v.loc, v.glyphs) // summed off the UI goroutine from widths measured on it
	return t, l, nil
}

// connected reports whether a source is connected (true without the
// window's answer: tests of the view alone).
func (v *RecordsView) connected() bool { return v.act.Connected == nil || v.act.Connected() }

// show puts a loaded table in the view with one table refresh. Each
// SetColumnWidth refreshes the whole table, so the widths are set while it
// is empty: with the rows in place, every call would re-shape every visible
// cell (~0.4 s on the UI goroutine for 24 columns).
func (v *RecordsView) show(t *RecordTable, layout ColumnLayout) {
	v.model = nil
	v.layout = layout
	for c, w := range layout.Widths {
		v.Table.SetColumnWidth(c, w)
	}
	v.model = t
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

// setStatus shows a loading note or error above the table, hidden when "".
func (v *RecordsView) setStatus(text string) {
	v.Status.SetText(text)
	showIf(v.Status, text != "")
}

func (v *RecordsView) showCount() {
	if v.model.Len() == v.model.Total() {
		v.Count.SetText(format.Thousands(int64(v.model.Total())) + " records")
	} else {
		v.Count.SetText(fmt.Sprintf("%s of %s records", format.Thousands(int64(v.model.Len())), format.Thousands(int64(v.model.Total()))))
	}
	v.showEmpty()
}
