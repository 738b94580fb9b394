package sfsim

import (
	"net/http"
	"testing"
)

type describeResult struct {
	Name      string          `json:"name"`
	KeyPrefix string          `json:"keyPrefix"`
	Fields    []describeField `json:"fields"`
	URLs      map[string]string
}

func (d describeResult) field(t *testing.T, name string) describeField {
	t.Helper()
	for _, f := range d.Fields {
		if f.Name == name {
			return f
		}
	}
	t.Fatalf("%s has no field %s", d.Name, name)
	return describeField{}
}

func TestDescribeGlobalListsTheFiveObjectsWithURLs(t *testing.T) {
	d := newDataOrg(t, testSeed)
	for _, version := range SupportedVersions() {
		resp, body := d.do(http.MethodGet, version, "sobjects", "")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("v%s sobjects: %d %s", version, resp.StatusCode, body)
		}
		var g struct {
			Encoding     string `json:"encoding"`
			MaxBatchSize int    `json:"maxBatchSize"`
			SObjects     []struct {
				Name, KeyPrefix string
				Queryable       bool
				URLs            map[string]string `json:"urls"`
			} `json:"sobjects"`
		}
		mustUnmarshal(t, body, &g)
		prefixes := map[string]string{}
		for _, o := range g.SObjects {
			prefixes[o.Name] = o.KeyPrefix
			if !o.Queryable || o.URLs["describe"] != "/services/data/v"+version+"/sobjects/"+o.Name+"/describe" ||
				o.URLs["rowTemplate"] != "/services/data/v"+version+"/sobjects/"+o.Name+"/{ID}" {
				t.Errorf("v%s %s: queryable %v urls %v", version, o.Name, o.Queryable, o.URLs)
			}
		}
		want := map[string]string{"Account": "001", "Contact": "003", "Lead": "00Q", "Opportunity": "006", "User": "005"}
		for name, p := range want {
			if prefixes[name] != p {
				t.Errorf("v%s: %s keyPrefix %q, want %q", version, name, prefixes[name], p)
			}
		}
		if g.Encoding != "UTF-8" || g.MaxBatchSize != 200 {
			t.Errorf("encoding %q maxBatchSize %d", g.Encoding, g.MaxBatchSize)
		}
	}
}

func TestDescribeAccountFields(t *testing.T) {
	d := newDataOrg(t, testSeed)
	var a describeResult
	d.getJSON("sobjects/account/describe", http.StatusOK, &a)
	if a.Name != "Account" || a.KeyPrefix != "001" || len(a.Fields) < 30 {
		t.Fatalf("describe Account: name %q prefix %q with %d fields", a.Name, a.KeyPrefix, len(a.Fields))
	}
	checkSystemFields(t, a)
	checkAccountLookups(t, a)
	checkBillingAddress(t, a)
	formula := a.field(t, "Owner_Email__c")
	if !formula.Calculated || formula.CalculatedFormula == nil || *formula.CalculatedFormula == "" || formula.Updateable {
		t.Errorf("formula: %+v", formula)
	}
	if logo := a.field(t, "Logo__c"); logo.Type != "base64" || logo.SoapType != "xsd:base64Binary" {
		t.Errorf("Logo__c: %+v", logo)
	}
	if name := a.field(t, "Name"); name.Type != "string" || name.Length != 255 || name.Label != "Account Name" || name.Nillable {
		t.Errorf("Name: %+v", name)
	}
}

// checkSystemFields checks that the system fields are required and
// read-only, and SystemModstamp's type.
func checkSystemFields(t *testing.T, a describeResult) {
	t.Helper()
	for _, name := range []string{"Id", "IsDeleted", "CreatedDate", "LastModifiedDate", "SystemModstamp"} {
		f := a.field(t, name)
		if f.Nillable || f.Updateable {
			t.Errorf("%s: nillable %v updateable %v", name, f.Nillable, f.Updateable)
		}
	}
	if f := a.field(t, "SystemModstamp"); f.Type != "datetime" || f.SoapType != "xsd:dateTime" {
		t.Errorf("SystemModstamp: %+v", f)
	}
}

// checkAccountLookups checks Account's User lookups: OwnerId (standard,
// relationship Owner) and the custom CSM__c, SDR__c, Sales_Engineer__c
// (relationship name ending in __r).
func checkAccountLookups(t *testing.T, a describeResult) {
	t.Helper()
	owner := a.field(t, "OwnerId")
	if owner.Type != "reference" || *owner.RelationshipName != "Owner" || owner.ReferenceTo[0] != "User" || owner.Custom {
		t.Errorf("OwnerId: %+v", owner)
	}
	for _, name := range []string{"CSM__c", "SDR__c", "Sales_Engineer__c"} {
		f := a.field(t, name)
		rel := name[:len(name)-1] + "r"
		if f.Type != "reference" || len(f.ReferenceTo) != 1 || f.ReferenceTo[0] != "User" ||
			f.RelationshipName == nil || *f.RelationshipName != rel || !f.Custom || f.SoapType != "tns:ID" {
			t.Errorf("%s: %+v", name, f)
		}
	}
}

// checkBillingAddress checks the compound BillingAddress and the fields
// that make it up.
func checkBillingAddress(t *testing.T, a describeResult) {
	t.Helper()
	addr := a.field(t, "BillingAddress")
	if addr.Type != "address" || addr.SoapType != "urn:address" {
		t.Errorf("BillingAddress: %+v", addr)
	}
	for _, part := range []string{"BillingStreet", "BillingCity", "BillingState", "BillingPostalCode", "BillingCountry"} {
		f := a.field(t, part)
		if f.CompoundFieldName == nil || *f.CompoundFieldName != "BillingAddress" || f.Type == "address" {
			t.Errorf("%s: %+v", part, f)
		}
	}
}

func TestDescribeChildLookupsAndErrors(t *testing.T) {
	d := newDataOrg(t, testSeed)
	for _, obj := range []string{"Contact", "Opportunity"} {
		var r describeResult
		d.getJSON("sobjects/"+obj+"/describe", http.StatusOK, &r)
		acc := r.field(t, "AccountId")
		if *acc.RelationshipName != "Account" || acc.ReferenceTo[0] != "Account" {
			t.Errorf("%s.AccountId: %+v", obj, acc)
		}
		if *r.field(t, "OwnerId").RelationshipName != "Owner" {
			t.Errorf("%s.OwnerId has no Owner relationship", obj)
		}
	}
	var lead, user describeResult
	d.getJSON("sobjects/Lead/describe", http.StatusOK, &lead)
	d.getJSON("sobjects/User/describe", http.StatusOK, &user)
	if lead.KeyPrefix != "00Q" || *lead.field(t, "OwnerId").RelationshipName != "Owner" || user.field(t, "Email").Type != "email" {
		t.Errorf("lead %s / user email %+v", lead.KeyPrefix, user.field(t, "Email"))
	}
	resp, body := d.do(http.MethodGet, PinnedVersion, "sobjects/Widget__c/describe", "")
	wantError(t, resp, body, http.StatusNotFound, "NOT_FOUND", "does not exist")
	resp, body = d.do(http.MethodPost, PinnedVersion, "sobjects/Account/describe", "{}")
	wantError(t, resp, body, http.StatusMethodNotAllowed, "METHOD_NOT_ALLOWED", "POST")
}
