package engine

import (
	"context"
	"fmt"
	"testing"

	"github.com/sfsync/sfsync/core/sfsim"
)

var transientKinds = []sfsim.FaultKind{sfsim.FaultHTTP500, sfsim.FaultHTTP503, sfsim.FaultHTTP429, sfsim.FaultReset, sfsim.FaultTruncate,
	sfsim.FaultHTML503, sfsim.FaultConcurrentLongTxn}

// TestFaultsDuringFirstSync: a transient fault on any Bulk endpoint is
// retried and the run ends equal to the org.
func TestFaultsDuringFirstSync(t *testing.T) {
	for _, endpoint := range []string{"jobs", "job", "results", "abort"} {
		for _, kind := range transientKinds {
			t.Run(fmt.Sprintf("%s/%s", endpoint, kind), func(t *testing.T) {
				h := newHarness(t, optsWithSeed(), bulkReads)
				if err := h.e.SetMaxRecords(100); err != nil {
					t.Fatal(err)
				}
				h.connectToken()
				h.sim.InjectFault(sfsim.Fault{Endpoint: endpoint, Nth: 2, Kind: kind})
				h.runOK()
				h.assertEqual(nil)
			})
		}
	}
}

// TestPersistentFaultsFailCleanly: when an endpoint keeps failing the run
// fails, the store holds only whole committed pages, no bookmark passes
// uncommitted data, and a clean run afterwards ends equal to the org.
func TestPersistentFaultsFailCleanly(t *testing.T) {
	for _, endpoint := range []string{"jobs", "job", "results", "composite", "queryMore"} {
		t.Run(endpoint, func(t *testing.T) {
			tune := bulkReads // the Bulk endpoints' faults hit a Bulk read
			if endpoint == "composite" || endpoint == "queryMore" {
				tune = nil // 2,100 new Contacts stay under the REST threshold
			}
			h := newHarness(t, optsWithSeed(), tune)
			if err := h.e.SetMaxRecords(100); err != nil {
				t.Fatal(err)
			}
			h.connectToken()
			if endpoint == "composite" || endpoint == "queryMore" {
				h.runOK()
				// 2,100 new Contacts: the composite's first page plus one queryMore.
				for i := range 2100 {
					if _, err := h.sim.Org().Create("Contact", map[string]any{"LastName": fmt.Sprint("New ", i)}); err != nil {
						t.Fatal(err)
					}
				}
			}
			bookmarks := h.bookmarks()
			nth := 3 // let some pages commit first
			if endpoint == "composite" || endpoint == "queryMore" {
				nth = 1
			}
			h.sim.InjectFault(sfsim.Fault{Endpoint: endpoint, Nth: nth, Times: -1, Kind: sfsim.FaultHTTP503})
			run, err := h.e.RunOnce(context.Background())
			if err == nil || run.Result != resultError {
				t.Fatalf("run under a persistent fault: %+v, %v", run, err)
			}
			if st := h.e.State(); st.Status != StatusError || st.Detail == "" {
				t.Fatalf("state %q %q", st.Status, st.Detail)
			}
			h.assertCommittedPagesOnly(bookmarks)
			if endpoint == "results" {
				if _, ok, _ := h.st.Checkpoint("User"); !ok {
					if _, ok, _ := h.st.Checkpoint("Account"); !ok {
						t.Fatal("no checkpoint after results kept failing mid-sync")
					}
				}
			}
			h.sim.ClearFaults()
			h.runOK()
			h.assertEqual(nil)
		})
	}
}

func (h *harness) bookmarks() map[string]string {
	out := map[string]string{}
	for _, obj := range Objects {
		if bm, ok, _ := h.st.Bookmark(obj); ok {
			out[obj] = bm.String()
		}
	}
	return out
}

// assertCommittedPagesOnly: an object mid-Bulk has exactly the live rows of
// its committed pages and no bookmark; an object whose incremental failed
// keeps its old bookmark.
func (h *harness) assertCommittedPagesOnly(before map[string]string) {
	h.t.Helper()
	for _, obj := range Objects {
		cp, hasCP, err := h.st.Checkpoint(obj)
		if err != nil {
			h.t.Fatal(err)
		}
		bm, hasBM, _ := h.st.Bookmark(obj)
		if _, had := before[obj]; !had {
			if hasCP && hasBM {
				h.t.Errorf("%s: bookmark set while its first sync is unfinished", obj)
			}
			if hasCP {
				rows := h.sim.Org().Snapshot(obj) // Id order, as Bulk returns them
				live := 0
				for _, row := range rows[:cp.Rows] {
					if row["IsDeleted"] != true {
						live++
					}
				}
				if n, _ := h.st.Count(obj); n != live {
					h.t.Errorf("%s: %d rows stored, the %d committed rows hold %d live ones", obj, n, cp.Rows, live)
				}
			}
			continue
		}
		if hasBM && bm.String() != before[obj] && obj == "Contact" {
			h.t.Errorf("Contact bookmark moved from %s to %s although its changes were not all committed", before[obj], bm)
		}
	}
}
