package ui

import (
	"cmp"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/sfsync/sfsync/core/wording"
)

// openRecords connects the Demo org and loads Accounts in the Records tab.
func openRecords(t *testing.T) (*uiEnv, *MainWindow, *RecordsView) {
	t.Helper()
	env := newUIEnv(t)
	m := env.window()
	env.connectDemo(m)
	v := m.Records
	loaded := false
	v.OnLoaded = func() { loaded = true }
	m.Tabs.SelectIndex(1)
	env.app.waitFor(t, "the Accounts table", func() bool { return loaded })
	return env, m, v
}

func TestRecordsShowSyncedAccountsWithUserNames(t *testing.T) {
	env, _, v := openRecords(t)
	t2 := v.Model()
	if want := env.sim.Org().Count("Account", false); t2.Total() != want || t2.Len() != want {
		t.Fatalf("table has %d/%d rows, org has %d live Accounts", t2.Len(), t2.Total(), want)
	}
	owner := slices.Index(t2.Columns, "Owner.Name") // synced name (Recommended preset)
	if owner < 0 {
		owner = slices.Index(t2.Columns, "OwnerId") // else the Id, resolved locally
	}
	if owner < 0 {
		t.Fatalf("no owner column in %v", t2.Columns)
	}
	var names []string
	for _, u := range env.sim.Org().Snapshot("User") {
		names = append(names, u["Name"].(string))
	}
	for i := 0; i < t2.Len(); i++ {
		if v := t2.Cell(i, owner); strings.HasPrefix(v, "005") || !slices.Contains(names, v) {
			t.Fatalf("row %d owner %q is not a user's name", i, v)
		}
	}
	if !strings.Contains(v.Count.Text, "records") {
		t.Errorf("count label %q", v.Count.Text)
	}
}

func TestRecordsSearchAndSort(t *testing.T) {
	env, _, v := openRecords(t)
	tb := v.Model()
	name := slices.Index(tb.Columns, "Name")
	target := tb.Cell(3, name)
	word := strings.Fields(target)[0]
	test.Type(v.Search, strings.ToUpper(word))
	env.app.waitFor(t, "the search result", func() bool { return tb.Query() == strings.ToUpper(word) })
	if tb.Len() == 0 || tb.Len() == tb.Total() {
		t.Fatalf("search %q: %d of %d rows", word, tb.Len(), tb.Total())
	}
	for i := 0; i < tb.Len(); i++ {
		row := make([]string, len(tb.Columns))
		for c := range row {
			row[c] = tb.Cell(i, c)
		}
		if !strings.Contains(strings.ToLower(strings.Join(row, "|")), strings.ToLower(word)) {
			t.Fatalf("row %v does not contain %q", row, word)
		}
	}
	if !strings.Contains(v.Count.Text, " of ") {
		t.Errorf("count during search: %q", v.Count.Text)
	}
	sorts := 0
	v.OnSorted = func() { sorts++ }
	v.SortBy(name)
	env.app.waitFor(t, "the sorted rows", func() bool { return sorts == 1 })
	for i := 1; i < tb.Len(); i++ {
		if compareFold(tb.Cell(i-1, name), tb.Cell(i, name)) > 0 {
			t.Fatalf("not sorted ascending at %d: %q > %q", i, tb.Cell(i-1, name), tb.Cell(i, name))
		}
	}
	v.SortBy(name)
	env.app.waitFor(t, "the rows sorted descending", func() bool { return sorts == 2 })
	for i := 1; i < tb.Len(); i++ {
		if compareFold(tb.Cell(i-1, name), tb.Cell(i, name)) < 0 {
			t.Fatalf("not sorted descending at %d", i)
		}
	}
	v.Search.SetText("")
	env.app.waitFor(t, "the cleared search", func() bool { return tb.Query() == "" })
	if tb.Len() != tb.Total() {
		t.Fatalf("clearing the search shows %d of %d", tb.Len(), tb.Total())
	}
}

func TestAccountPageListsRelatedContactsAndOpportunities(t *testing.T) {
	env, m, v := openRecords(t)
	var page *RecordPage // one page at a time
	v.OnOpened = func(p *RecordPage) { page = p }
	v.OpenRecord("Account", v.Model().ID(0))
	env.app.waitFor(t, "the record page", func() bool { return page != nil })
	for _, obj := range relatedObjects {
		cols, _ := env.st.Columns(obj)
		listed := slices.ContainsFunc(page.Data.Related, func(r Related) bool { return r.Object == obj })
		if !slices.Contains(cols, "AccountId") && (listed || !strings.Contains(page.Data.RelatedNote, obj+" records are listed here once their Account ID")) {
			// Without AccountId the page says what to sync.
			t.Fatalf("related %s without AccountId: listed %v, note %q", obj, listed, page.Data.RelatedNote)
		}
	}
	page.Close()
	sel := env.eng.Selection()
	for _, obj := range relatedObjects {
		sel[obj] = append(sel[obj], "AccountId")
	}
	if err := env.eng.SaveFields(sel); err != nil {
		t.Fatal(err)
	}
	if run, err := env.eng.RunOnce(context.Background()); err != nil || run.Result != "ok" {
		t.Fatalf("re-sync: %q %v", run.Result, err)
	}
	m.Records.MarkStale()
	page = nil
	v.OnOpened = func(p *RecordPage) { page = p }
	id := v.Model().ID(0)
	v.Table.OnSelected(widgetCell(0, 1)) // tapping a row opens its page
	env.app.waitFor(t, "the record page", func() bool { return page != nil })
	if page.Data.ID != id || page.Data.Values["Name"] == "" {
		t.Fatalf("page for %s shows %s %v", id, page.Data.ID, page.Data.Values)
	}
	want := 0
	for _, obj := range relatedObjects {
		for _, r := range env.sim.Org().Snapshot(obj) {
			if r["AccountId"] == id && r["IsDeleted"] != true {
				want++
			}
		}
	}
	if len(page.Related) != want || want == 0 {
		t.Fatalf("related: %d buttons, org has %d", len(page.Related), want)
	}
	page.Close()
}

// TestExportWritesWhatIsShown: with a search and a sort, the export asks
// "the M shown or all N", writes the chosen rows in the order and with the
// columns shown (labels as headers), says formulas are neutralised, says
// where the file went and opens its folder (issue 10).
func TestExportWritesWhatIsShown(t *testing.T) {
	env, m, v := openRecords(t)
	var opened []string
	v.act.OpenURL = func(u string) error { opened = append(opened, u); return nil }
	tb := v.Model()
	name := slices.Index(tb.Columns, "Name")
	word := strings.Fields(tb.Cell(3, name))[0]
	test.Type(v.Search, word)
	env.app.waitFor(t, "the search", func() bool { return tb.Query() == word })
	sorts := 0
	v.OnSorted = func() { sorts++ }
	v.SortBy(name)
	env.app.waitFor(t, "the sort", func() bool { return sorts == 1 })
	if tb.Len() == 0 || tb.Len() == tb.Total() {
		t.Fatalf("search %q shows %d of %d", word, tb.Len(), tb.Total())
	}
	var done *ExportDialog
	v.OnExported = func(d *ExportDialog) { done = d }
	for _, all := range []bool{false, true} {
		d := v.ShowExport()
		if d.Scope == nil || len(d.Scope.Options) != 2 || !strings.Contains(d.Scope.Selected, "shown") {
			t.Fatalf("scope choice: %+v", d.Scope)
		}
		if !dialogSays(m.Window, wording.ExportNeutralised) || d.Raw.Checked {
			t.Error("the export dialog does not say that formulas are neutralised (raw off by default)")
		}
		if all {
			d.Scope.SetSelected(d.Scope.Options[1])
		}
		path := filepath.Join(t.TempDir(), "Account.csv")
		w, err := storage.Writer(storage.NewFileURI(path))
		if err != nil {
			t.Fatal(err)
		}
		done = nil
		d.WriteTo(w)
		env.app.waitFor(t, "the export", func() bool { return done == d })
		checkExported(t, v, readCSV(t, path), all)
		if fi, err := os.Stat(path); err != nil {
			t.Fatal(err)
		} else if fi.Mode().Perm() != 0o600 {
			t.Errorf("the exported file's mode is %v, want 0600 as `sfsync export` writes it", fi.Mode().Perm())
		}
		if !strings.Contains(d.Result.Text, path) || !d.Open.Visible() {
			t.Fatalf("result %q, Open folder shown %v", d.Result.Text, d.Open.Visible())
		}
		test.Tap(d.Open)
		if want := storage.NewFileURI(filepath.Dir(path)).String(); len(opened) == 0 || opened[len(opened)-1] != want {
			t.Fatalf("opened %v, want %s", opened, want)
		}
		d.Hide()
	}
}

// checkExported: the file has the rows asked for (the view's, in its
// order, or all of them) under the headers shown.
func checkExported(t *testing.T, v *RecordsView, rows [][]string, all bool) {
	t.Helper()
	tb := v.Model()
	want := tb.Len()
	if all {
		want = tb.Total()
	}
	if len(rows) != want+1 || !slices.Equal(rows[0], v.Headers()) {
		t.Fatalf("all=%v: %d rows, header %q; want %d rows, header %q", all, len(rows)-1, rows[0], want, v.Headers())
	}
	if all {
		return
	}
	for i := range tb.Len() {
		if got := rows[i+1][len(rows[i+1])-1]; got != tb.ID(i) { // the Id is the last column shown
			t.Fatalf("row %d is %s, the view shows %s", i, got, tb.ID(i))
		}
	}
}

// readCSV reads an exported file (BOM first).
func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(data), "\ufeff") {
		t.Error("no BOM")
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(data), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// dialogSays reports whether a label or rich text on w's top overlay
// contains text.
func dialogSays(w fyne.Window, text string) bool {
	top := w.Canvas().Overlays().Top()
	found := false
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Label:
			found = found || strings.Contains(x.Text, text)
		case *widget.RichText:
			found = found || strings.Contains(x.String(), text)
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c)
			}
		}
	}
	if top != nil {
		walk(top)
	}
	return found
}

// compareFold is the tests' own case-insensitive order (ASCII fast).
func compareFold(a, b string) int {
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		ca, cb := a[i], b[i]
		if ca >= utf8.RuneSelf || cb >= utf8.RuneSelf {
			return strings.Compare(strings.ToLower(a[i:]), strings.ToLower(b[i:]))
		}
		if 'A' <= ca && ca <= 'Z' {
			ca += 'a' - 'A'
		}
		if 'A' <= cb && cb <= 'Z' {
			cb += 'a' - 'A'
		}
		if ca != cb {
			return cmp.Compare(ca, cb)
		}
	}
	return cmp.Compare(len(a), len(b))
}

// TestRecordsSearchRunsOffTheUIGoroutineAndDropsStaleResults: a search
// result reaches the table only through fyne.Do, and the result of an older
// query is dropped even when it arrives first.
func TestRecordsSearchRunsOffTheUIGoroutineAndDropsStaleResults(t *testing.T) {
	env, _, v := openRecords(t)
	tb := v.Model()
	name := slices.Index(tb.Columns, "Name")
	older, newer := strings.ToLower(strings.Fields(tb.Cell(1, name))[0]), strings.ToLower(strings.Fields(tb.Cell(2, name))[0])
	// searchQueued searches q and waits until its result went to fyne.Do.
	searchQueued := func(q string) {
		t.Helper()
		before := env.app.drv.queued.Load()
		v.search(q)
		deadline := time.Now().Add(time.Minute)
		for env.app.drv.queued.Load() == before {
			if time.Now().After(deadline) {
				t.Fatalf("the search for %q never handed its result to fyne.Do", q)
			}
			time.Sleep(time.Millisecond)
		}
	}
	searchQueued(older)
	if tb.Query() != "" || tb.Len() != tb.Total() {
		t.Fatalf("the search changed the table before the UI goroutine ran: query %q, %d rows", tb.Query(), tb.Len())
	}
	searchQueued(newer)
	(<-env.app.drv.q)() // the older query's result arrives first
	if tb.Query() != "" {
		t.Fatalf("a stale result was shown: query %q", tb.Query())
	}
	env.app.waitFor(t, "the newer result", func() bool { return tb.Query() == newer })
	if tb.Len() == 0 || tb.Len() == tb.Total() {
		t.Fatalf("search %q shows %d of %d rows", newer, tb.Len(), tb.Total())
	}
}

// TestRecordsLoadUpdatesEachVisibleCellOnce: showing a loaded table on the
// UI goroutine updates (and so re-shapes) each visible cell once, not once
// per column as it would if every SetColumnWidth refreshed the filled table.
func TestRecordsLoadUpdatesEachVisibleCellOnce(t *testing.T) {
	env := newUIEnv(t)
	m := env.window()
	env.connectDemo(m)
	v := m.Records
	updates := map[widget.TableCellID]int{}
	update := v.Table.UpdateCell
	v.Table.UpdateCell = func(id widget.TableCellID, o fyne.CanvasObject) { updates[id]++; update(id, o) }
	loaded := false
	v.OnLoaded = func() { loaded = true }
	m.Tabs.SelectIndex(1)
	m.Window.Canvas().Capture() // the table is drawn before its rows arrive
	clear(updates)
	env.app.waitFor(t, "the Accounts table", func() bool { return loaded })
	if v.Model() == nil || len(v.Model().Columns) < 4 {
		t.Fatalf("loaded %v", v.Model())
	}
	worst := 0
	for _, n := range updates {
		worst = max(worst, n)
	}
	if len(updates) == 0 || worst > 1 {
		t.Fatalf("loading %d columns updated %d cells, one of them %d times", len(v.Model().Columns), len(updates), worst)
	}
}

// TestRecordsLoadWhenFirstShown: a window opened on Data Sources reads no
// records; one reopened on Records (the last view) loads the table without
// any tab switch.
func TestRecordsLoadWhenFirstShown(t *testing.T) {
	env := newUIEnv(t)
	m := env.window()
	env.connectDemo(m)
	env.app.drain()
	if m.Records.Model() != nil || m.Records.Status.Text != "" {
		t.Fatalf("Records loaded before its tab was shown: model %v, status %q", m.Records.Model(), m.Records.Status.Text)
	}
	m.Tabs.SelectIndex(1)
	m.CloseRequested() // saves Records as the last view
	m2 := env.window()
	if m2.Tabs.SelectedIndex() != 1 {
		t.Fatalf("reopened on tab %d", m2.Tabs.SelectedIndex())
	}
	want := env.sim.Org().Count("Account", false)
	env.app.waitFor(t, "the reopened window's Accounts table", func() bool {
		return m2.Records.Model() != nil && m2.Records.Model().Total() == want
	})
}

// TestRecordsSortRunsOffTheUIGoroutineAndDropsSupersededSorts: a sort
// reaches the table only through fyne.Do, and the result of a sort tapped
// again meanwhile is dropped even when it arrives first.
func TestRecordsSortRunsOffTheUIGoroutineAndDropsSupersededSorts(t *testing.T) {
	env, _, v := openRecords(t)
	tb := v.Model()
	name := slices.Index(tb.Columns, "Name")
	stored := shownIDs(tb)
	// sortQueued taps the Name header and waits until the sort went to fyne.Do.
	sortQueued := func() {
		t.Helper()
		before := env.app.drv.queued.Load()
		v.SortBy(name)
		deadline := time.Now().Add(time.Minute)
		for env.app.drv.queued.Load() == before {
			if time.Now().After(deadline) {
				t.Fatal("the sort never handed its result to fyne.Do")
			}
			time.Sleep(time.Millisecond)
		}
	}
	sortQueued() // ascending
	if !slices.Equal(shownIDs(tb), stored) {
		t.Fatal("the rows were sorted before the UI goroutine ran")
	}
	sortQueued()        // descending
	(<-env.app.drv.q)() // the ascending result arrives first
	if !slices.Equal(shownIDs(tb), stored) {
		t.Fatal("a superseded sort was shown")
	}
	env.app.waitFor(t, "the rows sorted descending", func() bool { return !slices.Equal(shownIDs(tb), stored) })
	if col, asc := tb.Sorted(); col != name || asc {
		t.Fatalf("Sorted() = %d %v, want %d descending", col, asc, name)
	}
	for i := 1; i < tb.Len(); i++ {
		if compareFold(tb.Cell(i-1, name), tb.Cell(i, name)) < 0 && tb.Cell(i, name) != "" {
			t.Fatalf("not sorted descending at %d: %q < %q", i, tb.Cell(i-1, name), tb.Cell(i, name))
		}
	}
}
