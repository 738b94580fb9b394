package export

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/sfsync/sfsync/core/salesforce"
	"github.com/sfsync/sfsync/core/store"
	"github.com/sfsync/sfsync/core/store/storetest"
)

// TestExportOfDamagedStore (issue 11 case 6): an export over a store whose
// middle was overwritten ends with the store's damage sentence, not a
// panic, and leaves no file behind.
func TestExportOfDamagedStore(t *testing.T) {
	dir := t.TempDir()
	st, err := store.Open(dir, store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []salesforce.SObjectDescribe{userDescribe, accountDescribe} {
		if err := st.PutSchema(d.Name, d); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.PutSettings(store.SourceSettings{Fields: map[string][]string{"Account": {"Name", "Description"}}}); err != nil {
		t.Fatal(err)
	}
	rows := make([][]string, 5000)
	for i := range rows {
		rows[i] = []string{fmt.Sprintf("001%015d", i), fmt.Sprintf("Account %d", i), fmt.Sprintf("A description of account %d, long enough to fill pages", i)}
	}
	if _, err := st.ApplyPage(store.Page{Object: "Account", Columns: []string{"Id", "Name", "Description"}, Rows: store.CSVRows(rows)}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	storetest.FlipMiddle(t, filepath.Join(dir, store.FileName))
	// Without the check at Open (as for a store above store.DefaultCheckLimit).
	st, err = store.Open(dir, store.Options{CheckLimit: -1})
	if err != nil {
		t.Fatalf("open without the check: %v (the fixture's damage must lie past what Open reads)", err)
	}
	defer st.Close()
	out := filepath.Join(t.TempDir(), "accounts.csv")
	_, err = WriteFile(context.Background(), st, out, Options{Object: "Account"})
	if !errors.Is(err, store.ErrDamaged) {
		t.Fatalf("export of a damaged store: %v", err)
	}
	if entries, _ := os.ReadDir(filepath.Dir(out)); len(entries) != 0 {
		t.Errorf("files left behind: %v", entries)
	}
}
