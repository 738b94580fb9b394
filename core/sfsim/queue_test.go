package sfsim

import (
	"encoding/json"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"
)

var queueSeed = SeedConfig{Users: 4, Accounts: 3, Leads: 60, Queues: 2, QueueLeadShare: 40, Seed: 5}

// TestGroupDescribeAndLeadOwnerIsPolymorphic: Group is described as the
// real one (00G, Type, DeveloperName, no IsDeleted) and Lead.OwnerId
// references Group and User through the polymorphic Owner relationship.
func TestGroupDescribeAndLeadOwnerIsPolymorphic(t *testing.T) {
	d := newDataOrg(t, queueSeed)
	var lead describeResult
	d.getJSON("sobjects/Lead/describe", http.StatusOK, &lead)
	owner := lead.field(t, "OwnerId")
	if !reflect.DeepEqual(owner.ReferenceTo, []string{"Group", "User"}) || !owner.PolymorphicForeignKey ||
		owner.RelationshipName == nil || *owner.RelationshipName != "Owner" {
		t.Fatalf("Lead.OwnerId: referenceTo %v polymorphic %v relationship %v", owner.ReferenceTo, owner.PolymorphicForeignKey, owner.RelationshipName)
	}
	var acc describeResult
	d.getJSON("sobjects/Account/describe", http.StatusOK, &acc)
	if f := acc.field(t, "OwnerId"); f.PolymorphicForeignKey || !reflect.DeepEqual(f.ReferenceTo, []string{"User"}) {
		t.Errorf("Account.OwnerId: %v %v", f.ReferenceTo, f.PolymorphicForeignKey)
	}
	var group describeResult
	d.getJSON("sobjects/Group/describe", http.StatusOK, &group)
	if group.KeyPrefix != "00G" {
		t.Errorf("Group keyPrefix %q", group.KeyPrefix)
	}
	for _, name := range []string{"Id", "Name", "DeveloperName", "Type", "Email", "OwnerId", "DoesSendEmailToMembers", "SystemModstamp"} {
		group.field(t, name)
	}
	for _, f := range group.Fields {
		if f.Name == "IsDeleted" {
			t.Error("Group describes IsDeleted; the real Group has none")
		}
	}
	resp, body := d.do(http.MethodGet, PinnedVersion, "query?q="+url.QueryEscape("SELECT Id, IsDeleted FROM Group"), "")
	wantError(t, resp, body, http.StatusBadRequest, "INVALID_FIELD", "No such column 'IsDeleted' on entity 'Group'")
}

// queueOwned splits Lead rows by owner kind and returns the queue names.
func queueNamesByID(t *testing.T, o *Org) map[string]string {
	t.Helper()
	names := map[string]string{}
	for _, g := range o.Snapshot("Group") {
		if g["Type"] == "Queue" {
			names[g["Id"].(string)] = g["Name"].(string)
		}
	}
	return names
}

// TestQueueOwnersThroughOwnerRelationship: Owner.Name of a queue-owned
// Lead is the queue's name and Owner.Email is null, in REST query and
// queryAll, composite and Bulk; a User owner reads as before.
func TestQueueOwnersThroughOwnerRelationship(t *testing.T) {
	d := newDataOrg(t, queueSeed)
	owners := &leadOwners{t: t, queues: queueNamesByID(t, d.org), users: map[string]map[string]any{}}
	for _, u := range d.org.Snapshot("User") {
		owners.users[u["Id"].(string)] = u
	}
	if len(owners.queues) != 2 {
		t.Fatalf("seeded queues %v", owners.queues)
	}
	soql := "SELECT Id, OwnerId, Owner.Name, Owner.Email, Owner.Type FROM Lead"
	d.checkRESTLeadOwners(owners, soql)
	d.checkCompositeLeadOwners(owners, soql)
	d.checkBulkLeadOwners(owners, soql)
}

// leadOwners checks what a query says of a Lead's owner against the org's
// queues (Id → name) and users (Id → row), and counts the queue owners seen.
type leadOwners struct {
	t       *testing.T
	queues  map[string]string
	users   map[string]map[string]any
	byQueue int
}

// check checks the Owner.Name, Owner.Email and Owner.Type that the endpoint
// where returned for lead id owned by ownerID.
func (o *leadOwners) check(where string, id, ownerID string, name, email, typ any) {
	o.t.Helper()
	if qn, ok := o.queues[ownerID]; ok {
		o.byQueue++
		if name != qn || email != nil || typ != "Queue" {
			o.t.Errorf("%s: lead %s owned by queue %s: Owner.Name %v Email %v Type %v", where, id, qn, name, email, typ)
		}
		return
	}
	u := o.users[ownerID]
	if u == nil || name != u["Name"] || email != u["Email"] || typ != "User" {
		o.t.Errorf("%s: lead %s owner %s: Name %v Email %v Type %v", where, id, ownerID, name, email, typ)
	}
}

// checkRESTLeadOwners checks the owners of every Lead in REST query and
// queryAll, with the polymorphic Owner's attributes (type Name, the URL of
// the Group or User); at least one Lead must be owned by a queue.
func (d *dataOrg) checkRESTLeadOwners(owners *leadOwners, soql string) {
	d.t.Helper()
	owners.byQueue = 0
	for _, endpoint := range []string{"query", "queryAll"} {
		for _, rec := range d.query(endpoint, soql).Records {
			owner := rec["Owner"].(map[string]any)
			attrs := owner["attributes"].(map[string]any)
			ownerID := rec["OwnerId"].(string)
			obj := map[string]string{"00G": "Group", "005": "User"}[ownerID[:3]]
			if attrs["type"] != "Name" || attrs["url"] != sobjectURL(PinnedVersion, obj, ownerID) {
				d.t.Errorf("%s: Owner attributes %v for %s", endpoint, attrs, ownerID)
			}
			owners.check(endpoint, rec["Id"].(string), ownerID, owner["Name"], owner["Email"], owner["Type"])
		}
	}
	if owners.byQueue == 0 {
		d.t.Fatal("no Lead is owned by a queue")
	}
}

// checkCompositeLeadOwners checks the owners of every Lead in a composite
// query.
func (d *dataOrg) checkCompositeLeadOwners(owners *leadOwners, soql string) {
	d.t.Helper()
	resp, body := d.do(http.MethodPost, PinnedVersion, "composite", compositeBody(false, querySub("q", "query", soql)))
	if resp.StatusCode != http.StatusOK {
		d.t.Fatalf("composite: %d %s", resp.StatusCode, body)
	}
	var ans compositeAnswer
	mustUnmarshal(d.t, body, &ans)
	var page queryPage
	mustUnmarshal(d.t, ans.CompositeResponse[0].Body, &page)
	owners.byQueue = 0
	for _, rec := range page.Records {
		owner := rec["Owner"].(map[string]any)
		owners.check("composite", rec["Id"].(string), rec["OwnerId"].(string), owner["Name"], owner["Email"], owner["Type"])
	}
	if owners.byQueue == 0 {
		d.t.Error("composite: no queue owner")
	}
}

// checkBulkLeadOwners checks the owners of every Lead in a Bulk queryAll
// job's CSV, where an empty cell is a null.
func (d *dataOrg) checkBulkLeadOwners(owners *leadOwners, soql string) {
	d.t.Helper()
	job := d.createJob("queryAll", soql)
	d.completeJob(job.ID)
	header, rows, _ := d.allResults(job.ID, 1000)
	if strings.Join(header, ",") != "Id,OwnerId,Owner.Name,Owner.Email,Owner.Type" {
		d.t.Fatalf("bulk header %v", header)
	}
	owners.byQueue = 0
	for _, r := range rows {
		var email any
		if r[3] != "" {
			email = r[3]
		}
		owners.check("bulk", r[0], r[1], r[2], email, r[4])
	}
	if owners.byQueue == 0 {
		d.t.Error("bulk: no queue owner")
	}
}

// TestQueueQueriesAndAdmin: Group reads through query, queryAll and Bulk;
// the admin API creates a queue, gives it a Lead and renames it, and a
// queue cannot own an Account.
func TestQueueQueriesAndAdmin(t *testing.T) {
	d := newDataOrg(t, queueSeed)
	p := d.query("queryAll", "SELECT Id, Name, DeveloperName, Type, SystemModstamp FROM Group WHERE Type = 'Queue' ORDER BY Name")
	if p.TotalSize != 2 || p.Records[0]["Name"] != "EMEA Leads" || p.Records[0]["DeveloperName"] != "EMEA_Leads" ||
		!strings.HasPrefix(p.Records[0]["Id"].(string), "00G") || p.Records[0]["SystemModstamp"] == nil {
		t.Fatalf("Group query: %+v", p)
	}
	job := d.createJob("query", "SELECT Id, Name, Type FROM Group")
	d.completeJob(job.ID)
	if _, rows, _ := d.allResults(job.ID, 100); len(rows) != 2 {
		t.Fatalf("Group bulk rows %v", rows)
	}

	var created struct{ ID string }
	if err := json.Unmarshal(admin(t, d.srv, "POST", "/_sim/queues", `{"name":"West Coast Leads"}`, http.StatusCreated), &created); err != nil ||
		!strings.HasPrefix(created.ID, "00G") {
		t.Fatalf("create queue: %v %q", err, created.ID)
	}
	lead := d.query("query", "SELECT Id, SystemModstamp FROM Lead ORDER BY Id LIMIT 1").Records[0]
	leadID := lead["Id"].(string)
	admin(t, d.srv, "PATCH", "/_sim/records/Lead/"+leadID, `{"OwnerId":"`+created.ID+`"}`, http.StatusNoContent)
	ownerName := func() any {
		rec := d.query("query", "SELECT Id, Owner.Name, SystemModstamp FROM Lead WHERE Id = '"+leadID+"'").Records[0]
		return rec["Owner"].(map[string]any)["Name"]
	}
	if got := ownerName(); got != "West Coast Leads" {
		t.Fatalf("Owner.Name after reassignment: %v", got)
	}
	stamp := d.query("query", "SELECT SystemModstamp FROM Lead WHERE Id = '"+leadID+"'").Records[0]["SystemModstamp"]
	admin(t, d.srv, "PATCH", "/_sim/records/Group/"+created.ID, `{"Name":"Pacific Leads"}`, http.StatusNoContent)
	if got := ownerName(); got != "Pacific Leads" {
		t.Fatalf("Owner.Name after rename: %v", got)
	}
	if again := d.query("query", "SELECT SystemModstamp FROM Lead WHERE Id = '"+leadID+"'").Records[0]["SystemModstamp"]; again != stamp {
		t.Errorf("renaming the queue moved the Lead's SystemModstamp: %v -> %v", stamp, again)
	}
	acc := d.query("query", "SELECT Id FROM Account LIMIT 1").Records[0]["Id"].(string)
	if err := d.org.Update("Account", acc, map[string]any{"OwnerId": created.ID}); err == nil ||
		!strings.Contains(err.Error(), "FIELD_INTEGRITY_EXCEPTION") {
		t.Fatalf("a queue owning an Account: %v", err)
	}
}

// TestQueueSeedingLeavesOtherValues: queues change only the owners they
// take; without a share the Leads are exactly those of a queue-less seed.
func TestQueueSeedingLeavesOtherValues(t *testing.T) {
	plain := NewOrg(SeedConfig{Users: 4, Leads: 60, Seed: 5})
	noShare := NewOrg(SeedConfig{Users: 4, Leads: 60, Seed: 5, Queues: 3})
	shared := NewOrg(SeedConfig{Users: 4, Leads: 60, Seed: 5, QueueLeadShare: 50})
	if !reflect.DeepEqual(plain.Snapshot("Lead"), noShare.Snapshot("Lead")) {
		t.Fatal("queues without a share changed the Leads")
	}
	if n := len(noShare.Snapshot("Group")); n != 3 || len(plain.Snapshot("Group")) != 0 || len(shared.Snapshot("Group")) != 1 {
		t.Fatalf("group counts: %d %d %d", len(plain.Snapshot("Group")), n, len(shared.Snapshot("Group")))
	}
	a, b := plain.Snapshot("Lead"), shared.Snapshot("Lead")
	moved := 0
	for i := range a {
		if a[i]["OwnerId"] != b[i]["OwnerId"] {
			moved++
			a[i]["OwnerId"] = b[i]["OwnerId"]
		}
		if !reflect.DeepEqual(a[i], b[i]) {
			t.Fatalf("lead %d differs beyond its owner:\n%v\n%v", i, a[i], b[i])
		}
	}
	if moved < 15 || moved > 45 {
		t.Errorf("%d of 60 leads moved to the queue at a 50%% share", moved)
	}
}
