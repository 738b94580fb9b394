package sfsim

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestDeleteField: a deleted field leaves describe, record reads and
// Snapshot, and every query naming it (REST, composite, Bulk) fails the way
// Salesforce fails it, while the other fields read as before.
func TestDeleteField(t *testing.T) {
	d := newDataOrg(t, SeedConfig{Users: 3, Accounts: 5, Seed: 1})
	before := d.query("query", "SELECT Id, Name FROM Account ORDER BY Id")
	for _, f := range []string{"Customer_Since__c", "CSM__c"} {
		if err := d.org.DeleteField("Account", f); err != nil {
			t.Fatalf("delete %s: %v", f, err)
		}
	}

	var desc struct {
		Fields []struct{ Name string } `json:"fields"`
	}
	d.getJSON("sobjects/Account/describe", http.StatusOK, &desc)
	names := map[string]bool{}
	for _, f := range desc.Fields {
		names[f.Name] = true
	}
	if names["Customer_Since__c"] || names["CSM__c"] || !names["SDR__c"] || !names["Website"] {
		t.Fatalf("describe after delete: %v", names)
	}

	cases := []struct{ soql, fragment string }{
		{"SELECT Id, Customer_Since__c FROM Account", "No such column 'Customer_Since__c' on entity 'Account'"},
		{"SELECT Id, CSM__r.Name FROM Account", "Didn't understand relationship 'CSM__r'"},
		{"SELECT Id FROM Account WHERE CSM__c != null", "No such column 'CSM__c'"},
	}
	for _, tc := range cases {
		resp, body := d.do(http.MethodGet, PinnedVersion, "query?q="+url.QueryEscape(tc.soql), "")
		wantError(t, resp, body, http.StatusBadRequest, "INVALID_FIELD", tc.fragment)
	}
	resp, body := d.do(http.MethodPost, PinnedVersion, "jobs/query",
		`{"operation":"queryAll","query":"SELECT Id, Customer_Since__c FROM Account"}`)
	wantError(t, resp, body, http.StatusBadRequest, "INVALID_FIELD", "Customer_Since__c")

	after := d.query("query", "SELECT Id, Name FROM Account ORDER BY Id")
	if after.TotalSize != before.TotalSize || after.Records[0]["Name"] != before.Records[0]["Name"] {
		t.Fatalf("other fields changed: %v vs %v", after.Records[0], before.Records[0])
	}
	id := after.Records[0]["Id"].(string)
	var rec map[string]any
	d.getJSON("sobjects/Account/"+id, http.StatusOK, &rec)
	if _, ok := rec["CSM__c"]; ok {
		t.Fatalf("record read still has CSM__c: %v", rec)
	}
	if _, ok := d.org.Snapshot("Account")[0]["Customer_Since__c"]; ok {
		t.Fatal("Snapshot still has the deleted field")
	}
	if _, err := d.org.Create("Account", map[string]any{"Name": "X", "Customer_Since__c": "2020-01-01"}); err == nil ||
		!strings.Contains(err.Error(), "INVALID_FIELD") {
		t.Fatalf("create with a deleted field: %v", err)
	}

	for _, f := range []string{"Id", "SystemModstamp", "IsDeleted", "Nope__c"} {
		if err := d.org.DeleteField("Account", f); err == nil {
			t.Errorf("DeleteField(%s) succeeded", f)
		}
	}
	if err := d.org.DeleteField("Account", "CSM__c"); err == nil {
		t.Error("deleting a field twice succeeded")
	}
}
