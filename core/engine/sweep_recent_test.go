package engine

import (
	"testing"
	"time"

	"github.com/sfsync/sfsync/core/sfsim"
)

// TestSweepRemovesRecentlyChangedRecords: a record changed shortly before
// the sweep (within the sync's lookback) and then purged, or hidden from
// the user, leaves the store with that sweep, not one period later. Found
// by TestRandomHistoriesStayExact (its first version, seeds 1, 2, 3, 5, 6): the sweep kept
// every absent record stamped in the five minutes before its read.
func TestSweepRemovesRecentlyChangedRecords(t *testing.T) {
	for _, tc := range []struct {
		name string
		gone func(org *sfsim.Org, obj, id string) error
	}{
		{"purged", func(org *sfsim.Org, obj, id string) error { return org.HardDelete(obj, id) }},
		{"hidden", func(org *sfsim.Org, obj, id string) error { return org.HideRecord(obj, id, true) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			clock := &testClock{t: time.Now()}
			h := newHarness(t, sfsim.Options{Seed: smallSeed}, withClock(clock))
			h.connectToken()
			h.runOK()
			org := h.sim.Org()
			id := org.Snapshot("Contact")[2]["Id"].(string)
			if err := org.Update("Contact", id, map[string]any{"Title": "Changed just now"}); err != nil {
				t.Fatal(err)
			}
			h.runOK()
			if err := tc.gone(org, "Contact", id); err != nil {
				t.Fatal(err)
			}
			clock.advance(24*time.Hour + time.Minute)
			run := h.runOK()
			if r, _ := h.st.Get("Contact", id); r != nil {
				t.Fatalf("%s Contact %s changed before the sweep is still stored after it (counts %+v)", tc.name, id, run.Objects["Contact"])
			}
			if run.Objects["Contact"].Purged != 1 {
				t.Errorf("Contact counts %+v, want 1 purged", run.Objects["Contact"])
			}
			if tc.name == "purged" { // the oracle's org still has a hidden record
				h.assertEqual(nil)
			}
		})
	}
}
