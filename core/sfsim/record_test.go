package sfsim

import (
	"net/http"
	"strings"
	"testing"
)

// TestRecordGET: sObject Rows returns the record (every field, or those
// ?fields= names), 404 ENTITY_IS_DELETED for one in the Recycle Bin, 404
// NOT_FOUND for one purged or unknown; one API call each.
func TestRecordGET(t *testing.T) {
	d := newDataOrg(t, SeedConfig{Users: 2, Accounts: 10, Seed: 5})
	ids := d.query("query", "SELECT Id, Name FROM Account ORDER BY Id").Records
	id, name := ids[0]["Id"].(string), ids[0]["Name"]
	var rec map[string]any
	before, _ := d.sim.Usage()
	d.getJSON("sobjects/Account/"+id, http.StatusOK, &rec)
	if after, _ := d.sim.Usage(); after-before != 1 {
		t.Errorf("record GET cost %d calls", after-before)
	}
	attrs := rec["attributes"].(map[string]any)
	if attrs["type"] != "Account" || attrs["url"] != sobjectURL(PinnedVersion, "Account", id) || rec["Id"] != id ||
		rec["Name"] != name || rec["BillingAddress"] == nil && rec["BillingCity"] != nil {
		t.Fatalf("record %v", rec)
	}
	if _, ok := rec["Customer_Since__c"]; !ok || len(rec) < 40 {
		t.Errorf("record lacks fields: %d keys", len(rec))
	}
	var some map[string]any
	d.getJSON("sobjects/Account/"+id[:15]+"?fields=Name,Phone", http.StatusOK, &some)
	if len(some) != 3 || some["Name"] != name {
		t.Errorf("?fields=Name,Phone on a 15-character Id: %v", some)
	}
	resp, body := d.do(http.MethodGet, PinnedVersion, "sobjects/Account/"+id+"?fields=Name,Nope__c", "")
	wantError(t, resp, body, http.StatusBadRequest, "INVALID_FIELD", "No such column 'Nope__c' on sobject of type Account")

	if err := d.org.Delete("Account", id); err != nil {
		t.Fatal(err)
	}
	resp, body = d.do(http.MethodGet, PinnedVersion, "sobjects/Account/"+id, "")
	wantError(t, resp, body, http.StatusNotFound, "ENTITY_IS_DELETED", "entity is deleted")
	if err := d.org.HardDelete("Account", id); err != nil {
		t.Fatal(err)
	}
	for _, missing := range []string{id, "001ZZ0000000000AAA", "nonsense"} {
		resp, body = d.do(http.MethodGet, PinnedVersion, "sobjects/Account/"+missing, "")
		if resp.StatusCode != http.StatusNotFound || strings.TrimSpace(string(body)) !=
			`[{"message":"The requested resource does not exist","errorCode":"NOT_FOUND"}]` {
			t.Errorf("GET %s: %d %s", missing, resp.StatusCode, body)
		}
	}
}
