package ui

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
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
	owner := slices.Index(t2.Columns, "OwnerId")
	if owner < 0 {
		t.Fatalf("no OwnerId column in %v", t2.Columns)
	}
	users, err := LoadUserNames(env.st)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < t2.Len(); i++ {
		if v := t2.Cell(i, owner); strings.HasPrefix(v, "005") || !slices.Contains(mapValues(users), v) {
			t.Fatalf("row %d owner %q is not a user's name", i, v)
		}
	}
	if !strings.Contains(v.Count.Text, "records") {
		t.Errorf("count label %q", v.Count.Text)
	}
}

func mapValues(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

func TestRecordsSearchAndSort(t *testing.T) {
	_, _, v := openRecords(t)
	tb := v.Model()
	name := slices.Index(tb.Columns, "Name")
	target := tb.Cell(3, name)
	word := strings.Fields(target)[0]
	test.Type(v.Search, strings.ToUpper(word))
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
	v.SortBy(name)
	for i := 1; i < tb.Len(); i++ {
		if compareFold(tb.Cell(i-1, name), tb.Cell(i, name)) > 0 {
			t.Fatalf("not sorted ascending at %d: %q > %q", i, tb.Cell(i-1, name), tb.Cell(i, name))
		}
	}
	v.SortBy(name)
	for i := 1; i < tb.Len(); i++ {
		if compareFold(tb.Cell(i-1, name), tb.Cell(i, name)) < 0 {
			t.Fatalf("not sorted descending at %d", i)
		}
	}
	v.Search.SetText("")
	if tb.Len() != tb.Total() {
		t.Fatalf("clearing the search shows %d of %d", tb.Len(), tb.Total())
	}
}

func TestAccountPageListsRelatedContactsAndOpportunities(t *testing.T) {
	env, _, v := openRecords(t)
	var page *RecordPage
	v.OnOpened = func(p *RecordPage) { page = p }
	id := v.Model().ID(0)
	v.Table.OnSelected(widgetCell(0, 1))
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

func TestExportWritesTheObjectAsCSV(t *testing.T) {
	env, _, v := openRecords(t)
	path := filepath.Join(t.TempDir(), "Account.csv")
	w, err := storage.Writer(storage.NewFileURI(path))
	if err != nil {
		t.Fatal(err)
	}
	res, err := v.ExportTo(w, "Account")
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(data), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	live := env.sim.Org().Count("Account", false)
	if int(res.Rows) != live || len(rows) != live+1 {
		t.Fatalf("export: %d rows reported, %d CSV lines, org has %d Accounts", res.Rows, len(rows), live)
	}
}
