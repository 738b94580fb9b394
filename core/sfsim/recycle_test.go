package sfsim

import (
	"net/http"
	"testing"
	"time"
)

// children returns the Ids of obj's rows (deleted or not) whose AccountId is acc.
func children(o *Org, obj, acc string) []string {
	var ids []string
	for _, r := range o.Snapshot(obj) {
		if r["AccountId"] == acc {
			ids = append(ids, r["Id"].(string))
		}
	}
	return ids
}

// liveAccountWithLiveChildren picks an Account whose children are all live.
func liveAccountWithLiveChildren(t *testing.T, o *Org) string {
	t.Helper()
	for _, a := range o.Snapshot("Account") {
		id := a["Id"].(string)
		ok := a["IsDeleted"] == false
		for _, obj := range []string{"Contact", "Opportunity"} {
			for _, c := range children(o, obj, id) {
				ok = ok && row(t, o, obj, c)["IsDeleted"] == false
			}
		}
		if ok {
			return id
		}
	}
	t.Fatal("no live account with live children")
	return ""
}

// TestCascadeDeleteUndeleteAndPurge: an Account's delete takes its Contacts
// and Opportunities to the Recycle Bin (IsDeleted, SystemModstamp moved),
// its undelete brings back exactly those, and its purge removes them for
// good; a Contact deleted on its own before stays where it was.
func TestCascadeDeleteUndeleteAndPurge(t *testing.T) {
	d := newDataOrg(t, SeedConfig{Users: 3, Accounts: 20, ContactsPerAccount: 3, OpportunitiesPerAccount: 2, Seed: 9})
	o := d.org
	acc := liveAccountWithLiveChildren(t, o)
	contacts, opps := children(o, "Contact", acc), children(o, "Opportunity", acc)
	own := contacts[0] // deleted on its own, before the Account
	t1 := time.Date(2026, 2, 1, 10, 0, 0, 0, time.UTC)
	fixedClock(o, t1)
	if err := o.Delete("Contact", own); err != nil {
		t.Fatal(err)
	}
	t2 := t1.Add(time.Minute)
	fixedClock(o, t2)
	admin(t, d.srv, "DELETE", "/_sim/records/Account/"+acc, "", http.StatusNoContent)

	stamp := func(ts time.Time) string { return string(appendRESTDateTime(nil, ts.UnixMilli())) }
	want := func(obj, id string, deleted bool, at time.Time) {
		t.Helper()
		r := row(t, o, obj, id)
		if r["IsDeleted"] != deleted || r["SystemModstamp"] != stamp(at) {
			t.Errorf("%s %s: IsDeleted %v SystemModstamp %v, want %v at %v", obj, id, r["IsDeleted"], r["SystemModstamp"], deleted, stamp(at))
		}
	}
	want("Account", acc, true, t2)
	want("Contact", own, true, t1)
	for _, id := range append(contacts[1:], opps...) {
		obj := map[bool]string{true: "Contact", false: "Opportunity"}[id[:3] == "003"]
		want(obj, id, true, t2)
	}
	if p := d.query("query", "SELECT Id FROM Contact WHERE AccountId = '"+acc+"'"); p.TotalSize != 0 {
		t.Errorf("query still returns %d contacts of the deleted account", p.TotalSize)
	}
	if p := d.query("queryAll", "SELECT Id, IsDeleted FROM Opportunity WHERE AccountId = '"+acc+"' AND IsDeleted = true"); p.TotalSize != len(opps) {
		t.Errorf("queryAll: %d deleted opportunities, want %d", p.TotalSize, len(opps))
	}

	t3 := t2.Add(time.Minute)
	fixedClock(o, t3)
	admin(t, d.srv, "POST", "/_sim/records/Account/"+acc+"/undelete", "", http.StatusNoContent)
	want("Account", acc, false, t3)
	want("Contact", own, true, t1) // not taken by the Account's delete, not brought back
	for _, id := range append(contacts[1:], opps...) {
		obj := map[bool]string{true: "Contact", false: "Opportunity"}[id[:3] == "003"]
		want(obj, id, false, t3)
	}

	if err := o.Delete("Account", acc); err != nil {
		t.Fatal(err)
	}
	before := o.Count("Contact", true)
	admin(t, d.srv, "DELETE", "/_sim/records/Account/"+acc+"?hard=true", "", http.StatusNoContent)
	if got := children(o, "Opportunity", acc); len(got) != 0 {
		t.Errorf("purged account left opportunities %v", got)
	}
	if got := children(o, "Contact", acc); len(got) != 1 || got[0] != own {
		t.Errorf("purge left contacts %v, want only the one deleted on its own %s", got, own)
	}
	if after := o.Count("Contact", true); after != before-(len(contacts)-1) {
		t.Errorf("contacts %d -> %d", before, after)
	}
	if p := d.query("queryAll", "SELECT Id FROM Account WHERE Id = '"+acc+"'"); p.TotalSize != 0 {
		t.Error("queryAll still sees the purged account")
	}

	var desc struct {
		ChildRelationships []struct {
			ChildSObject, Field string
			CascadeDelete       bool
		} `json:"childRelationships"`
	}
	d.getJSON("sobjects/Account/describe", http.StatusOK, &desc)
	cascade := map[string]bool{}
	for _, r := range desc.ChildRelationships {
		if r.Field == "AccountId" {
			cascade[r.ChildSObject] = r.CascadeDelete
		}
	}
	if !cascade["Contact"] || !cascade["Opportunity"] {
		t.Errorf("childRelationships cascadeDelete %v", cascade)
	}
}

// TestHardDeleteOfALiveAccount: a direct hard delete takes the children too.
func TestHardDeleteOfALiveAccount(t *testing.T) {
	o := NewOrg(SeedConfig{Users: 2, Accounts: 5, ContactsPerAccount: 2, OpportunitiesPerAccount: 1, Seed: 4})
	acc := liveAccountWithLiveChildren(t, o)
	if err := o.HardDelete("Account", acc); err != nil {
		t.Fatal(err)
	}
	if n := len(children(o, "Contact", acc)) + len(children(o, "Opportunity", acc)); n != 0 {
		t.Errorf("%d children survive the hard delete", n)
	}
}
