package engine

import (
	"testing"
	"time"

	"github.com/sfsync/sfsync/core/sfsim"
)

// TestSharedSystemModstampAcrossPages: a mass update gives 2,500 Accounts
// one SystemModstamp, so the shared stamp straddles a 2,000-row REST page
// (supaglue-labs/supaglue#532). The incremental takes every one of them,
// and a change right after the run is not skipped either.
func TestSharedSystemModstampAcrossPages(t *testing.T) {
	h := newHarness(t, sfsim.Options{Seed: sfsim.SeedConfig{Users: 3, Accounts: 2600, Leads: 2, Seed: 4}}, nil)
	h.connectToken()
	h.runOK()
	org := h.sim.Org()
	ids, _, err := org.TouchMany("Account", 2500)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{ids[0], ids[1999], ids[2000], ids[2499]} {
		if err := org.Update("Account", id, map[string]any{"Type": "Partner"}); err != nil {
			t.Fatal(err)
		}
	}
	run := h.runOK()
	if c := run.Objects["Account"]; c.Updated < 2500 {
		t.Errorf("incremental updated %d Accounts, want every one of the 2,500 sharing a stamp", c.Updated)
	}
	h.assertEqual(nil)
	if err := org.Update("Account", ids[10], map[string]any{"Type": "Customer"}); err != nil {
		t.Fatal(err)
	}
	h.runOK()
	h.assertEqual(nil)
}

// TestLateCommitIsNotSkipped: a record stamped before a run but committed
// after it (airbytehq/airbyte#27146) is read by the next run: the bookmark
// stays the lookback behind the server time the run started at.
func TestLateCommitIsNotSkipped(t *testing.T) {
	h := newHarness(t, sfsim.Options{Seed: smallSeed}, nil)
	h.connectToken()
	h.runOK()
	org := h.sim.Org()
	id, err := org.CreateLate("Account", map[string]any{"Name": "Committed late"}, 400*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	h.runOK() // the row is not visible yet
	if r, _ := h.st.Get("Account", id); r != nil {
		t.Fatal("the late row was read before it committed: the test proves nothing")
	}
	time.Sleep(500 * time.Millisecond)
	h.runOK()
	if r, _ := h.st.Get("Account", id); r == nil {
		t.Error("a row committed after its SystemModstamp was skipped")
	}
	h.assertEqual(nil)
}
