package engine

import (
	"testing"

	"github.com/sfsync/sfsync/core/sfsim"
	"github.com/sfsync/sfsync/core/sfsim/simtest"
)

// withParents selects AccountId on Contact and Opportunity, so the oracle
// also checks that children follow their parent through a merge.
func withParents(t *testing.T, h *harness) {
	t.Helper()
	sel := h.e.Selection()
	sel["Contact"] = append(sel["Contact"], "AccountId")
	sel["Opportunity"] = append(sel["Opportunity"], "AccountId")
	if err := h.e.SaveFields(sel); err != nil {
		t.Fatal(err)
	}
}

// TestCascadeDeleteAndUndeleteAreFollowed: deleting an Account takes its
// Contacts and Opportunities to the Recycle Bin (§9 "Cascades"); the store
// drops all of them in one run, and takes them all back after an undelete.
func TestCascadeDeleteAndUndeleteAreFollowed(t *testing.T) {
	h := newHarness(t, sfsim.Options{Seed: smallSeed}, nil)
	h.connectToken()
	withParents(t, h)
	h.runOK()
	org := h.sim.Org()
	acc := org.Snapshot("Account")[2]["Id"].(string)
	children := 0
	for _, obj := range []string{"Contact", "Opportunity"} {
		for _, row := range simtest.Live(org, obj) {
			if row["AccountId"] == acc {
				children++
			}
		}
	}
	if children == 0 {
		t.Fatal("the Account has no children to cascade to")
	}
	if err := org.Delete("Account", acc); err != nil {
		t.Fatal(err)
	}
	run := h.runOK()
	gone := run.Objects["Account"].Deleted + run.Objects["Contact"].Deleted + run.Objects["Opportunity"].Deleted
	if gone != 1+children {
		t.Errorf("run deleted %d records, want the Account and its %d children", gone, children)
	}
	h.assertEqual(nil)
	if err := org.Undelete("Account", acc); err != nil {
		t.Fatal(err)
	}
	run = h.runOK()
	back := run.Objects["Account"].Added + run.Objects["Contact"].Added + run.Objects["Opportunity"].Added
	if back != 1+children {
		t.Errorf("run added %d records after the undelete, want %d", back, 1+children)
	}
	h.assertEqual(nil)
}

// TestMergeIsFollowed: a merge sends the losers to the Recycle Bin with
// MasterRecordId and re-parents their children to the winner (§9); after
// one run the store has no loser and every child points at the winner.
func TestMergeIsFollowed(t *testing.T) {
	h := newHarness(t, sfsim.Options{Seed: smallSeed}, nil)
	h.connectToken()
	withParents(t, h)
	h.runOK()
	org := h.sim.Org()
	accs := org.Snapshot("Account")
	master, l1, l2 := accs[0]["Id"].(string), accs[1]["Id"].(string), accs[2]["Id"].(string)
	if err := org.Merge("Account", master, l1, l2); err != nil {
		t.Fatal(err)
	}
	h.runOK()
	for _, loser := range []string{l1, l2} {
		if r, _ := h.st.Get("Account", loser); r != nil {
			t.Errorf("merged-away Account %s still stored", loser)
		}
	}
	moved := 0
	for _, obj := range []string{"Contact", "Opportunity"} {
		for id, row := range simtest.Live(org, obj) {
			if row["AccountId"] != master {
				continue
			}
			rec, _ := h.st.Get(obj, id)
			if rec == nil {
				t.Fatalf("%s %s missing", obj, id)
			}
			if v, _ := rec.Field("AccountId"); v == master {
				moved++
			}
		}
	}
	if moved < 3 {
		t.Errorf("only %d children point at the winner in the store", moved)
	}
	h.assertEqual(nil)
}
