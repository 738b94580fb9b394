package engine

import (
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/sfsync/sfsync/core/store"
)

// TestSchemaDriftDropsField: a selected field Salesforce no longer has
// (INVALID_FIELD) is dropped with a clear message and the sync continues,
// both on a full re-sync (Bulk) and on an incremental check (composite).
func TestSchemaDriftDropsField(t *testing.T) {
	h := newHarness(t, optsWithSeed(), nil)
	h.connectToken()
	h.runOK()

	// The selection gains a field that does not exist (deleted in Salesforce
	// after the person picked it): the widened Account re-syncs by Bulk.
	sel := h.e.Selection()
	sel["Account"] = append(sel["Account"], "Legacy_Score__c", "Industry")
	if err := h.e.SaveFields(sel); err != nil {
		t.Fatal(err)
	}
	run := h.runOK()
	st := h.e.State()
	if !strings.Contains(st.Detail, "Account.Legacy_Score__c") || !strings.Contains(run.Error, "Account.Legacy_Score__c") {
		t.Fatalf("no drift message: detail %q, run error %q", st.Detail, run.Error)
	}
	if st.Status != StatusActive {
		t.Fatalf("status %q after drift", st.Status)
	}
	got := h.e.Selection()["Account"]
	if slices.Contains(got, "Legacy_Score__c") || !slices.Contains(got, "Industry") {
		t.Fatalf("selection after drift: %v", got)
	}
	h.assertEqual(nil)

	// Same on the incremental path: Lead rows were synced while the field
	// existed (so no re-sync is due) and Salesforce has since deleted it:
	// the composite's Lead query fails with INVALID_FIELD.
	sel = h.e.Selection()
	sel["Lead"] = append(sel["Lead"], "Old_Rating__c")
	if err := h.e.SaveFields(sel); err != nil {
		t.Fatal(err)
	}
	h.rewriteWithColumns("Lead", columnsFor(h.e.Selection()["Lead"]))
	before := h.usage()
	run = h.runOK()
	if !strings.Contains(h.e.State().Detail, "Lead.Old_Rating__c") || !strings.Contains(run.Error, "Lead.Old_Rating__c") {
		t.Fatalf("detail %q, run error %q", h.e.State().Detail, run.Error)
	}
	// composite, five describes, composite again: no Bulk re-sync.
	if got := h.usage() - before; got != 7 {
		t.Fatalf("drift on the incremental path cost %d calls, want 7", got)
	}
	if slices.Contains(h.e.Selection()["Lead"], "Old_Rating__c") {
		t.Fatal("Old_Rating__c still selected")
	}
	h.assertEqual(nil)
}

// rewriteWithColumns stores one existing record of obj again under cols (the
// extra columns null), as if it had been synced with that field set.
func (h *harness) rewriteWithColumns(obj string, cols []string) {
	h.t.Helper()
	var row []string
	var nulls []bool
	err := h.st.Scan(obj, func(r *store.Record) bool {
		for _, c := range cols {
			i := slices.Index(r.Columns, c)
			if i < 0 {
				row, nulls = append(row, ""), append(nulls, true)
			} else {
				row, nulls = append(row, r.Values[i]), append(nulls, r.Nulls[i])
			}
		}
		return false
	})
	if err != nil {
		h.t.Fatal(err)
	}
	done := false
	rows := store.RowFunc(func() ([]string, []bool, error) {
		if done {
			return nil, nil, io.EOF
		}
		done = true
		return row, nulls, nil
	})
	if _, err := h.st.ApplyPage(store.Page{Object: obj, Columns: cols, Rows: rows}); err != nil {
		h.t.Fatal(err)
	}
}
