package sfsim

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestMergeAccounts: losers go to the Recycle Bin with MasterRecordId = the
// master, their Contacts and Opportunities move to the master with their
// SystemModstamp, and the admin API merges the same way.
func TestMergeAccounts(t *testing.T) {
	d := newDataOrg(t, SeedConfig{Users: 3, Accounts: 30, ContactsPerAccount: 2, OpportunitiesPerAccount: 2, Seed: 12})
	o := d.org
	var live []string
	for _, a := range o.Snapshot("Account") {
		if a["IsDeleted"] == false {
			live = append(live, a["Id"].(string))
		}
	}
	master, losers := live[0], live[1:3]
	moved := append(append(children(o, "Contact", losers[0]), children(o, "Contact", losers[1])...),
		append(children(o, "Opportunity", losers[0]), children(o, "Opportunity", losers[1])...)...)
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	fixedClock(o, at)
	stamp := string(appendRESTDateTime(nil, at.UnixMilli()))
	admin(t, d.srv, "POST", "/_sim/merge/Account", `{"master":"`+master+`","losers":["`+losers[0]+`","`+losers[1]+`"]}`, http.StatusNoContent)

	p := d.query("queryAll", "SELECT Id, IsDeleted, MasterRecordId, SystemModstamp FROM Account WHERE MasterRecordId = '"+master+"'")
	if p.TotalSize != 2 {
		t.Fatalf("merged losers: %+v", p)
	}
	for _, r := range p.Records {
		if r["IsDeleted"] != true || r["SystemModstamp"] != stamp {
			t.Errorf("loser %v", r)
		}
	}
	if r := row(t, o, "Account", master); r["IsDeleted"] != false || r["SystemModstamp"] != stamp || r["MasterRecordId"] != nil {
		t.Errorf("master %v", r)
	}
	for _, id := range moved {
		obj := map[bool]string{true: "Contact", false: "Opportunity"}[strings.HasPrefix(id, "003")]
		if r := row(t, o, obj, id); r["AccountId"] != master || r["SystemModstamp"] != stamp {
			t.Errorf("%s %s after merge: AccountId %v SystemModstamp %v", obj, id, r["AccountId"], r["SystemModstamp"])
		}
	}
	if got := d.query("query", "SELECT Id FROM Contact WHERE AccountId = '"+losers[0]+"'").TotalSize; got != 0 {
		t.Errorf("%d contacts still on a loser", got)
	}

	for _, bad := range [][]string{{}, {live[3], live[4], live[5]}, {master}, {losers[0]}} {
		if err := o.Merge("Account", master, bad...); err == nil {
			t.Errorf("merge of %v accepted", bad)
		}
	}
	if err := o.Merge("Opportunity", children(o, "Opportunity", master)[0], children(o, "Opportunity", master)[1]); err == nil {
		t.Error("opportunities merged")
	}
}

// TestMergeLeadsAndContacts: both have MasterRecordId in describe and merge.
func TestMergeLeadsAndContacts(t *testing.T) {
	d := newDataOrg(t, SeedConfig{Users: 2, Accounts: 4, ContactsPerAccount: 3, Leads: 10, Seed: 3})
	for _, obj := range []string{"Lead", "Contact", "Account"} {
		var desc describeResult
		d.getJSON("sobjects/"+obj+"/describe", http.StatusOK, &desc)
		if f := desc.field(t, "MasterRecordId"); f.ReferenceTo[0] != obj || *f.RelationshipName != "MasterRecord" {
			t.Errorf("%s.MasterRecordId: %v %v", obj, f.ReferenceTo, f.RelationshipName)
		}
		ids := d.query("query", "SELECT Id FROM "+obj+" ORDER BY Id LIMIT 2").Records
		master, loser := ids[0]["Id"].(string), ids[1]["Id"].(string)
		if err := d.org.Merge(obj, master, loser); err != nil {
			t.Fatalf("merge %s: %v", obj, err)
		}
		if r := row(t, d.org, obj, loser); r["MasterRecordId"] != master || r["IsDeleted"] != true {
			t.Errorf("%s loser %v", obj, r)
		}
	}
}
