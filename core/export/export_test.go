package export

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/sfsync/sfsync/core/salesforce"
	"github.com/sfsync/sfsync/core/store"
)

func field(name, label, typ string) salesforce.Field {
	return salesforce.Field{Name: name, Label: label, Type: typ}
}

func userRef(name, label, rel string) salesforce.Field {
	return salesforce.Field{Name: name, Label: label, Type: "reference", ReferenceTo: []string{"User"}, RelationshipName: rel}
}

var (
	userDescribe = salesforce.SObjectDescribe{Name: "User", Label: "User", Fields: []salesforce.Field{
		field("Id", "User ID", "id"), field("Name", "Full Name", "string"), field("Email", "Email", "email"),
		field("Phone", "Phone", "phone"), field("SystemModstamp", "System Modstamp", "datetime"),
	}}
	accountDescribe = salesforce.SObjectDescribe{Name: "Account", Label: "Account", Fields: []salesforce.Field{
		field("Id", "Account ID", "id"), field("Name", "Account Name", "string"),
		field("Description", "Account Description", "textarea"), field("IsDeleted", "Deleted", "boolean"),
		field("SystemModstamp", "System Modstamp", "datetime"),
		userRef("OwnerId", "Owner ID", "Owner"), userRef("CSM__c", "CSM", "CSM__r"),
		field("BillingAddress", "Billing Address", "address"),
	}}
)

// tricky values: separators, quotes, line breaks, spaces and non-ASCII.
var tricky = []string{
	"Acme, Inc.", `Say "hello"`, "two\nlines", "crlf\r\nline", " leading space", "trailing ",
	"Zürich – 東京 – 🚀", `"`, ",", "plain",
}

// newStore makes a store with users u1..u3, accounts with tricky values and
// the given Account selection.
func newStore(t *testing.T, accountFields []string, accounts [][]string, cols []string) *store.Store {
	t.Helper()
	st, err := store.Open(t.TempDir(), store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	for _, d := range []salesforce.SObjectDescribe{userDescribe, accountDescribe} {
		if err := st.PutSchema(d.Name, d); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.PutSettings(store.SourceSettings{Fields: map[string][]string{"Account": accountFields}}); err != nil {
		t.Fatal(err)
	}
	users := [][]string{{"0050000000000000U1", "Ada Lovelace", "2025-01-01T00:00:00.000Z"}, {"0050000000000000U2", "Émile Zola, Jr.", "2025-01-01T00:00:00.000Z"}}
	if _, err := st.ApplyPage(store.Page{Object: "User", Columns: []string{"Id", "Name", "SystemModstamp"}, Rows: store.CSVRows(users)}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.ApplyPage(store.Page{Object: "Account", Columns: cols, Rows: store.CSVRows(accounts)}); err != nil {
		t.Fatal(err)
	}
	return st
}

func parse(t *testing.T, data []byte) [][]string {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("exported CSV does not parse: %v\n%s", err, data)
	}
	return recs
}

// readerForm is what encoding/csv gives back for a value: it turns CRLF
// inside quotes into LF.
func readerForm(s string) string { return strings.ReplaceAll(s, "\r\n", "\n") }

func TestWriteRoundTripWithLookupsAsNames(t *testing.T) {
	cols := []string{"Id", "IsDeleted", "SystemModstamp", "CSM__c", "Description", "Name", "OwnerId"}
	var accounts [][]string
	for i, v := range tricky {
		owner := []string{"0050000000000000U1", "0050000000000000U2"}[i%2]
		csm := ""
		if i%3 == 0 {
			csm = "0050000000000000U2"
		}
		if i == 4 {
			csm = "00500000000000GONE" // a user the store does not have
		}
		accounts = append(accounts, []string{"001000000000000A" + strconv.Itoa(10+i), "false", "2025-01-01T00:00:00.000Z", csm, v, "Name " + v, owner})
	}
	st := newStore(t, []string{"CSM__c", "Description", "Name", "OwnerId"}, accounts, cols)

	var buf bytes.Buffer
	res, err := Write(context.Background(), st, &buf, Options{Object: "Account"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Rows != int64(len(tricky)) {
		t.Fatalf("rows %d, want %d", res.Rows, len(tricky))
	}
	if !bytes.HasSuffix(buf.Bytes(), []byte("\r\n")) || bytes.Count(buf.Bytes(), []byte("\r\n")) < len(tricky)+1 {
		t.Fatalf("records must end with CRLF:\n%q", buf.String())
	}
	got := parse(t, buf.Bytes())
	wantHeader := []string{"Id", "CSM__r.Name", "Description", "Name", "Owner.Name"}
	if !slices.Equal(got[0], wantHeader) {
		t.Fatalf("header %q, want %q", got[0], wantHeader)
	}
	names := map[string]string{"0050000000000000U1": "Ada Lovelace", "0050000000000000U2": "Émile Zola, Jr.", "": ""}
	for i, v := range tricky {
		a := accounts[i]
		csm, ok := names[a[3]]
		if !ok {
			csm = a[3] // unknown user: the raw Id is kept
		}
		want := []string{a[0], csm, readerForm(v), readerForm("Name " + v), names[a[6]]}
		if !slices.Equal(got[i+1], want) {
			t.Errorf("row %d: got %q, want %q", i, got[i+1], want)
		}
	}
	// Byte-exact: a CR LF inside a value is written as is.
	if !bytes.Contains(buf.Bytes(), []byte("\"crlf\r\nline\"")) {
		t.Errorf("value with CRLF was not written verbatim")
	}
}

// TestOwnerNameIsResolvedLocallyAndHeaderLabels: the Account Executive's
// name comes from the stored User row, never from a stored dotted column
// (a store written before lookups were resolved locally still has one;
// Salesforce does not move an Account's SystemModstamp when its owner
// changes, so that value goes stale).
func TestOwnerNameIsResolvedLocallyAndHeaderLabels(t *testing.T) {
	cols := []string{"Id", "SystemModstamp", "Name", "Owner.Name", "OwnerId"}
	accounts := [][]string{{"0010000000000000A1", "2025-01-01T00:00:00.000Z", "One", "Stale Owner Name", "0050000000000000U1"}}
	st := newStore(t, []string{"Name", "Owner.Name", "OwnerId"}, accounts, cols)
	var buf bytes.Buffer
	if _, err := Write(context.Background(), st, &buf, Options{Object: "Account", Header: HeaderLabels, BOM: true}); err != nil {
		t.Fatal(err)
	}
	data, ok := bytes.CutPrefix(buf.Bytes(), []byte("\uFEFF"))
	if !ok {
		t.Fatal("no BOM")
	}
	got := parse(t, data)
	want := [][]string{{"Account ID", "Account Name", "Account Executive Name"}, {"0010000000000000A1", "One", "Ada Lovelace"}}
	if len(got) != 2 || !slices.Equal(got[0], want[0]) || !slices.Equal(got[1], want[1]) {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestWriteFileIsAtomicAndPrivate(t *testing.T) {
	cols := []string{"Id", "SystemModstamp", "Name"}
	st := newStore(t, []string{"Name"}, [][]string{{"0010000000000000A1", "x", "One"}}, cols)
	dir := t.TempDir()
	path := filepath.Join(dir, "accounts.csv")
	if err := os.WriteFile(path, []byte("previous"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A failed export leaves the old file and no temporary file.
	if _, err := WriteFile(context.Background(), st, path, Options{Object: "Nope"}); err == nil {
		t.Fatal("unknown object exported")
	}
	if b, _ := os.ReadFile(path); string(b) != "previous" {
		t.Fatalf("failed export changed the file: %q", b)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	// (1 row < ProgressEvery: cancellation is only checked between batches,
	// so this export completes; the next assertion covers the success path.)
	res, err := WriteFile(ctx, st, path, Options{Object: "Account"})
	if err != nil || res.Rows != 1 {
		t.Fatalf("export: %d rows, %v", res.Rows, err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" && info.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", info.Mode().Perm())
	}
	if b, _ := os.ReadFile(path); string(b) != "Id,Name\r\n0010000000000000A1,One\r\n" {
		t.Errorf("content %q", b)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("files left in the directory: %v", entries)
	}
}

func TestProgressAndCancel(t *testing.T) {
	cols := []string{"Id", "SystemModstamp", "Name"}
	const n = 3*ProgressEvery + 17
	rows := make([][]string, n)
	for i := range rows {
		rows[i] = []string{"00100000000A" + strconv.Itoa(100000+i), "x", "Account " + strconv.Itoa(i)}
	}
	st := newStore(t, []string{"Name"}, rows, cols)
	var calls [][2]int64
	res, err := Write(context.Background(), st, &bytes.Buffer{}, Options{Object: "Account", Progress: func(d, tot int64) {
		calls = append(calls, [2]int64{d, tot})
	}})
	if err != nil || res.Rows != n {
		t.Fatalf("export: %d rows, %v", res.Rows, err)
	}
	want := [][2]int64{{1000, n}, {2000, n}, {3000, n}, {n, n}}
	if !slices.Equal(calls, want) {
		t.Fatalf("progress calls %v, want %v", calls, want)
	}

	ctx, cancel := context.WithCancel(context.Background())
	var out bytes.Buffer
	res, err = Write(ctx, st, &out, Options{Object: "Account", Progress: func(d, _ int64) {
		if d == ProgressEvery {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) || res.Rows >= n {
		t.Fatalf("cancelled export: %d rows, %v", res.Rows, err)
	}
}

func TestUnknownObject(t *testing.T) {
	st := newStore(t, nil, nil, []string{"Id"})
	_, err := Write(context.Background(), st, &bytes.Buffer{}, Options{Object: "Acount"})
	if err == nil || !strings.Contains(err.Error(), "choose one of User, Account") {
		t.Fatalf("err = %v", err)
	}
}
