package sfsim

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// admin calls the admin API and checks the status; admin calls are never
// counted and never carry Sforce-Limit-Info.
func admin(t *testing.T, ts *httptest.Server, method, path, body string, wantStatus int) []byte {
	t.Helper()
	resp, got := call(t, method, ts.URL+path, "", strings.NewReader(body))
	if resp.StatusCode != wantStatus {
		t.Fatalf("%s %s: %d %s, want %d", method, path, resp.StatusCode, got, wantStatus)
	}
	if h := resp.Header.Get("Sforce-Limit-Info"); h != "" {
		t.Fatalf("%s %s carries Sforce-Limit-Info %q", method, path, h)
	}
	return got
}

func TestAdminUsage(t *testing.T) {
	s, ts := startServer(t, Options{DailyAPIMax: 200})
	var u usageBody
	if err := json.Unmarshal(admin(t, ts, "PUT", "/_sim/usage", `{"used":150}`, 200), &u); err != nil || u != (usageBody{150, 200, 0, 10000}) {
		t.Fatalf("PUT usage = %+v %v", u, err)
	}
	resp, _ := call(t, "GET", ts.URL+v+"limits", s.IssueAccessToken(), nil)
	wantUsageHeader(t, resp, 151, 200)
	if err := json.Unmarshal(admin(t, ts, "GET", "/_sim/usage", "", 200), &u); err != nil || u != (usageBody{151, 200, 0, 10000}) {
		t.Fatalf("GET usage = %+v %v", u, err)
	}
	admin(t, ts, "PUT", "/_sim/usage", `{"nope":1}`, 400)
}

func snapshotRow(t *testing.T, ts *httptest.Server, object, id string) map[string]any {
	t.Helper()
	var rows []map[string]any
	if err := json.Unmarshal(admin(t, ts, "GET", "/_sim/records/"+object, "", 200), &rows); err != nil {
		t.Fatal(err)
	}
	for _, row := range rows {
		if row["Id"] == id {
			return row
		}
	}
	return nil
}

func TestAdminRecordLifecycle(t *testing.T) {
	s, ts := startServer(t, Options{})
	before := s.Org().Count("Account", true)
	var created struct{ ID string }
	if err := json.Unmarshal(admin(t, ts, "POST", "/_sim/records/Account", `{"Name":"Admin Test Co"}`, 201), &created); err != nil || created.ID == "" {
		t.Fatalf("create: %+v %v", created, err)
	}
	if row := snapshotRow(t, ts, "Account", created.ID); row == nil || row["Name"] != "Admin Test Co" {
		t.Fatalf("created row = %v", row)
	}
	admin(t, ts, "PATCH", "/_sim/records/Account/"+created.ID, `{"Name":"Renamed Co"}`, 204)
	if row := snapshotRow(t, ts, "Account", created.ID); row["Name"] != "Renamed Co" {
		t.Fatalf("after PATCH Name = %v", row["Name"])
	}
	admin(t, ts, "DELETE", "/_sim/records/Account/"+created.ID, "", 204)
	if row := snapshotRow(t, ts, "Account", created.ID); row == nil || row["IsDeleted"] != true {
		t.Fatalf("soft delete: row = %v", row)
	}
	admin(t, ts, "POST", "/_sim/records/Account/"+created.ID+"/undelete", "", 204)
	if row := snapshotRow(t, ts, "Account", created.ID); row["IsDeleted"] != false {
		t.Fatalf("undelete: IsDeleted = %v", row["IsDeleted"])
	}
	admin(t, ts, "DELETE", "/_sim/records/Account/"+created.ID+"?hard=true", "", 204)
	if row := snapshotRow(t, ts, "Account", created.ID); row != nil {
		t.Fatalf("hard delete left %v", row)
	}
	if got := s.Org().Count("Account", true); got != before {
		t.Fatalf("Account count %d, want %d", got, before)
	}
	admin(t, ts, "PATCH", "/_sim/records/Account/001000000000000AAA", `{"Name":"x"}`, 400)
	if used, _ := s.Usage(); used != 0 {
		t.Fatalf("admin calls counted: %d", used)
	}
}

func TestAdminFaultsAndSessions(t *testing.T) {
	_, ts := startServer(t, Options{})
	tok := login(t, ts.URL)
	admin(t, ts, "POST", "/_sim/faults", `{"endpoint":"limits","kind":"http_503","times":-1}`, 201)
	admin(t, ts, "POST", "/_sim/faults", `{"endpoint":"limits","kind":"volcano"}`, 400)
	if resp, _ := call(t, "GET", ts.URL+v+"limits", tok["access_token"], nil); resp.StatusCode != 503 {
		t.Fatalf("injected 503: got %d", resp.StatusCode)
	}
	admin(t, ts, "DELETE", "/_sim/faults", "", 204)
	wantWorks(t, ts.URL, tok["access_token"])

	admin(t, ts, "POST", "/_sim/sessions/expire", "", 204)
	wantRejected(t, ts.URL, tok["access_token"])
	admin(t, ts, "POST", "/_sim/refresh-tokens/revoke", "", 204)
	status, body := postToken(t, ts.URL, refreshForm(tok["refresh_token"]))
	wantExpiredRefresh(t, status, body)

	var sess map[string]string
	if err := json.Unmarshal(admin(t, ts, "POST", "/_sim/sessions", "", 201), &sess); err != nil {
		t.Fatal(err)
	}
	wantWorks(t, ts.URL, sess["access_token"])
}

func TestAdminRefusesNonLoopbackCallers(t *testing.T) {
	s := New(Options{Seed: testSeed})
	for _, remote := range []string{"203.0.113.9:5555", "[2001:db8::1]:443", "192.168.1.20:80"} {
		for _, path := range []string{"/_sim/usage", "/_sim/records/Account"} {
			req := httptest.NewRequest("GET", path, nil)
			req.RemoteAddr = remote
			rec := httptest.NewRecorder()
			s.ServeHTTP(rec, req)
			if rec.Code != http.StatusForbidden || strings.Contains(rec.Body.String(), `"used"`) {
				t.Fatalf("%s from %s: %d %s", path, remote, rec.Code, rec.Body)
			}
		}
	}
	for _, remote := range []string{"127.0.0.1:5555", "[::1]:5555"} {
		req := httptest.NewRequest("GET", "/_sim/usage", nil)
		req.RemoteAddr = remote
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			t.Fatalf("usage from %s: %d", remote, rec.Code)
		}
	}
}

// TestAdminSchemaAndAccess: the admin API deletes fields and withholds
// read access, as DeleteField and WithholdRead do.
func TestAdminSchemaAndAccess(t *testing.T) {
	s, ts := startServer(t, Options{})
	token := s.IssueAccessToken()
	admin(t, ts, "DELETE", "/_sim/fields/Account/Customer_Since__c", "", 204)
	admin(t, ts, "DELETE", "/_sim/fields/Account/Customer_Since__c", "", 400) // already gone
	resp, body := call(t, "GET", ts.URL+v+"query?q=SELECT+Id,+Customer_Since__c+FROM+Account", token, nil)
	wantError(t, resp, body, 400, "INVALID_FIELD", "Customer_Since__c")

	admin(t, ts, "PUT", "/_sim/read-access/Lead", `{"readable":false}`, 204)
	resp, body = call(t, "GET", ts.URL+v+"sobjects/Lead/describe", token, nil)
	wantError(t, resp, body, 404, "NOT_FOUND", "does not exist")
	admin(t, ts, "PUT", "/_sim/read-access/Lead", `{"readable":true}`, 204)
	resp, body = call(t, "GET", ts.URL+v+"sobjects/Lead/describe", token, nil)
	if resp.StatusCode != 200 {
		t.Fatalf("describe Lead after read was given back: %d %s", resp.StatusCode, body)
	}
	admin(t, ts, "PUT", "/_sim/read-access/Nope", `{"readable":false}`, 400)
}
