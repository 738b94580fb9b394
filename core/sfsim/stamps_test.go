package sfsim

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestSharedSystemModstampAcrossPages: 4,100 Accounts touched in one mass
// update share one SystemModstamp; a REST query ordered by it pages at
// 2,000 with the same stamp on both sides of each boundary, and a Bulk job
// read in sets of 1,500 returns them all once.
func TestSharedSystemModstampAcrossPages(t *testing.T) {
	d := newDataOrg(t, SeedConfig{Users: 2, Accounts: 4300, Seed: 8})
	fixedClock(d.org, time.Date(2026, 5, 5, 5, 5, 5, 500e6, time.UTC))
	var touched struct {
		IDs            []string `json:"ids"`
		SystemModstamp string   `json:"systemModstamp"`
	}
	if err := json.Unmarshal(admin(t, d.srv, "POST", "/_sim/records/Account/touch", `{"count":4100}`, http.StatusOK), &touched); err != nil {
		t.Fatal(err)
	}
	if len(touched.IDs) != 4100 || touched.SystemModstamp != "2026-05-05T05:05:05.500+0000" {
		t.Fatalf("touched %d at %s", len(touched.IDs), touched.SystemModstamp)
	}
	want := map[string]bool{}
	for _, id := range touched.IDs {
		want[id] = true
	}
	pages := d.queryAllPages("queryAll", "SELECT Id, SystemModstamp FROM Account WHERE SystemModstamp >= 2026-05-05T05:05:05.500Z ORDER BY SystemModstamp")
	if len(pages) != 3 || len(pages[0].Records) != 2000 || len(pages[1].Records) != 2000 || len(pages[2].Records) != 100 {
		t.Fatalf("pages: %d", len(pages))
	}
	seen := map[string]bool{}
	for _, p := range pages {
		for _, r := range p.Records {
			id := r["Id"].(string)
			if r["SystemModstamp"] != touched.SystemModstamp || !want[id] || seen[id] {
				t.Fatalf("row %v (seen %v)", r, seen[id])
			}
			seen[id] = true
		}
	}
	job := d.createJob("queryAll", "SELECT Id, SystemModstamp FROM Account WHERE SystemModstamp >= 2026-05-05T05:05:05.500Z")
	d.completeJob(job.ID)
	_, rows, sets := d.allResults(job.ID, 1500)
	if len(rows) != 4100 || sets != 3 {
		t.Fatalf("bulk: %d rows in %d sets", len(rows), sets)
	}
	for _, r := range rows {
		if r[1] != "2026-05-05T05:05:05.500Z" || !want[r[0]] {
			t.Fatalf("bulk row %v", r)
		}
	}
	if _, _, err := d.org.TouchMany("Account", 10000); err == nil || !strings.Contains(err.Error(), "live records") {
		t.Errorf("touching more than exist: %v", err)
	}
}
