package ui

import (
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/sfsync/sfsync/core/salesforce"
	"github.com/sfsync/sfsync/core/store"
)

// TestDisplayFormatsForThePerson: dates and datetimes in the person's
// locale and time zone, money grouped with two decimals, numbers grouped,
// booleans as a check mark, multi-line values on one line; a value that
// does not parse stays as stored (issue 10).
func TestDisplayFormatsForThePerson(t *testing.T) {
	us, de := LocaleFor("en-US"), LocaleFor("de_DE")
	at := time.Date(2024, 3, 9, 14, 5, 0, 0, time.UTC)
	cases := []struct {
		v    string
		k    cellKind
		loc  Locale
		want string
	}{
		{"2024-03-09", kindDate, us, "Mar 9, 2024"},
		{"2024-03-09", kindDate, de, "09.03.2024"},
		{"2024-03-09T14:05:00.000Z", kindDateTime, us, at.Local().Format(us.DateTime)},
		{"2024-03-09T14:05:00.000+0000", kindDateTime, de, at.Local().Format("02.01.2006, 15:04")},
		{"1234567.5", kindMoney, us, "1,234,567.50"},
		{"1234567.5", kindMoney, de, "1.234.567,50"},
		{"-9.9213206E7", kindDecimal, us, "-99,213,206"},
		{"12000", kindInteger, us, "12,000"},
		{"12.5", kindPercent, us, "12.5 %"},
		{"true", kindBoolean, us, checkMark},
		{"false", kindBoolean, us, ""},
		{"line one\r\nline two\n", kindText, us, "line one ⏎ line two"},
		{"not a date", kindDate, us, "not a date"},
		{"", kindMoney, us, ""},
	}
	for _, c := range cases {
		if got := display(c.v, c.k, c.loc); got != c.want {
			t.Errorf("display(%q, %d, %s) = %q, want %q", c.v, c.k, c.loc.Tag, got, c.want)
		}
	}
	if kindMoney.alignment() != 2 || kindText.alignment() != 0 { // fyne.TextAlignTrailing, Leading
		t.Error("money is not right-aligned or text not left-aligned")
	}
}

// TestRecordsTellFieldsApartAndSizeColumns: two fields labelled "Active"
// get headers that tell them apart; booleans show check marks, money and
// dates their display form while the model keeps the stored text; each
// column is as wide as its content (issue 10: "Active,Active"; a fixed
// 170 px for every column).
func TestRecordsTellFieldsApartAndSizeColumns(t *testing.T) {
	newQueuedApp(t).Settings().SetTheme(Theme())
	st, err := store.Open(t.TempDir(), store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	f := func(name, label, typ string) salesforce.Field {
		return salesforce.Field{Name: name, Label: label, Type: typ}
	}
	d := salesforce.SObjectDescribe{Name: "Account", Label: "Account", Fields: []salesforce.Field{
		f("Id", "Account ID", "id"), f("Name", "Account Name", "string"), f("SystemModstamp", "System Modstamp", "datetime"),
		f("Foo__Active__c", "Active", "boolean"), f("Bar__Active__c", "Active", "boolean"),
		f("AnnualRevenue", "Annual Revenue", "currency"), f("Description", "Description", "textarea"),
	}}
	if err := st.PutSchema("Account", d); err != nil {
		t.Fatal(err)
	}
	sel := []string{"Name", "Foo__Active__c", "Bar__Active__c", "AnnualRevenue", "Description"}
	if err := st.PutSettings(store.SourceSettings{Fields: map[string][]string{"Account": sel}}); err != nil {
		t.Fatal(err)
	}
	cols := append([]string{"Id", "SystemModstamp"}, sel...)
	rows := [][]string{{"0010000000000000A1", "2025-01-01T00:00:00.000Z", "Acme Corporation International", "true", "false", "1234567.5", "two\nlines"}}
	if _, err := st.ApplyPage(store.Page{Object: "Account", Columns: cols, Rows: store.CSVRows(rows)}); err != nil {
		t.Fatal(err)
	}
	v := &RecordsView{st: st, loc: LocaleFor("en-US"), glyphs: measureGlyphs()}
	tb, layout, err := v.load("Account", "", true, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Active (Foo__Active__c)", "Active (Bar__Active__c)"} {
		if !slices.Contains(layout.Labels, want) {
			t.Errorf("headers %q lack %q", layout.Labels, want)
		}
	}
	shown := map[string]string{}
	for _, col := range layout.Model {
		shown[tb.Columns[col]] = tb.Display(0, col, v.loc)
	}
	if shown["Foo__Active__c"] != checkMark || shown["Bar__Active__c"] != "" || shown["AnnualRevenue"] != "1,234,567.50" ||
		shown["Description"] != "two ⏎ lines" {
		t.Errorf("shown %q", shown)
	}
	if got := tb.Cell(0, slices.Index(tb.Columns, "AnnualRevenue")); got != "1234567.5" {
		t.Errorf("the model holds %q, not the stored value", got)
	}
	widths := layout.Widths
	distinct := map[float32]bool{}
	for c, w := range widths {
		distinct[w] = true
		if w < minColumnWidth || w > maxColumnWidth {
			t.Errorf("column %s is %.0f wide", layout.Labels[c], w)
		}
	}
	if len(distinct) < 3 {
		t.Errorf("widths %v: not sized to their content", widths)
	}
}

// TestRecordsSearchPerObjectAndEmptyStates: each object keeps its own
// search; a search that matches nothing says so and offers to clear it;
// an object without records says when they come and offers Sync now
// (issue 10).
func TestRecordsSearchPerObjectAndEmptyStates(t *testing.T) {
	env, m, v := openRecords(t)
	tb := v.Model()
	test.Type(v.Search, "zzzz-nothing")
	env.app.waitFor(t, "the empty search", func() bool { return tb.Query() == "zzzz-nothing" })
	if !v.Empty.Visible() || v.Table.Visible() || !strings.Contains(v.EmptyText.Text, "zzzz-nothing") || v.EmptyAction.Text != "Clear search" {
		t.Fatalf("no match: empty %v %q action %q", v.Empty.Visible(), v.EmptyText.Text, v.EmptyAction.Text)
	}
	v.Object.SetSelected("Contact")
	env.app.waitFor(t, "the Contacts", func() bool { return v.Model().Object == "Contact" })
	if v.Search.Text != "" || v.Model().Len() != v.Model().Total() {
		t.Fatalf("Contacts opened with the Accounts' search %q", v.Search.Text)
	}
	v.Object.SetSelected("Account")
	env.app.waitFor(t, "the Accounts", func() bool { return v.Model().Object == "Account" })
	if v.Search.Text != "zzzz-nothing" || v.Model().Query() != "zzzz-nothing" {
		t.Fatalf("back on Accounts: search %q, table's %q", v.Search.Text, v.Model().Query())
	}
	test.Tap(v.EmptyAction)
	env.app.waitFor(t, "the cleared search", func() bool { return v.Model().Query() == "" })
	if v.Empty.Visible() || !v.Table.Visible() {
		t.Fatal("Clear search left the empty state")
	}
	none := NewRecordTable("Lead", []string{"Id", "Name"})
	none.Finish()
	v.Object.Selected = "Lead"
	v.show(none, NewColumnLayout(none, nil, nil))
	if !v.Empty.Visible() || v.EmptyAction.Text != "Sync now" || !v.Export.Disabled() {
		t.Fatalf("no Leads: empty %v %q action %q, export disabled %v", v.Empty.Visible(), v.EmptyText.Text, v.EmptyAction.Text, v.Export.Disabled())
	}
	_ = m
}

// TestRecordPageLinksOpensSalesforceAndClosesOnEscape: the page's owner
// opens the User's page, "Open in Salesforce" opens the instance URL with
// the record Id, and Escape closes the top page (issue 10).
func TestRecordPageLinksOpensSalesforceAndClosesOnEscape(t *testing.T) {
	env, m, v := openRecords(t)
	var opened []string
	v.act.OpenURL = func(u string) error { opened = append(opened, u); return nil }
	var page *RecordPage
	v.OnOpened = func(p *RecordPage) { page = p }
	id := v.Model().ID(0)
	v.OpenRecord("Account", id)
	env.app.waitFor(t, "the record page", func() bool { return page != nil })
	acc := page
	if acc.Data.Columns[0] != "Name" || acc.Data.Columns[len(acc.Data.Columns)-1] != "Id" {
		t.Errorf("page order %v: want the name first, the Id last", acc.Data.Columns)
	}
	owner := acc.Links["Owner.Name"]
	if owner == nil || acc.Data.Links["Owner.Name"].Object != "User" {
		t.Fatalf("the Account Executive is not a link: %v", acc.Data.Links)
	}
	test.Tap(acc.OpenInSalesforce)
	if want := RecordURL(m.State().InstanceURL, id); len(opened) != 1 || opened[0] != want || m.State().InstanceURL == "" {
		t.Fatalf("Open in Salesforce opened %v, want %s", opened, want)
	}
	page = nil
	test.Tap(owner)
	env.app.waitFor(t, "the owner's page", func() bool { return page != nil })
	if page.Data.Object != "User" || page.Data.ID != acc.Data.Links["Owner.Name"].ID || len(v.pages) != 2 {
		t.Fatalf("the owner link opened %s %s (%d pages)", page.Data.Object, page.Data.ID, len(v.pages))
	}
	pressEscape(m.Window)
	if len(v.pages) != 1 || v.pages[0] != acc {
		t.Fatalf("Escape left %d pages open", len(v.pages))
	}
	pressEscape(m.Window)
	if len(v.pages) != 0 {
		t.Fatal("Escape did not close the Account's page")
	}
}
