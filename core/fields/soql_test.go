package fields

import (
	"github.com/sfsync/sfsync/core/salesforce"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestSelectSOQL(t *testing.T) {
	c := catalog(t)
	sel := ownerSelected(t, c)
	sel = sel.with("Account", "Website", "Name")
	sel, _ = c.Select(sel, "Account", "CSM__c")
	since := time.Date(2024, 1, 1, 1, 0, 0, 0, time.FixedZone("CET", 3600))
	cases := []struct {
		name   string
		object string
		since  *time.Time
		want   string
	}{
		// Lookups are stored as Ids and resolved locally: no Owner.* or
		// CSM__r.* columns, the Id fields instead (DESIGN.md, Sync semantics).
		{"full", "Account", nil,
			"SELECT Id, IsDeleted, SystemModstamp, CSM__c, Name, OwnerId, Website FROM Account"},
		{"incremental in UTC", "Account", &since,
			"SELECT Id, IsDeleted, SystemModstamp, CSM__c, Name, OwnerId, Website FROM Account WHERE SystemModstamp >= 2024-01-01T00:00:00.000Z"},
		{"forced only", "Lead", nil, "SELECT Id, IsDeleted, SystemModstamp FROM Lead"},
		{"object without IsDeleted, with the fields lookups resolve from", "User", nil, "SELECT Id, SystemModstamp, Email, Name, Phone FROM User"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := c.SelectSOQL(tc.object, sel, tc.since)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
			cols, err := c.Columns(tc.object, sel)
			if err != nil || !strings.HasPrefix(tc.want, "SELECT "+strings.Join(cols, ", ")+" FROM") {
				t.Errorf("Columns %v (%v) disagree with the query", cols, err)
			}
		})
	}
}

func TestSelectSOQLRejectsAnythingNotInCatalog(t *testing.T) {
	c := catalog(t)
	base := c.Defaults()
	cases := []struct {
		name   string
		object string
		sel    Selection
	}{
		{"unknown field", "Account", base.with("Account", "Secret__c")},
		{"injection attempt", "Account", base.with("Account", "Name FROM User WHERE Name != null --")},
		{"unsupported compound", "Account", base.with("Account", "BillingAddress")},
		{"unsupported base64", "Account", base.with("Account", "Logo__c")},
		{"relationship not offered", "Account", base.with("Account", "Parent.Name")},
		{"lookup without owner", "Account", base.with("Account", "CSM__c")},
		{"missing forced field", "Account", base.without("Account", "IsDeleted")},
		{"unsorted", "Account", Selection{"Account": {"SystemModstamp", "IsDeleted", "Id"}}},
		{"unknown object", "Case", Selection{"Case": {"Id"}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if q, err := c.SelectSOQL(tc.object, tc.sel, nil); err == nil {
				t.Errorf("built %q", q)
			}
			if err := c.Validate(tc.sel); err == nil {
				t.Error("Validate accepted it")
			}
		})
	}
	if err := c.Validate(base); err != nil {
		t.Errorf("defaults invalid: %v", err)
	}
}

func TestDropMissingAfterSchemaDrift(t *testing.T) {
	c := catalog(t)
	sel := ownerSelected(t, c)
	sel = sel.with("Account", "Website")
	sel, _ = c.Select(sel, "Account", "CSM__c")
	sel = sel.with("Contact", "Email", "Title")

	// Website and CSM__c deleted in Salesforce, Contact not described this time.
	ds := without("Account", "Website", "CSM__c")
	ds = slices.DeleteFunc(ds, func(d salesforce.SObjectDescribe) bool { return d.Name == "Contact" })
	fresh, err := NewCatalog(ds)
	if err != nil {
		t.Fatal(err)
	}
	kept, dropped := fresh.DropMissing(sel)
	var got []string
	for _, d := range dropped {
		got = append(got, d.Object+"."+d.Field)
	}
	want := []string{"Account.CSM__c", "Account.CSM__r.Email", "Account.CSM__r.Name", "Account.CSM__r.Phone", "Account.Website"}
	if !slices.Equal(got, want) {
		t.Errorf("dropped %v, want %v", got, want)
	}
	if dropped[len(dropped)-1].String() != "field Account.Website was deleted in Salesforce and removed from your selection" {
		t.Errorf("message %q", dropped[len(dropped)-1].String())
	}
	if !slices.Equal(kept["Contact"], sel["Contact"]) {
		t.Errorf("undescribed Contact changed: %v", kept["Contact"])
	}
	if err := fresh.Validate(withoutObject(kept, "Contact")); err != nil {
		t.Errorf("kept selection invalid: %v", err)
	}

	// The User's Phone field disappears: Owner.Phone goes, and every lookup with it.
	fresh, err = NewCatalog(without("User", "Phone"))
	if err != nil {
		t.Fatal(err)
	}
	kept, dropped = fresh.DropMissing(sel)
	got = got[:0]
	for _, d := range dropped {
		got = append(got, d.Field)
	}
	want = []string{"Phone", "CSM__r.Phone", "Owner.Phone", "CSM__c", "CSM__r.Email", "CSM__r.Name"}
	if !slices.Equal(got, want) {
		t.Errorf("dropped %v, want %v", got, want)
	}
	if err := fresh.Validate(kept); err != nil {
		t.Errorf("kept selection invalid: %v", err)
	}
}

func withoutObject(sel Selection, object string) Selection {
	out := sel.Clone()
	delete(out, object)
	return out
}
