package engine

import (
	"context"
	"testing"

	"github.com/sfsync/sfsync/core/sfsim"
)

// TestResumedJobCatchesUpInTheSameRun: a run that finishes a Bulk job an
// earlier run created ends with the changes made since that job's snapshot
// too, not with rows as old as the job. Found by
// TestRandomHistoriesStayExact (its first version, seed 13): the Opportunity re-read's job
// lost its results to 502s; an Opportunity changed before the next run,
// which resumed the job, reported OK and left the old Amount stored.
func TestResumedJobCatchesUpInTheSameRun(t *testing.T) {
	h := newHarness(t, sfsim.Options{Seed: smallSeed}, func(c *Config) { c.BulkThreshold = 1 })
	h.connectToken()
	h.runOK()
	sel := h.e.Selection()
	sel["Opportunity"] = append(sel["Opportunity"], "OwnerId")
	if err := h.e.SaveFields(sel); err != nil {
		t.Fatal(err)
	}
	h.customFields = true
	h.sim.InjectFault(sfsim.Fault{Endpoint: "results", Object: "Opportunity", Kind: sfsim.FaultHTTP502, Times: -1})
	if _, err := h.e.RunOnce(context.Background()); err == nil {
		t.Fatal("the run whose Opportunity results all failed succeeded")
	}
	h.sim.ClearFaults()
	cp, ok, err := h.st.Checkpoint("Opportunity")
	if err != nil || !ok || cp.JobID == "" {
		t.Fatalf("no pending Opportunity job to resume: %+v %v %v", cp, ok, err)
	}
	org := h.sim.Org()
	id := org.Snapshot("Opportunity")[4]["Id"].(string)
	if err := org.Update("Opportunity", id, map[string]any{"Amount": 4242.5, "StageName": "Closed Won"}); err != nil {
		t.Fatal(err)
	}
	jobs := h.calls.count("POST", "/jobs/query")
	h.runOK()
	if n := h.calls.count("POST", "/jobs/query") - jobs; n != 0 {
		t.Errorf("the run created %d Bulk jobs, want the pending one resumed", n)
	}
	rec, err := h.st.Get("Opportunity", id)
	if err != nil || rec == nil {
		t.Fatalf("Opportunity %s: %v %v", id, rec, err)
	}
	if got, _ := rec.Field("Amount"); got != "4242.5" {
		t.Errorf("Opportunity %s Amount %q after the run that resumed the job, want the org's 4242.5", id, got)
	}
	h.assertEqual(nil)
}
