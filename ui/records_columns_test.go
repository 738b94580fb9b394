package ui

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"
)

// shownHeaders is what the Records table's header row shows, read through
// its UpdateHeader as the table draws it.
func shownHeaders(v *RecordsView) []string {
	_, cols := v.size()
	var out []string
	for c := range cols {
		b := v.Table.CreateHeader().(*widget.Button)
		v.Table.UpdateHeader(widget.TableCellID{Row: -1, Col: c}, b)
		out = append(out, b.Text)
	}
	return out
}

// TestRecordsHeadersAreLabelsInReadingOrder: the Demo org's Accounts with
// the Recommended fields show their labels (the Account Executive's as the
// picker names them), the name first, the presets' order, the Id last.
func TestRecordsHeadersAreLabelsInReadingOrder(t *testing.T) {
	env, _, v := openRecords(t)
	want := []string{"Account Name", "Website", "Account Type", "Created Date",
		"Account Executive Name", "Account Executive Phone", "Account Executive Email", "Record ID"}
	if got := shownHeaders(v); !slices.Equal(got, want) {
		t.Fatalf("headers %q, want %q (model columns %v)", got, want, v.Model().Columns)
	}
	// A displayed column shows its own field's values, as display formats
	// them (the Created Date in the locale's layout, not as stored).
	tb := v.Model()
	for c, col := range v.layout.Model {
		if got, want := v.Table.CreateCell().(*widget.Label), display(tb.Cell(0, col), tb.Kind(col), v.loc); func() string {
			v.Table.UpdateCell(widget.TableCellID{Row: 0, Col: c}, got)
			return got.Text
		}() != want {
			t.Fatalf("column %d (%s) shows %q, model has %q", c, v.layout.Labels[c], got.Text, want)
		}
	}
	// Tapping the first header sorts by the name.
	sorts := 0
	v.OnSorted = func() { sorts++ }
	b := v.Table.CreateHeader().(*widget.Button)
	v.Table.UpdateHeader(widget.TableCellID{Row: -1, Col: 0}, b)
	b.OnTapped()
	env.app.waitFor(t, "the sorted rows", func() bool { return sorts == 1 })
	if col, asc := tb.Sorted(); tb.Columns[col] != "Name" || !asc {
		t.Fatalf("sorted by %s asc=%v, want Name ascending", tb.Columns[col], asc)
	}
	if got := shownHeaders(v)[0]; got != "Account Name ▲" {
		t.Errorf("sorted header %q", got)
	}
	if created := v.layout.Model[3]; tb.Kind(created) != kindDateTime || tb.Display(0, created, v.loc) == tb.Cell(0, created) {
		t.Errorf("Created Date shows %q as stored", tb.Display(0, created, v.loc))
	}
	// The record page titles fields by label: the name first, the Id last.
	var page *RecordPage
	v.OnOpened = func(p *RecordPage) { page = p }
	v.OpenRecord("Account", tb.ID(0))
	env.app.waitFor(t, "the record page", func() bool { return page != nil })
	defer page.Close()
	var titles []string
	for _, it := range page.Fields.Items {
		titles = append(titles, it.Text)
	}
	if titles[0] != "Account Name" || titles[len(titles)-1] != "Record ID" {
		t.Fatalf("record page titles %q", titles)
	}
}

func TestColumnLayoutWithoutCatalog(t *testing.T) {
	tb := NewRecordTable("Account", []string{"Id", "Website", "IsDeleted", "Name", "Type"})
	l := NewColumnLayout(tb, nil, nil)
	var names []string
	for _, c := range l.Model {
		names = append(names, tb.Columns[c])
	}
	if !slices.Equal(names, []string{"Name", "Website", "Type", "Id"}) || !slices.Equal(l.Labels, names) {
		t.Fatalf("layout %v labels %v: want the name first, stored order, Id last, API names", names, l.Labels)
	}
}

// TestRecordsShownReloadAfterSync: a sync that adds an Account while the
// Records tab is shown updates the table without a tab switch, keeping the
// search and the sort.
func TestRecordsShownReloadAfterSync(t *testing.T) {
	env, m, v := openRecords(t)
	before := v.Model().Total()
	name := slices.Index(v.Model().Columns, "Name")
	sorts := 0
	v.OnSorted = func() { sorts++ }
	v.SortBy(name)
	v.SortBy(name) // descending
	env.app.waitFor(t, "the rows sorted descending", func() bool { return sorts == 1 })
	v.Search.SetText("zyxwv")
	env.app.waitFor(t, "the empty search", func() bool { return v.Model().Query() == "zyxwv" })
	if v.Model().Len() != 0 {
		t.Fatalf("%d rows match before the sync", v.Model().Len())
	}
	if _, err := env.sim.Org().Create("Account", map[string]any{"Name": "Zyxwv Refresh Co"}); err != nil {
		t.Fatal(err)
	}
	loads := 0
	v.OnLoaded = func() { loads++ }
	m.deps.Engine.SyncNow()
	env.app.waitFor(t, "the reloaded table", func() bool { return loads > 0 })
	if m.Tabs.SelectedIndex() != 1 {
		t.Fatalf("tab %d", m.Tabs.SelectedIndex())
	}
	tb := v.Model()
	if tb.Total() != before+1 || tb.Len() != 1 || tb.Query() != "zyxwv" || v.Search.Text != "zyxwv" {
		t.Fatalf("after the sync: %d of %d rows for %q (search box %q), want 1 of %d", tb.Len(), tb.Total(), tb.Query(), v.Search.Text, before+1)
	}
	if col, asc := tb.Sorted(); col < 0 || tb.Columns[col] != "Name" || asc {
		t.Fatalf("sort after the reload: column %d asc=%v, want Name descending", col, asc)
	}
	if !strings.HasPrefix(v.Count.Text, "1 of") {
		t.Errorf("count label %q", v.Count.Text)
	}
	v.Search.SetText("")
	env.app.waitFor(t, "the cleared search", func() bool { return tb.Query() == "" })
	for i := 1; i < tb.Len(); i++ {
		if compareFold(tb.Cell(i-1, name), tb.Cell(i, name)) < 0 {
			t.Fatalf("not sorted descending at %d: %q < %q", i, tb.Cell(i-1, name), tb.Cell(i, name))
		}
	}
}
