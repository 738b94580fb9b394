package sfsim

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestUserHasNoIsDeleted: as in real orgs, User has no IsDeleted: describe
// leaves it out, REST and Bulk queries naming it fail with INVALID_FIELD,
// users cannot be deleted and leave by deactivation (IsActive = false).
func TestUserHasNoIsDeleted(t *testing.T) {
	d := newDataOrg(t, SeedConfig{Users: 5, Seed: 2})
	var user describeResult
	d.getJSON("sobjects/User/describe", http.StatusOK, &user)
	for _, f := range user.Fields {
		if f.Name == "IsDeleted" {
			t.Fatal("User describes IsDeleted")
		}
	}
	user.field(t, "IsActive")
	for _, endpoint := range []string{"query", "queryAll"} {
		resp, body := d.do(http.MethodGet, PinnedVersion, endpoint+"?q="+url.QueryEscape("SELECT Id, IsDeleted FROM User"), "")
		wantError(t, resp, body, http.StatusBadRequest, "INVALID_FIELD", "No such column 'IsDeleted' on entity 'User'")
	}
	resp, body := d.do(http.MethodPost, PinnedVersion, "jobs/query", jobBody("queryAll", "SELECT Id, IsDeleted FROM User"))
	wantError(t, resp, body, http.StatusBadRequest, "INVALID_FIELD", "No such column 'IsDeleted' on entity 'User'")
	if _, ok := d.org.Snapshot("User")[0]["IsDeleted"]; ok {
		t.Error("Snapshot of User has IsDeleted")
	}

	users := d.org.Users()
	if err := d.org.Delete("User", users[1]); err == nil || !strings.Contains(err.Error(), "INVALID_OPERATION") {
		t.Fatalf("deleting a user: %v", err)
	}
	fixedClock(d.org, time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	if err := d.org.Update("User", users[1], map[string]any{"IsActive": false}); err != nil {
		t.Fatal(err)
	}
	p := d.query("queryAll", "SELECT Id, IsActive, SystemModstamp FROM User WHERE IsActive = false AND SystemModstamp >= 2026-01-02T03:04:05Z")
	if p.TotalSize != 1 || p.Records[0]["Id"] != users[1] {
		t.Fatalf("deactivated user: %+v", p)
	}
	if d.query("query", "SELECT Id FROM User").TotalSize != 5 {
		t.Error("a deactivated user left query results")
	}
}
