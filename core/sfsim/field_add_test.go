package sfsim

import (
	"net/http"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestRestoreField: a deleted (hidden) field comes back to describe, REST
// and Bulk with the values it held, no SystemModstamp moving.
func TestRestoreField(t *testing.T) {
	d := newDataOrg(t, SeedConfig{Users: 3, Accounts: 40, Seed: 1})
	soql := "SELECT Id, Customer_Since__c, CSM__c, CSM__r.Name, SystemModstamp FROM Account ORDER BY Id"
	before := d.query("queryAll", soql)
	for _, f := range []string{"Customer_Since__c", "CSM__c"} {
		if err := d.org.DeleteField("Account", f); err != nil {
			t.Fatal(err)
		}
	}
	admin(t, d.srv, "POST", "/_sim/fields/Account/Customer_Since__c/restore", "", http.StatusNoContent)
	if err := d.org.RestoreField("Account", "csm__c"); err != nil {
		t.Fatal(err)
	}
	after := d.query("queryAll", soql)
	if !reflect.DeepEqual(before, after) {
		t.Fatalf("restored fields read differently:\n%v\n%v", before.Records[0], after.Records[0])
	}
	var desc describeResult
	d.getJSON("sobjects/Account/describe", http.StatusOK, &desc)
	desc.field(t, "Customer_Since__c")
	job := d.createJob("queryAll", "SELECT Id, CSM__r.Email FROM Account")
	d.completeJob(job.ID)
	if _, rows, _ := d.allResults(job.ID, 100); len(rows) != 40 {
		t.Fatalf("bulk after restore: %d rows", len(rows))
	}
	if err := d.org.RestoreField("Account", "Website"); err == nil {
		t.Error("restoring a field that was never deleted succeeded")
	}
}

// TestAddField: a custom field added at runtime is described and queried
// at once, null on records without a value, with the given values on the
// others, and no SystemModstamp moves until a record is updated.
func TestAddField(t *testing.T) {
	d := newDataOrg(t, SeedConfig{Users: 3, Accounts: 12, Seed: 2})
	recs := d.query("query", "SELECT Id, SystemModstamp FROM Account ORDER BY Id").Records
	a, b := recs[0]["Id"].(string), recs[1]["Id"].(string)
	d.addTierChampionStrategic(a, b)
	d.checkAddedFieldsDescribed()
	d.checkAddedFieldsQueried(recs)
	job := d.createJob("query", "SELECT Id, Tier__c FROM Account WHERE Tier__c = 'Gold'")
	d.completeJob(job.ID)
	if _, rows, _ := d.allResults(job.ID, 100); len(rows) != 1 || rows[0][0] != a {
		t.Fatalf("bulk on the new field: %v", rows)
	}
	fixedClock(d.org, time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC))
	if err := d.org.Update("Account", b, map[string]any{"Tier__c": "Gold"}); err != nil {
		t.Fatal(err)
	}
	if r := row(t, d.org, "Account", b); r["Tier__c"] != "Gold" || r["SystemModstamp"] != "2026-04-01T00:00:00.000+0000" {
		t.Errorf("updated new field: %v", r)
	}
	if _, err := d.org.Create("Account", map[string]any{"Name": "New", "Tier__c": "Silver"}); err != nil {
		t.Fatal(err)
	}
	d.checkAddFieldRefusals(a)
}

// addTierChampionStrategic adds three custom fields to Account: the
// picklist Tier__c (Gold on a, Silver on b) through the admin endpoint, the
// User lookup Champion__c (the second user on a) and the checkbox
// Strategic__c.
func (d *dataOrg) addTierChampionStrategic(a, b string) {
	d.t.Helper()
	admin(d.t, d.srv, "POST", "/_sim/fields/Account",
		`{"name":"Tier__c","type":"picklist","picklist":["Gold","Silver"],"values":{"`+a+`":"Gold","`+b+`":"Silver"}}`, http.StatusNoContent)
	if err := d.org.AddField("Account", FieldSpec{Name: "Champion__c", Type: "reference", ReferenceTo: "User",
		Values: map[string]any{a: d.org.Users()[1]}}); err != nil {
		d.t.Fatal(err)
	}
	if err := d.org.AddField("Account", FieldSpec{Name: "Strategic__c", Type: "boolean"}); err != nil {
		d.t.Fatal(err)
	}
}

// checkAddedFieldsDescribed checks describe's Tier__c and Champion__c.
func (d *dataOrg) checkAddedFieldsDescribed() {
	d.t.Helper()
	var desc describeResult
	d.getJSON("sobjects/Account/describe", http.StatusOK, &desc)
	if f := desc.field(d.t, "Tier__c"); !f.Custom || f.Type != "picklist" || len(f.PicklistValues) != 2 || f.Label != "Tier" {
		d.t.Errorf("Tier__c describe %+v", f)
	}
	if f := desc.field(d.t, "Champion__c"); f.Type != "reference" || *f.RelationshipName != "Champion__r" {
		d.t.Errorf("Champion__c describe %+v", f)
	}
}

// checkAddedFieldsQueried queries the added fields of every Account (recs,
// by Id, with their SystemModstamp before the fields came): values only on
// the first two, Strategic__c false, no stamp moved.
func (d *dataOrg) checkAddedFieldsQueried(recs []map[string]any) {
	d.t.Helper()
	p := d.query("query", "SELECT Id, Tier__c, Champion__r.Name, Strategic__c, SystemModstamp FROM Account ORDER BY Id")
	users := map[string]any{}
	for _, u := range d.org.Snapshot("User") {
		users[u["Id"].(string)] = u["Name"]
	}
	for i, r := range p.Records {
		wantTier := map[int]any{0: "Gold", 1: "Silver"}[i]
		if r["Tier__c"] != wantTier || r["Strategic__c"] != false || r["SystemModstamp"] != recs[i]["SystemModstamp"] {
			d.t.Errorf("row %d: %v", i, r)
		}
		champ, _ := r["Champion__r"].(map[string]any)
		if (i == 0) != (champ != nil) || i == 0 && champ["Name"] != users[d.org.Users()[1]] {
			d.t.Errorf("row %d Champion__r %v", i, r["Champion__r"])
		}
	}
}

// checkAddFieldRefusals checks that AddField refuses a name in use, a name
// without __c, a compound type, a lookup to an unknown object and a value of
// the wrong type (for record a), and adds nothing when it refuses.
func (d *dataOrg) checkAddFieldRefusals(a string) {
	d.t.Helper()
	for _, bad := range []FieldSpec{{Name: "Tier__c", Type: "string"}, {Name: "Plain", Type: "string"},
		{Name: "Geo__c", Type: "location"}, {Name: "Ref__c", Type: "reference", ReferenceTo: "Widget"},
		{Name: "Num__c", Type: "double", Values: map[string]any{a: "lots"}}} {
		if err := d.org.AddField("Account", bad); err == nil {
			d.t.Errorf("AddField(%+v) accepted", bad)
		}
	}
	if d.org.object("Account").field("Num__c") != nil {
		d.t.Error("a refused field was added anyway")
	}
}

// TestAddFieldWhileReading: adding fields races with nothing (run -race).
func TestAddFieldWhileReading(t *testing.T) {
	d := newDataOrg(t, SeedConfig{Users: 2, Accounts: 50, Seed: 3})
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				d.query("queryAll", "SELECT Id, Name FROM Account")
				d.getJSON("sobjects/Account/describe", http.StatusOK, nil)
				_ = d.org.Snapshot("Account")
			}
		}()
	}
	for i := range 20 {
		if err := d.org.AddField("Account", FieldSpec{Name: "F" + strings.Repeat("x", i) + "__c", Type: "string"}); err != nil {
			t.Error(err)
		}
	}
	close(stop)
	wg.Wait()
}
