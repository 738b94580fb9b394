package sfsim

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"
)

// TestLateCommit: a record created (and one updated) at T in a transaction
// committing at T+d stays invisible to query, queryAll, Bulk and Snapshot
// until T+d, then appears with SystemModstamp T, behind a cursor saved in
// between.
func TestLateCommit(t *testing.T) {
	d := newDataOrg(t, SeedConfig{Users: 2, Accounts: 10, Seed: 6})
	o := d.org
	t0 := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	fixedClock(o, t0)
	victim := d.query("query", "SELECT Id, Name FROM Account ORDER BY Id LIMIT 1").Records[0]
	var created struct{ ID string }
	mustUnmarshal(t, admin(t, d.srv, "POST", "/_sim/records/Account/late", `{"fields":{"Name":"Late Co"},"delay":"10s"}`, http.StatusCreated), &created)
	admin(t, d.srv, "PATCH", "/_sim/records/Account/"+victim["Id"].(string)+"/late", `{"fields":{"Name":"Renamed Late"},"delay":"10s"}`, http.StatusNoContent)
	fixedClock(o, t0.Add(time.Second))
	early, err := o.Create("Account", map[string]any{"Name": "Committed Co"})
	if err != nil {
		t.Fatal(err)
	}

	since := "SELECT Id, Name, SystemModstamp FROM Account WHERE SystemModstamp >= 2026-06-01T12:00:00Z ORDER BY Id"
	fixedClock(o, t0.Add(5*time.Second))
	for _, endpoint := range []string{"query", "queryAll"} {
		p := d.query(endpoint, since)
		if p.TotalSize != 1 || p.Records[0]["Id"] != early {
			t.Fatalf("%s before the commit: %+v", endpoint, p)
		}
	}
	job := d.createJob("queryAll", "SELECT Id, Name FROM Account")
	d.completeJob(job.ID)
	if _, rows, _ := d.allResults(job.ID, 100); len(rows) != 11 {
		t.Fatalf("bulk before the commit: %d rows", len(rows))
	}
	if r := row(t, o, "Account", victim["Id"].(string)); r["Name"] != victim["Name"] {
		t.Fatalf("uncommitted update visible in Snapshot: %v", r["Name"])
	}
	for _, r := range o.Snapshot("Account") {
		if r["Id"] == created.ID {
			t.Fatal("uncommitted create visible in Snapshot")
		}
	}

	fixedClock(o, t0.Add(10*time.Second))
	p := d.query("queryAll", since)
	stamp := "2026-06-01T12:00:00.000+0000"
	got := map[string]map[string]any{}
	for _, r := range p.Records {
		got[r["Id"].(string)] = r
	}
	if p.TotalSize != 3 || got[created.ID]["SystemModstamp"] != stamp || got[created.ID]["Name"] != "Late Co" ||
		got[victim["Id"].(string)]["SystemModstamp"] != stamp || got[victim["Id"].(string)]["Name"] != "Renamed Late" {
		b, _ := json.Marshal(p)
		t.Fatalf("after the commit: %s", b)
	}
	if p.Records[0]["Id"] != created.ID && p.Records[1]["Id"] != created.ID {
		t.Errorf("the late record's Id does not sort before the one created while it waited")
	}
	if o.Count("Account", true) != 12 {
		t.Errorf("count %d", o.Count("Account", true))
	}
}
