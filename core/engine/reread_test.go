package engine

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/sfsync/sfsync/core/sfsim"
	"github.com/sfsync/sfsync/core/sfsim/simtest"
)

// deleteJob deletes a Bulk job in the org, as Salesforce does with a job
// seven days old (Bulk API 2.0 Developer Guide, "Delete a Query Job").
func (h *harness) deleteJob(id string) {
	h.t.Helper()
	req, err := http.NewRequest(http.MethodDelete, h.url+"/services/data/v62.0/jobs/query/"+id, nil)
	if err != nil {
		h.t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+h.sim.IssueAccessToken())
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent {
		h.t.Fatalf("delete job %s: HTTP %d", id, resp.StatusCode)
	}
}

// TestWidenedReReadSurvivesALostJob: the Account selection widens, the
// re-read's Bulk job commits one page and fails; before the next run the
// job is gone (deleted), and the replacement job cannot be created. The
// rows the lost job never reached still lack the new field: whatever run
// comes next must read them again, not fall back to reading changes.
func TestWidenedReReadSurvivesALostJob(t *testing.T) {
	h := newHarness(t, sfsim.Options{}, func(c *Config) { c.BulkThreshold = 1 })
	if err := h.e.SetMaxRecords(100); err != nil {
		t.Fatal(err)
	}
	h.connectToken()
	h.runOK()
	sel := h.e.Selection()
	sel["Account"] = append(sel["Account"], "Industry")
	if err := h.e.SaveFields(sel); err != nil {
		t.Fatal(err)
	}
	h.customFields = true
	h.sim.InjectFault(sfsim.Fault{Endpoint: "results", Object: "Account", Nth: 2, Times: -1, Kind: sfsim.FaultHTTP500})
	if run, err := h.e.RunOnce(context.Background()); err == nil {
		t.Fatalf("the run whose Account pages fail succeeded: %+v calls %v", run, h.calls.count("POST", "/jobs/query"))
	}
	h.sim.ClearFaults()
	cp, ok, err := h.st.Checkpoint("Account")
	if err != nil || !ok || cp.JobID == "" || cp.Rows == 0 {
		t.Fatalf("want a checkpoint after one committed page, got %+v %v %v", cp, ok, err)
	}
	h.deleteJob(cp.JobID)
	h.sim.InjectFault(sfsim.Fault{Endpoint: "jobs", Object: "Account", Times: -1, Kind: sfsim.FaultHTTP500})
	if _, err := h.e.RunOnce(context.Background()); err == nil {
		t.Fatal("the run that cannot create the Account job succeeded")
	}
	h.sim.ClearFaults()
	h.runOK()
	h.assertEqual(nil)
}

// TestDeletesDuringAWidenedReRead: in the run that re-reads Account and
// Contact after their selections widened, the org also soft-deletes an
// Account (its Contacts go with it), purges another (its Opportunity is
// purged with it) and merges two more. The re-read objects equal the org
// after that one run, whether the re-read goes through REST or Bulk; the
// purged Opportunity leaves with the next daily sweep.
func TestDeletesDuringAWidenedReRead(t *testing.T) {
	for _, tc := range []struct {
		name string
		tune func(*Config)
	}{{"rest", nil}, {"bulk", func(c *Config) { c.BulkThreshold = 1 }}} {
		t.Run(tc.name, func(t *testing.T) {
			clock := &testClock{t: time.Now()}
			h := newHarness(t, sfsim.Options{Seed: smallSeed}, func(c *Config) {
				c.Now = clock.now
				if tc.tune != nil {
					tc.tune(c)
				}
			})
			h.connectToken()
			h.runOK()
			sel := h.e.Selection()
			sel["Account"] = append(sel["Account"], "Industry")
			sel["Contact"] = append(sel["Contact"], "Department")
			if err := h.e.SaveFields(sel); err != nil {
				t.Fatal(err)
			}
			h.customFields = true
			org := h.sim.Org()
			accs := org.Snapshot("Account")
			id := func(i int) string { return accs[i]["Id"].(string) }
			for _, err := range []error{
				org.Delete("Account", id(0)),
				org.HardDelete("Account", id(1)),
				org.Merge("Account", id(2), id(3)),
			} {
				if err != nil {
					t.Fatal(err)
				}
			}
			h.runOK()
			for _, obj := range []string{"Account", "Contact"} {
				diffs, err := simtest.Diff(h.st, org, obj, h.columns(obj), nil)
				if err != nil {
					t.Fatal(err)
				}
				for _, d := range diffs {
					t.Error(d)
				}
			}
			clock.advance(25 * time.Hour)
			h.runOK()
			h.assertEqual(nil)
		})
	}
}

// TestSweepOfAnEmptiedObject: every Lead is purged in the org; the next
// sweep empties the stored Leads (a read of no rows is a complete read).
func TestSweepOfAnEmptiedObject(t *testing.T) {
	clock := &testClock{t: time.Now()}
	h := newHarness(t, sfsim.Options{Seed: smallSeed}, withClock(clock))
	h.connectToken()
	h.runOK()
	org := h.sim.Org()
	for _, l := range org.Snapshot("Lead") {
		if err := org.HardDelete("Lead", l["Id"].(string)); err != nil {
			t.Fatal(err)
		}
	}
	clock.advance(25 * time.Hour)
	h.runOK()
	if n, err := h.st.Count("Lead"); err != nil || n != 0 {
		t.Errorf("%d Leads stored after the sweep of an org with none (%v)", n, err)
	}
	h.assertEqual(nil)
}

// TestWidenedAgainWhileAJobIsPending: a Bulk job of Account (a re-read
// after widening, or a large read of changes) stopped after one committed
// page; before the next run the selection widens again. The pending job's
// pages lack the new field: the next run must not resume it as if they
// had it (every run failed on "no column Phone" until the job expired),
// and the store must end equal to the org with the new field.
func TestWidenedAgainWhileAJobIsPending(t *testing.T) {
	for _, tc := range []struct {
		name  string
		first func(h *harness)
	}{
		{"re-read", func(h *harness) {
			sel := h.e.Selection()
			sel["Account"] = append(sel["Account"], "Industry")
			if err := h.e.SaveFields(sel); err != nil {
				h.t.Fatal(err)
			}
		}},
		{"changes", func(h *harness) {
			org := h.sim.Org()
			for i, a := range org.Snapshot("Account") {
				if a["IsDeleted"] == true {
					continue
				}
				if err := org.Update("Account", a["Id"].(string), map[string]any{"Website": fmt.Sprintf("https://w%d.example.com", i)}); err != nil {
					h.t.Fatal(err)
				}
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, sfsim.Options{}, func(c *Config) { c.BulkThreshold = 1 })
			if err := h.e.SetMaxRecords(100); err != nil {
				t.Fatal(err)
			}
			h.connectToken()
			h.runOK()
			h.customFields = true
			tc.first(h)
			h.sim.InjectFault(sfsim.Fault{Endpoint: "results", Object: "Account", Nth: 2, Times: -1, Kind: sfsim.FaultHTTP500})
			if run, err := h.e.RunOnce(context.Background()); err == nil {
				t.Fatalf("the run whose Account pages fail succeeded: %+v", run)
			}
			h.sim.ClearFaults()
			if cp, ok, _ := h.st.Checkpoint("Account"); !ok || cp.JobID == "" || cp.Rows == 0 {
				t.Fatalf("want a pending job with a committed page, got %+v", cp)
			}
			sel := h.e.Selection()
			sel["Account"] = append(sel["Account"], "Phone")
			if err := h.e.SaveFields(sel); err != nil {
				t.Fatal(err)
			}
			h.runOK()
			h.assertEqual(nil)
		})
	}
}
