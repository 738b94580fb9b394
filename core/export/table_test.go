package export

import (
	"bytes"
	"context"
	"slices"
	"testing"

	"github.com/sfsync/sfsync/core/salesforce"
	"github.com/sfsync/sfsync/core/store"
)

// TestHeaderLabelsAreUnique: two fields labelled "Active" (as two managed
// packages' are) export as "Active (Foo__Active__c)" and "Active
// (Bar__Active__c)", not "Active,Active" (issue 10).
func TestHeaderLabelsAreUnique(t *testing.T) {
	st, err := store.Open(t.TempDir(), store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	d := salesforce.SObjectDescribe{Name: "Account", Label: "Account", Fields: []salesforce.Field{
		field("Id", "Account ID", "id"), field("Name", "Account Name", "string"),
		field("Foo__Active__c", "Active", "boolean"), field("Bar__Active__c", "Active", "boolean"),
		field("SystemModstamp", "System Modstamp", "datetime"),
	}}
	if err := st.PutSchema("Account", d); err != nil {
		t.Fatal(err)
	}
	if err := st.PutSettings(store.SourceSettings{Fields: map[string][]string{"Account": {"Name", "Foo__Active__c", "Bar__Active__c"}}}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := Write(context.Background(), st, &buf, Options{Object: "Account", Header: HeaderLabels}); err != nil {
		t.Fatal(err)
	}
	got := parse(t, buf.Bytes())[0]
	want := []string{"Account ID", "Account Name", "Active (Foo__Active__c)", "Active (Bar__Active__c)"}
	if !slices.Equal(got, want) {
		t.Fatalf("header %q, want %q", got, want)
	}
}

// TestWriteTableNeutralisesLikeWrite: rows written from the Records view's
// cells get Write's CSV: formulas neutralised unless Raw, numbers kept,
// BOM, CRLF.
func TestWriteTableNeutralisesLikeWrite(t *testing.T) {
	rows := [][]string{{"001A", "=HYPERLINK(\"x\")", "-12.5"}, {"001B", "two\nlines", "@SUM(A1)"}}
	var buf bytes.Buffer
	n, err := WriteTable(&buf, []string{"Id", "Name", "Amount"}, slices.Values(rows), Options{Object: "Account", BOM: true})
	if err != nil || n != 2 {
		t.Fatalf("wrote %d rows: %v", n, err)
	}
	data, ok := bytes.CutPrefix(buf.Bytes(), []byte("\uFEFF"))
	if !ok {
		t.Fatal("no BOM")
	}
	got := parse(t, data)
	if got[1][1] != "'=HYPERLINK(\"x\")" || got[1][2] != "-12.5" || got[2][1] != "two\nlines" || got[2][2] != "'@SUM(A1)" {
		t.Fatalf("neutralised rows %q", got)
	}
	buf.Reset()
	if _, err := WriteTable(&buf, []string{"Id", "Name", "Amount"}, slices.Values(rows), Options{Raw: true}); err != nil {
		t.Fatal(err)
	}
	if got := parse(t, buf.Bytes()); got[1][1] != "=HYPERLINK(\"x\")" || got[2][2] != "@SUM(A1)" {
		t.Fatalf("raw rows %q", got)
	}
}
