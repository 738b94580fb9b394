package sfsim

import (
	"encoding/json"
	"fmt"
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
	touched := d.touchAccounts(4100, "2026-05-05T05:05:05.500+0000")
	d.checkRESTPagesShareStamp(touched, "2026-05-05T05:05:05.500+0000")
	d.checkBulkSetsShareStamp(touched, "2026-05-05T05:05:05.500Z")
	if _, _, err := d.org.TouchMany("Account", 10000); err == nil || !strings.Contains(err.Error(), "live records") {
		t.Errorf("touching more than exist: %v", err)
	}
}

// touchAccounts touches n Accounts in one mass update through the admin
// API, checks they share the SystemModstamp stamp and returns their Ids.
func (d *dataOrg) touchAccounts(n int, stamp string) map[string]bool {
	d.t.Helper()
	var touched struct {
		IDs            []string `json:"ids"`
		SystemModstamp string   `json:"systemModstamp"`
	}
	body := fmt.Sprintf(`{"count":%d}`, n)
	if err := json.Unmarshal(admin(d.t, d.srv, "POST", "/_sim/records/Account/touch", body, http.StatusOK), &touched); err != nil {
		d.t.Fatal(err)
	}
	if len(touched.IDs) != n || touched.SystemModstamp != stamp {
		d.t.Fatalf("touched %d at %s", len(touched.IDs), touched.SystemModstamp)
	}
	ids := map[string]bool{}
	for _, id := range touched.IDs {
		ids[id] = true
	}
	return ids
}

// checkRESTPagesShareStamp checks that a queryAll ordered by SystemModstamp
// from stamp on pages the 4,100 touched Accounts at 2,000, each once, all
// with stamp.
func (d *dataOrg) checkRESTPagesShareStamp(touched map[string]bool, stamp string) {
	d.t.Helper()
	pages := d.queryAllPages("queryAll", "SELECT Id, SystemModstamp FROM Account WHERE SystemModstamp >= 2026-05-05T05:05:05.500Z ORDER BY SystemModstamp")
	if len(pages) != 3 || len(pages[0].Records) != 2000 || len(pages[1].Records) != 2000 || len(pages[2].Records) != 100 {
		d.t.Fatalf("pages: %d", len(pages))
	}
	seen := map[string]bool{}
	for _, p := range pages {
		for _, r := range p.Records {
			id := r["Id"].(string)
			if r["SystemModstamp"] != stamp || !touched[id] || seen[id] {
				d.t.Fatalf("row %v (seen %v)", r, seen[id])
			}
			seen[id] = true
		}
	}
}

// checkBulkSetsShareStamp checks that a Bulk queryAll from the touched
// Accounts' stamp, read 1,500 a set, returns the 4,100 of them in 3 sets,
// all with stamp (the CSV's form of it).
func (d *dataOrg) checkBulkSetsShareStamp(touched map[string]bool, stamp string) {
	d.t.Helper()
	job := d.createJob("queryAll", "SELECT Id, SystemModstamp FROM Account WHERE SystemModstamp >= 2026-05-05T05:05:05.500Z")
	d.completeJob(job.ID)
	_, rows, sets := d.allResults(job.ID, 1500)
	if len(rows) != 4100 || sets != 3 {
		d.t.Fatalf("bulk: %d rows in %d sets", len(rows), sets)
	}
	for _, r := range rows {
		if r[1] != stamp || !touched[r[0]] {
			d.t.Fatalf("bulk row %v", r)
		}
	}
}
