package sfsim

import (
	"net/http"
	"strings"
	"testing"
)

// TestOrganizationRecord: SELECT Id, Name FROM Organization gives the one
// row of the org, its Id the org Id and its Name from the seed.
func TestOrganizationRecord(t *testing.T) {
	d := newDataOrg(t, SeedConfig{Users: 2, Accounts: 3, Seed: 1})
	p := d.query("query", "SELECT Id, Name FROM Organization")
	if p.TotalSize != 1 || len(p.Records) != 1 {
		t.Fatalf("organization query: %+v", p)
	}
	rec := p.Records[0]
	if rec["Id"] != d.org.OrgID() || rec["Name"] != "Acme Demo Org" {
		t.Fatalf("organization row %v, org id %s", rec, d.org.OrgID())
	}
	if attrs := rec["attributes"].(map[string]any); attrs["type"] != "Organization" {
		t.Fatalf("attributes %v", attrs)
	}
	d.checkOrganizationDescribed()
	if all := d.query("queryAll", "SELECT Id FROM Organization"); all.TotalSize != 1 {
		t.Fatalf("queryAll: %+v", all)
	}
	if err := d.org.Delete("Organization", d.org.OrgID()); err == nil || !strings.Contains(err.Error(), "cannot be deleted") {
		t.Fatalf("delete organization: %v", err)
	}
}

// TestOrganizationNameFollowsSeed: the org's name follows the seed, or the
// config.
func TestOrganizationNameFollowsSeed(t *testing.T) {
	for cfg, want := range map[SeedConfig]string{
		{Seed: 2}:                            "Globex Demo Org",
		{Seed: 1, OrgName: "Umbrella"}:       "Umbrella",
		{Seed: int64(len(companyWords)) + 1}: "Acme Demo Org",
	} {
		rows := NewOrg(cfg).Snapshot("Organization")
		if len(rows) != 1 || rows[0]["Name"] != want {
			t.Errorf("seed %+v: %v, want %q", cfg, rows, want)
		}
	}
	if name := NewOrg(SeedConfig{Seed: -3}).Snapshot("Organization")[0]["Name"].(string); !strings.HasSuffix(name, " Demo Org") {
		t.Errorf("negative seed: %q", name)
	}
}

// checkOrganizationDescribed checks Organization's describe (Id and Name,
// no IsDeleted) and that describeGlobal lists it.
func (d *dataOrg) checkOrganizationDescribed() {
	d.t.Helper()
	var desc struct {
		Name   string           `json:"name"`
		Fields []map[string]any `json:"fields"`
	}
	d.getJSON("sobjects/Organization/describe", http.StatusOK, &desc)
	names := map[string]bool{}
	for _, f := range desc.Fields {
		names[f["name"].(string)] = true
	}
	if desc.Name != "Organization" || !names["Name"] || !names["Id"] || names["IsDeleted"] {
		d.t.Fatalf("describe %s fields %v", desc.Name, names)
	}
	var global struct {
		SObjects []struct{ Name string } `json:"sobjects"`
	}
	d.getJSON("sobjects", http.StatusOK, &global)
	found := false
	for _, o := range global.SObjects {
		found = found || o.Name == "Organization"
	}
	if !found {
		d.t.Fatal("Organization not in describeGlobal")
	}
}
