package engine

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/sfsync/sfsync/core/sfsim"
)

// TestSelectionFollowsNewerDescribes: the describes cached in the store
// can lose a selected field before any query meets it (connect again, or
// the refresh's describes, after the field was deleted in Salesforce).
// The next run drops the field with the drift notice and syncs; it failed
// every run ("LeadSource is not a syncable field; fix the selection"),
// every object, and refused every change of the selection. Found by
// TestRandomHistoriesStayExact (its first version, seed 55): the drift's own describe met an
// expired session; the reconnect cached describes without the field.
func TestSelectionFollowsNewerDescribes(t *testing.T) {
	h := newHarness(t, sfsim.Options{Seed: smallSeed}, nil)
	h.connectToken()
	sel := h.e.Selection()
	sel["Lead"] = append(sel["Lead"], "LeadSource")
	if err := h.e.SaveFields(sel); err != nil {
		t.Fatal(err)
	}
	h.customFields = true
	h.runOK()
	org := h.sim.Org()
	if err := org.DeleteField("Lead", "LeadSource"); err != nil {
		t.Fatal(err)
	}
	h.connectToken() // connect again: the describes cached now lack LeadSource
	id := org.Snapshot("Account")[1]["Id"].(string)
	if err := org.Update("Account", id, map[string]any{"Name": "After the field went"}); err != nil {
		t.Fatal(err)
	}
	run, err := h.e.RunOnce(context.Background())
	if err != nil || run.Result != resultOK {
		t.Fatalf("run after the describes lost a selected field: %v %q %s", err, run.Result, run.Error)
	}
	if slices.Contains(h.e.Selection()["Lead"], "LeadSource") {
		t.Error("the selection still names the deleted field")
	}
	if st := h.e.State(); !strings.Contains(st.Detail, "LeadSource") {
		t.Errorf("status %q does not say the field was dropped", st.Detail)
	}
	h.assertEqual(nil)
}
