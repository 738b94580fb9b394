package sfsim

import (
	"net/http"
	"testing"
	"time"
)

// TestHiddenRecord: a record sharing hides is absent from query, queryAll,
// Bulk and getDeleted, and its GET answers 404 NOT_FOUND; shown again, it
// is back. The org's Snapshot keeps it throughout.
func TestHiddenRecord(t *testing.T) {
	d := newDataOrg(t, SeedConfig{Users: 2, Accounts: 8, Seed: 3})
	ids := d.query("query", "SELECT Id FROM Account ORDER BY Id").Records
	hidden, gone := ids[0]["Id"].(string), ids[1]["Id"].(string)
	admin(t, d.srv, "PUT", "/_sim/records/Account/"+hidden+"/hidden", `{"hidden":true}`, http.StatusNoContent)
	at := time.Date(2026, 8, 1, 0, 0, 0, 0, time.UTC)
	fixedClock(d.org, at)
	if err := d.org.HideRecord("Account", gone, true); err != nil {
		t.Fatal(err)
	}
	if err := d.org.Delete("Account", gone); err != nil {
		t.Fatal(err)
	}
	visible := func(where string, got []string) {
		t.Helper()
		for _, id := range got {
			if id == hidden || id == gone {
				t.Errorf("%s returns hidden %s", where, id)
			}
		}
	}
	for _, endpoint := range []string{"query", "queryAll"} {
		var got []string
		for _, r := range d.query(endpoint, "SELECT Id FROM Account").Records {
			got = append(got, r["Id"].(string))
		}
		visible(endpoint, got)
		if len(got) != d.org.Count("Account", endpoint == "queryAll")-map[bool]int{true: 2, false: 1}[endpoint == "queryAll"] {
			t.Errorf("%s: %d rows", endpoint, len(got))
		}
	}
	job := d.createJob("queryAll", "SELECT Id FROM Account")
	d.completeJob(job.ID)
	_, rows, _ := d.allResults(job.ID, 100)
	var bulk []string
	for _, r := range rows {
		bulk = append(bulk, r[0])
	}
	visible("bulk", bulk)
	resp, body := d.do(http.MethodGet, PinnedVersion, "sobjects/Account/"+hidden, "")
	wantError(t, resp, body, http.StatusNotFound, "NOT_FOUND", "The requested resource does not exist")
	var del getDeletedResult
	d.getJSON(deletedPath("Account", at.Add(-time.Hour), at.Add(time.Hour)), http.StatusOK, &del)
	if len(del.DeletedRecords) != 0 {
		t.Errorf("getDeleted lists a hidden record: %v", del.DeletedRecords)
	}
	if len(d.org.Snapshot("Account")) != 8 {
		t.Error("Snapshot lost the hidden records")
	}
	admin(t, d.srv, "PUT", "/_sim/records/Account/"+hidden+"/hidden", `{"hidden":false}`, http.StatusNoContent)
	d.getJSON("sobjects/Account/"+hidden, http.StatusOK, nil)
}

// TestWithoutViewAllUsers: UserPermissionAccess reports View All Users
// missing, User queries return the user's own record and the users sharing
// exposes, and some Accounts are owned by users the user never sees; given
// back, every User is visible again.
func TestWithoutViewAllUsers(t *testing.T) {
	d := newDataOrgWith(t, SeedConfig{Users: 9, Accounts: 60, Seed: 4}, Options{NoViewAllUsers: true})
	org, srv := d.org, d.srv

	perms := d.query("query", "SELECT Id, PermissionsApiEnabled, PermissionsViewSetup, PermissionsViewAllUsers FROM UserPermissionAccess")
	if perms.TotalSize != 1 || perms.Records[0]["PermissionsViewAllUsers"] != false ||
		perms.Records[0]["PermissionsApiEnabled"] != true || perms.Records[0]["PermissionsViewSetup"] != true {
		t.Fatalf("UserPermissionAccess: %+v", perms)
	}
	users := org.Users()
	seen := map[string]bool{}
	for _, r := range d.query("queryAll", "SELECT Id FROM User").Records {
		seen[r["Id"].(string)] = true
	}
	want := map[string]bool{users[0]: true, users[1]: true, users[2]: true, users[3]: true, users[4]: true}
	if len(seen) != len(want) {
		t.Fatalf("visible users %v, want %v", seen, want)
	}
	for id := range want {
		if !seen[id] {
			t.Fatalf("visible users %v, want %v", seen, want)
		}
	}
	job := d.createJob("query", "SELECT Id FROM User")
	d.completeJob(job.ID)
	if _, rows, _ := d.allResults(job.ID, 100); len(rows) != len(want) {
		t.Errorf("bulk users %d", len(rows))
	}
	unseen := 0
	for _, r := range d.query("query", "SELECT Id, OwnerId FROM Account").Records {
		if !seen[r["OwnerId"].(string)] {
			unseen++
		}
	}
	if unseen == 0 {
		t.Error("no Account is owned by an unseen user")
	}
	resp, body := d.do(http.MethodGet, PinnedVersion, "sobjects/User/"+users[8], "")
	wantError(t, resp, body, http.StatusNotFound, "NOT_FOUND", "")

	admin(t, srv, "PUT", "/_sim/view-all-users", `{"viewAll":false,"visibleUsers":["`+users[8]+`"]}`, http.StatusNoContent)
	if p := d.query("query", "SELECT Id FROM User ORDER BY Id"); p.TotalSize != 2 || p.Records[1]["Id"] != users[8] {
		t.Errorf("after ShareUsers: %+v", p)
	}
	admin(t, srv, "PUT", "/_sim/view-all-users", `{"viewAll":true}`, http.StatusNoContent)
	if p := d.query("query", "SELECT Id FROM User"); p.TotalSize != 9 {
		t.Errorf("with View All Users: %d users", p.TotalSize)
	}
	if p := d.query("query", "SELECT PermissionsViewAllUsers FROM UserPermissionAccess"); p.Records[0]["PermissionsViewAllUsers"] != true {
		t.Errorf("permission not given back: %v", p.Records[0])
	}
	if err := org.Update("UserPermissionAccess", perms.Records[0]["Id"].(string), map[string]any{"PermissionsViewAllUsers": true}); err == nil {
		t.Error("UserPermissionAccess accepted an update")
	}
}
