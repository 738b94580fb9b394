package sfsim

import (
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"
)

// fixedClock makes mutation times predictable and later than every seeded stamp.
func fixedClock(o *Org, at time.Time) {
	o.mu.Lock()
	o.now = func() time.Time { return at }
	o.mu.Unlock()
}

func row(t *testing.T, o *Org, object, id string) map[string]any {
	t.Helper()
	for _, r := range o.Snapshot(object) {
		if r["Id"] == id {
			return r
		}
	}
	t.Fatalf("%s %s not in snapshot", object, id)
	return nil
}

func TestMutationsMoveSystemModstamp(t *testing.T) {
	o := NewOrg(testSeed)
	at := time.Date(2026, 3, 4, 5, 6, 7, 890e6, time.UTC)
	fixedClock(o, at)
	id := checkCreateStampsAccount(t, o, "2026-03-04T05:06:07.890+0000")
	first := o.Snapshot("Account")[0]["Id"].(string)
	fixedClock(o, at.Add(time.Hour))
	checkUpdateDeleteUndelete(t, o, first, "2026-03-04T06:06:07.890+0000")
	checkRejectedMutations(t, o, id)
}

// checkCreateStampsAccount creates an Account at the org's fixed clock,
// whose time is stamp, checks the new row and that its Id sorts last, and
// returns the Id.
func checkCreateStampsAccount(t *testing.T, o *Org, stamp string) string {
	t.Helper()
	id, err := o.Create("account", map[string]any{"name": "New Co", "AnnualRevenue": 12.5, "Customer_Since__c": "2024-02-29"})
	if err != nil || !strings.HasPrefix(id, "001") || len(id) != 18 {
		t.Fatalf("create: %q %v", id, err)
	}
	r := row(t, o, "Account", id)
	if r["Name"] != "New Co" || r["AnnualRevenue"] != 12.5 || r["Customer_Since__c"] != "2024-02-29" ||
		r["SystemModstamp"] != stamp || r["CreatedDate"] != stamp || r["IsDeleted"] != false || r["OwnerId"] != o.Users()[0] {
		t.Fatalf("created row %v", r)
	}
	ids := o.Snapshot("Account")
	if ids[len(ids)-1]["Id"] != id {
		t.Errorf("new Id %s does not sort last", id)
	}
	return id
}

// checkUpdateDeleteUndelete updates Account id at the org's fixed clock,
// whose time is stamp, then deletes, undeletes and hard-deletes it.
func checkUpdateDeleteUndelete(t *testing.T, o *Org, id, stamp string) {
	t.Helper()
	if err := o.Update("Account", id, map[string]any{"Name": "Renamed", "Phone": nil}); err != nil {
		t.Fatal(err)
	}
	if r := row(t, o, "Account", id); r["Name"] != "Renamed" || r["Phone"] != nil || r["SystemModstamp"] != stamp || r["LastModifiedDate"] != r["SystemModstamp"] {
		t.Errorf("updated row %v", r)
	}
	if err := o.Delete("Account", id); err != nil {
		t.Fatal(err)
	}
	if o.Delete("Account", id) == nil || o.Update("Account", id, map[string]any{"Name": "x"}) == nil {
		t.Error("deleted record accepted a second delete / an update")
	}
	if r := row(t, o, "Account", id); r["IsDeleted"] != true {
		t.Errorf("soft delete: %v", r["IsDeleted"])
	}
	if err := o.Undelete("Account", id); err != nil || row(t, o, "Account", id)["IsDeleted"] != false {
		t.Fatalf("undelete: %v", err)
	}
	before := o.Count("Account", true)
	if err := o.HardDelete("Account", id); err != nil || o.Count("Account", true) != before-1 {
		t.Fatalf("hard delete: %v", err)
	}
}

// checkRejectedMutations checks the updates of Account id and the creates
// the org refuses: unknown, formula and system fields, a null Name, a
// number of the wrong type, an unknown object, a missing Name.
func checkRejectedMutations(t *testing.T, o *Org, id string) {
	t.Helper()
	for _, bad := range []map[string]any{{"Nope__c": 1}, {"Owner_Email__c": "x"}, {"SystemModstamp": "2020-01-01T00:00:00Z"}, {"Name": nil}, {"AnnualRevenue": "lots"}} {
		if err := o.Update("Account", id, bad); err == nil {
			t.Errorf("update %v accepted", bad)
		}
	}
	if _, err := o.Create("Widget__c", nil); err == nil {
		t.Error("create on an unknown object accepted")
	}
	if _, err := o.Create("Account", map[string]any{"Phone": "1"}); err == nil || !strings.Contains(err.Error(), "REQUIRED_FIELD_MISSING") {
		t.Errorf("create without Name: %v", err)
	}
}

func TestParentChangeMovesFormulaButNotSystemModstamp(t *testing.T) {
	o := NewOrg(testSeed)
	fixedClock(o, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	acc := o.Snapshot("Account")[0]
	owner := acc["OwnerId"].(string)
	if err := o.Update("User", owner, map[string]any{"Email": "new.owner@example.com"}); err != nil {
		t.Fatal(err)
	}
	after := row(t, o, "Account", acc["Id"].(string))
	if after["Owner_Email__c"] != "new.owner@example.com" || after["SystemModstamp"] != acc["SystemModstamp"] {
		t.Errorf("formula %v (was %v), stamp %v (was %v)", after["Owner_Email__c"], acc["Owner_Email__c"], after["SystemModstamp"], acc["SystemModstamp"])
	}
}

func TestLocatorAndJobResultsAreSnapshots(t *testing.T) {
	d := newDataOrg(t, SeedConfig{Users: 3, Accounts: 2600, Seed: 4})
	fixedClock(d.org, time.Date(2026, 2, 2, 0, 0, 0, 0, time.UTC))
	first := d.query("query", "SELECT Id, Name, SystemModstamp FROM Account")
	j := d.createJob("query", "SELECT Id, Name, SystemModstamp FROM Account")
	d.completeJob(j.ID)
	_, before := d.results(PinnedVersion, j.ID, "")

	// Change a row on the second REST page, delete another, add one.
	snap := d.org.Snapshot("Account")
	live := []string{}
	for _, r := range snap {
		if r["IsDeleted"] == false {
			live = append(live, r["Id"].(string))
		}
	}
	if err := d.org.Update("Account", live[2100], map[string]any{"Name": "Changed Later"}); err != nil {
		t.Fatal(err)
	}
	if err := d.org.Delete("Account", live[2200]); err != nil {
		t.Fatal(err)
	}
	if _, err := d.org.Create("Account", map[string]any{"Name": "Created Later"}); err != nil {
		t.Fatal(err)
	}
	rest, _ := strings.CutPrefix(first.NextRecordsURL, "/services/data/v62.0/")
	var second queryPage
	d.getJSON(rest, http.StatusOK, &second)
	if second.TotalSize != first.TotalSize || len(second.Records) != len(live)-2000 {
		t.Fatalf("second page: total %d, %d records", second.TotalSize, len(second.Records))
	}
	if r := second.Records[100]; r["Id"] != live[2100] || r["Name"] == "Changed Later" {
		t.Errorf("second page saw a later update: %v", r)
	}
	if second.Records[200]["Id"] != live[2200] {
		t.Errorf("second page lost a later-deleted row")
	}
	_, again := d.results(PinnedVersion, j.ID, "")
	if !reflect.DeepEqual(before.rows, again.rows) {
		t.Error("a completed job's results changed with the org")
	}
	fresh := d.createJob("query", "SELECT Id, Name, SystemModstamp FROM Account WHERE SystemModstamp >= 2026-01-01T00:00:00Z")
	d.completeJob(fresh.ID)
	_, now := d.results(PinnedVersion, fresh.ID, "")
	got := map[string]bool{}
	for _, r := range now.rows[1:] {
		got[r[1]] = true
		if r[2] != "2026-02-02T00:00:00.000Z" {
			t.Errorf("moved stamp %q", r[2])
		}
	}
	if len(now.rows) != 3 || !got["Changed Later"] || !got["Created Later"] {
		t.Errorf("new job sees %q", now.rows)
	}
}

func TestSeedingIsDeterministic(t *testing.T) {
	cfg := SeedConfig{Users: 7, Accounts: 150, ContactsPerAccount: 2, OpportunitiesPerAccount: 1, Leads: 40, Seed: 99}
	a, b := NewOrg(cfg), NewOrg(cfg)
	for _, obj := range []string{"User", "Account", "Contact", "Opportunity", "Lead"} {
		sa, sb := a.Snapshot(obj), b.Snapshot(obj)
		if len(sa) == 0 || !reflect.DeepEqual(sa, sb) {
			t.Errorf("%s differs between two seeds of the same config (%d rows)", obj, len(sa))
		}
	}
	if a.OrgID() != b.OrgID() || !reflect.DeepEqual(a.Users(), b.Users()) {
		t.Error("org or user Ids differ")
	}
	want := map[string]int{"User": 7, "Account": 150, "Contact": 300, "Opportunity": 150, "Lead": 40}
	for obj, n := range want {
		if got := a.Count(obj, true); got != n {
			t.Errorf("%s: %d rows, want %d", obj, got, n)
		}
	}
	cfg.Seed = 100
	if c := NewOrg(cfg); reflect.DeepEqual(c.Snapshot("Account")[0], a.Snapshot("Account")[0]) {
		t.Error("another seed gave the same first account")
	}
	for _, r := range a.Snapshot("Contact") {
		id := r["Id"].(string)
		if len(id) != 18 || id[:3] != "003" || id[15:] != salesforceID("003", id[3:5], seqOf(t, id))[15:] {
			t.Fatalf("contact Id %q", id)
		}
	}
}

// seqOf decodes the base-62 sequence of a simulator Id.
func seqOf(t *testing.T, id string) int64 {
	const digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	var n int64
	for _, c := range id[6:15] {
		k := strings.IndexRune(digits, c)
		if k < 0 {
			t.Fatalf("Id %q has a non-base-62 digit", id)
		}
		n = n*62 + int64(k)
	}
	return n
}

func TestSalesforceIDChecksum(t *testing.T) {
	// Case-checksum rule: each 5-character chunk maps its uppercase letters
	// to a bit mask indexing "A..Z0..5". "001AB": A and B are bits 3 and 4,
	// 24 -> 'Y'; the other chunks have no uppercase letters -> 'A'.
	if id := salesforceID("001", "AB", 62*62+5); id != "001AB0000000105YAA" {
		t.Errorf("Id %q", id)
	}
	// "005xZ" chunk: Z is bit 4 -> 'Q'; "0000A": bit 4 -> 'Q'.
	if id := salesforceID("005", "xZ", 10); id != "005xZ000000000AQAQ" {
		t.Errorf("Id %q", id)
	}
}
