package sfsim

import (
	"net/http"
	"net/url"
	"reflect"
	"testing"
	"time"
)

func deletedPath(obj string, start, end time.Time) string {
	return "sobjects/" + obj + "/deleted/?start=" + url.QueryEscape(start.Format("2006-01-02T15:04:05-07:00")) +
		"&end=" + url.QueryEscape(end.Format("2006-01-02T15:04:05-07:00"))
}

// TestGetDeleted: the Get Deleted resource lists records in the Recycle Bin
// and records purged from it (with their deletion time), leaves undeleted
// ones out, covers at most the last 15 days, refuses bad windows and more
// than the Id limit, and is one API call.
func TestGetDeleted(t *testing.T) {
	d := newDataOrg(t, SeedConfig{Users: 2, Accounts: 30, ContactsPerAccount: 1, Seed: 14})
	o := d.org
	var live []string
	for _, a := range o.Snapshot("Account") {
		if a["IsDeleted"] == false {
			live = append(live, a["Id"].(string))
		}
	}
	a, b, c, dd := live[0], live[1], live[2], live[3]
	t1 := time.Date(2026, 7, 1, 8, 0, 0, 0, time.UTC)
	fixedClock(o, t1)
	for _, id := range []string{a, b, c} {
		if err := o.Delete("Account", id); err != nil {
			t.Fatal(err)
		}
	}
	t2 := t1.Add(2 * time.Hour)
	fixedClock(o, t2)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(o.Undelete("Account", c))
	must(o.HardDelete("Account", b))  // purged from the Recycle Bin: deleted at t1
	must(o.HardDelete("Account", dd)) // hard-deleted while live: deleted at t2
	now := t2.Add(30 * time.Minute)
	fixedClock(o, now)

	var got getDeletedResult
	before, _ := d.sim.Usage()
	d.getJSON(deletedPath("Account", t1.Add(-time.Hour), now.Add(24*time.Hour)), http.StatusOK, &got)
	if after, _ := d.sim.Usage(); after-before != 1 {
		t.Errorf("getDeleted cost %d calls", after-before)
	}
	want := []deletedRecord{{a, restTime(t1)}, {b, restTime(t1)}, {dd, restTime(t2)}}
	if a > b {
		want[0], want[1] = want[1], want[0]
	}
	if !reflect.DeepEqual(got.DeletedRecords, want) {
		t.Errorf("deletedRecords %v, want %v", got.DeletedRecords, want)
	}
	if got.EarliestDateAvailable != restTime(now.Add(-15*24*time.Hour)) || got.LatestDateCovered != restTime(now) {
		t.Errorf("earliest %s latest %s", got.EarliestDateAvailable, got.LatestDateCovered)
	}
	if p := d.query("queryAll", "SELECT Id FROM Account WHERE Id = '"+b+"'"); p.TotalSize != 0 {
		t.Error("queryAll still returns the purged account")
	}
	var narrow getDeletedResult
	d.getJSON(deletedPath("Account", t1.Add(time.Hour), t2.Add(time.Minute)), http.StatusOK, &narrow)
	if len(narrow.DeletedRecords) != 1 || narrow.DeletedRecords[0].ID != dd || narrow.LatestDateCovered != restTime(t2.Add(time.Minute)) {
		t.Errorf("narrow window: %+v", narrow)
	}
	var contacts getDeletedResult
	d.getJSON(deletedPath("Contact", t1.Add(-time.Hour), now), http.StatusOK, &contacts)
	if len(contacts.DeletedRecords) != 3 { // one contact each of a, b and dd went with them
		t.Errorf("contacts deleted with their accounts: %+v", contacts.DeletedRecords)
	}

	for path, code := range map[string]string{
		deletedPath("Account", now.Add(-16*24*time.Hour), now):                          "INVALID_REPLICATION_DATE",
		deletedPath("Account", now.Add(-time.Hour), now.Add(-time.Hour+30*time.Second)): "INVALID_REPLICATION_DATE",
		"sobjects/Account/deleted/":                                                     "MISSING_ARGUMENT",
	} {
		resp, body := d.do(http.MethodGet, PinnedVersion, path, "")
		wantError(t, resp, body, http.StatusBadRequest, code, "")
	}
	defer func(n int) { getDeletedIDLimit = n }(getDeletedIDLimit)
	getDeletedIDLimit = 2
	resp, body := d.do(http.MethodGet, PinnedVersion, deletedPath("Account", t1.Add(-time.Hour), now), "")
	wantError(t, resp, body, http.StatusBadRequest, "EXCEEDED_ID_LIMIT", "600,000")
	var users getDeletedResult
	d.getJSON(deletedPath("User", t1, now), http.StatusOK, &users) // never deleted: an empty list
	if len(users.DeletedRecords) != 0 {
		t.Errorf("deleted users %v", users.DeletedRecords)
	}
	resp, body = d.do(http.MethodGet, PinnedVersion, deletedPath("Widget__c", t1, now), "")
	wantError(t, resp, body, http.StatusNotFound, "NOT_FOUND", "")
}
