package engine

import (
	"slices"
	"strings"
	"testing"
)

// TestSchemaDriftDropsField: a selected field deleted in Salesforce
// (sfsim's DeleteField: gone from describe, INVALID_FIELD in queries) is
// dropped with a clear message and the sync continues, on a full re-sync
// (Bulk) and on an incremental check (composite); the store then equals the
// org for the remaining fields.
func TestSchemaDriftDropsField(t *testing.T) {
	h := newHarness(t, optsWithSeed(), nil)
	h.connectToken()
	h.runOK()
	org := h.sim.Org()

	// Bulk path: the person adds two Account fields (a widened selection
	// re-syncs Account in full) and one is deleted before the next run.
	sel := h.e.Selection()
	sel["Account"] = append(sel["Account"], "Customer_Since__c", "Industry")
	if err := h.e.SaveFields(sel); err != nil {
		t.Fatal(err)
	}
	if err := org.DeleteField("Account", "Customer_Since__c"); err != nil {
		t.Fatal(err)
	}
	run := h.runOK()
	st := h.e.State()
	want := "field Account.Customer_Since__c was deleted in Salesforce and removed from your selection"
	if !strings.Contains(st.Detail, want) || !strings.Contains(run.Error, want) {
		t.Fatalf("no drift message: detail %q, run error %q", st.Detail, run.Error)
	}
	if st.Status != StatusActive {
		t.Fatalf("status %q after drift", st.Status)
	}
	got := h.e.Selection()["Account"]
	if slices.Contains(got, "Customer_Since__c") || !slices.Contains(got, "Industry") {
		t.Fatalf("selection after drift: %v", got)
	}
	if !slices.Equal(st.DroppedFields, []string{"Account.Customer_Since__c"}) {
		t.Fatalf("dropped fields %v", st.DroppedFields)
	}
	h.assertEqual(nil)

	// Incremental path: Lead.Rating and the CSM lookup are synced while
	// they exist, then deleted: the composite's queries fail with
	// INVALID_FIELD, the run re-describes, drops them and checks again.
	sel = h.e.Selection()
	sel["Lead"] = append(sel["Lead"], "Rating")
	sel["Account"] = append(sel["Account"], "CSM__c", "CSM__r.Name")
	if err := h.e.SaveFields(sel); err != nil {
		t.Fatal(err)
	}
	h.runOK() // re-syncs Lead and Account with the new fields
	if !slices.Contains(h.e.Selection()["Lead"], "Rating") {
		t.Fatal("Rating not selected")
	}
	h.assertEqual(nil)
	for _, f := range [][2]string{{"Lead", "Rating"}, {"Account", "CSM__c"}} {
		if err := org.DeleteField(f[0], f[1]); err != nil {
			t.Fatal(err)
		}
	}
	newMutator(t, org).round() // changes for the incremental run to carry
	before := h.usage()
	run = h.runOK()
	detail := h.e.State().Detail
	for _, f := range []string{"Lead.Rating", "Account.CSM__c", "Account.CSM__r.Name"} {
		if !strings.Contains(detail, "field "+f+" was deleted in Salesforce") || !strings.Contains(run.Error, f) {
			t.Errorf("%s not reported: detail %q, run error %q", f, detail, run.Error)
		}
	}
	// composite, five describes, composite again: no Bulk re-sync.
	if got := h.usage() - before; got != 7 {
		t.Fatalf("drift on the incremental path cost %d calls, want 7", got)
	}
	sel = h.e.Selection()
	if slices.Contains(sel["Lead"], "Rating") || slices.Contains(sel["Account"], "CSM__c") || slices.Contains(sel["Account"], "CSM__r.Name") {
		t.Fatalf("deleted fields still selected: %v", sel)
	}
	h.assertEqual(nil)
}
