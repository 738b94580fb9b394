package sfsim

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
)

// permOrg is a loopback simulator whose user lacks permissions.
func permOrg(t *testing.T, opts Options) *dataOrg {
	t.Helper()
	opts.Org = NewOrg(SeedConfig{Users: 2, Accounts: 3, Leads: 2, Seed: 1})
	s := New(opts)
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return &dataOrg{t: t, srv: srv, sim: s, org: opts.Org, token: s.IssueAccessToken()}
}

func TestAPIDisabled(t *testing.T) {
	d := permOrg(t, Options{APIDisabled: true})
	for _, rest := range []string{"limits", "sobjects", "sobjects/Account/describe", "query?q=" + url.QueryEscape("SELECT Id FROM Account")} {
		resp, body := d.do(http.MethodGet, PinnedVersion, rest, "")
		wantError(t, resp, body, http.StatusForbidden, "API_DISABLED_FOR_ORG", "The REST API is not enabled for this Organization.")
	}
	resp, body := d.do(http.MethodPost, PinnedVersion, "composite", `{"compositeRequest":[]}`)
	wantError(t, resp, body, http.StatusForbidden, "API_DISABLED_FOR_ORG", "REST API is not enabled")
	if used, _ := d.sim.Usage(); used != 0 {
		t.Errorf("refused calls counted: %d", used)
	}
}

func TestNoViewSetup(t *testing.T) {
	d := permOrg(t, Options{NoViewSetup: true})
	resp, body := d.do(http.MethodGet, PinnedVersion, "limits", "")
	wantError(t, resp, body, http.StatusForbidden, "INSUFFICIENT_ACCESS", "View Setup and Configuration")
	d.getJSON("sobjects/Account/describe", http.StatusOK, nil) // data calls still work
	p := d.query("query", "SELECT PermissionsViewSetup, PermissionsViewAllUsers FROM UserPermissionAccess")
	if p.Records[0]["PermissionsViewSetup"] != false || p.Records[0]["PermissionsViewAllUsers"] != true {
		t.Errorf("UserPermissionAccess without View Setup: %v", p.Records[0])
	}
}

func TestNoReadAccess(t *testing.T) {
	d := permOrg(t, Options{NoReadAccess: []string{"Lead"}})
	var global struct {
		SObjects []struct{ Name string } `json:"sobjects"`
	}
	d.getJSON("sobjects", http.StatusOK, &global)
	for _, o := range global.SObjects {
		if o.Name == "Lead" {
			t.Fatal("Lead listed in describeGlobal")
		}
	}
	if want := len(d.org.schema.objects) - 1; len(global.SObjects) != want {
		t.Errorf("describeGlobal lists %d objects, want %d", len(global.SObjects), want)
	}
	resp, body := d.do(http.MethodGet, PinnedVersion, "sobjects/Lead/describe", "")
	wantError(t, resp, body, http.StatusNotFound, "NOT_FOUND", "does not exist")
	resp, body = d.do(http.MethodGet, PinnedVersion, "query?q="+url.QueryEscape("SELECT Id FROM Lead"), "")
	wantError(t, resp, body, http.StatusBadRequest, "INVALID_TYPE", "sObject type 'Lead' is not supported")
	resp, body = d.do(http.MethodPost, PinnedVersion, "jobs/query", `{"operation":"queryAll","query":"SELECT Id FROM Lead"}`)
	wantError(t, resp, body, http.StatusBadRequest, "INVALID_TYPE", "Lead")

	// Given back: readable again, with its data.
	if err := d.org.WithholdRead("Lead", false); err != nil {
		t.Fatal(err)
	}
	if p := d.query("queryAll", "SELECT Id FROM Lead"); p.TotalSize != d.org.Count("Lead", true) {
		t.Fatalf("Lead after read was given back: %+v", p)
	}
	if err := d.org.WithholdRead("Case", true); err == nil {
		t.Error("withholding an unknown object succeeded")
	}
}
