package fields

import (
	"slices"
	"strings"
	"testing"
)

func TestCatalogForcedAndUnsupportedFields(t *testing.T) {
	c := catalog(t)
	if got := c.ObjectNames(); !slices.Equal(got, []string{"User", "Account", "Contact", "Lead", "Opportunity"}) {
		t.Errorf("object order %v", got)
	}
	defaults := c.Defaults()
	if got := defaults["Account"]; !slices.Equal(got, []string{"Id", "IsDeleted", "SystemModstamp"}) {
		t.Errorf("Account defaults %v", got)
	}
	// User has no IsDeleted; its Name, Email and Phone are always synced
	// because lookups resolve from them.
	if got := defaults["User"]; !slices.Equal(got, []string{"Email", "Id", "Name", "Phone", "SystemModstamp"}) {
		t.Errorf("User (no IsDeleted) defaults %v", got)
	}
	if ok, reason := c.Selectable(defaults, "User", "Email"); ok || !strings.Contains(reason, "user lookup") {
		t.Errorf("User Email selectable=%v, reason %q", ok, reason)
	}
	acc := c.Object("Account")
	for _, name := range []string{"Id", "IsDeleted", "SystemModstamp"} {
		if f, ok := acc.Field(name); !ok || !f.Forced {
			t.Errorf("%s not forced: %+v", name, f)
		}
	}
	cases := []struct{ object, field, reasonHas string }{
		{"Account", "BillingAddress", "address"},
		{"Account", "Logo__c", "base64"},
		{"Contact", "MailingAddress", "address"},
		{"Contact", "Location__c", "geolocation"},
	}
	for _, tc := range cases {
		o := c.Object(tc.object)
		if _, ok := o.Field(tc.field); ok {
			t.Errorf("%s.%s offered although Bulk cannot read it", tc.object, tc.field)
		}
		i := slices.IndexFunc(o.Unsupported, func(u Unsupported) bool { return u.Name == tc.field })
		if i < 0 || !strings.Contains(o.Unsupported[i].Reason, tc.reasonHas) || !strings.Contains(o.Unsupported[i].Reason, "Bulk API 2.0") {
			t.Errorf("%s.%s unsupported entry missing or unclear: %+v", tc.object, tc.field, o.Unsupported)
		}
		ok, reason := c.Selectable(c.Defaults(), tc.object, tc.field)
		if ok || reason != o.Unsupported[i].Reason {
			t.Errorf("Selectable(%s) = %v %q", tc.field, ok, reason)
		}
	}
	if _, ok := acc.Field("BillingCity"); !ok {
		t.Error("address part BillingCity not offered")
	}
	// Labels sort the list.
	labels := make([]string, len(acc.Fields))
	for i, f := range acc.Fields {
		labels[i] = strings.ToLower(f.Label)
	}
	if !slices.IsSorted(labels) {
		t.Errorf("Account fields not sorted by label: %v", labels)
	}
}

func TestCatalogRejectsObjectWithoutSyncKeys(t *testing.T) {
	for _, missing := range []string{"Id", "SystemModstamp"} {
		if _, err := NewCatalog(without("Lead", missing)); err == nil || !strings.Contains(err.Error(), missing) {
			t.Errorf("Lead without %s: err %v", missing, err)
		}
	}
}

func TestUserLookupsDiscoveredFromDescribe(t *testing.T) {
	acc := catalog(t).Object("Account")
	var labels, fields []string
	for _, l := range acc.UserLookups {
		labels = append(labels, l.Label)
		fields = append(fields, l.Field)
	}
	// OwnerId is the Account Executive, CreatedById an audit field, ParentId points to Account.
	if !slices.Equal(labels, []string{"CSM", "Sales Engineer", "SDR"}) || !slices.Equal(fields, []string{"CSM__c", "Sales_Engineer__c", "SDR__c"}) {
		t.Fatalf("lookups %v %v", labels, fields)
	}
	if got := acc.UserLookups[0].Fields; !slices.Equal(got, []string{"CSM__c", "CSM__r.Email", "CSM__r.Name", "CSM__r.Phone"}) {
		t.Errorf("CSM brings %v", got)
	}
	for _, name := range OwnerFields {
		f, ok := acc.Field(name)
		if !ok || !f.Owner || !strings.HasPrefix(f.Label, "Account Executive ") {
			t.Errorf("owner field %s: %+v", name, f)
		}
	}
	if f, _ := acc.Field("CSM__r.Email"); f.Label != "CSM Email" || f.Lookup != "CSM__c" || f.Type != "email" {
		t.Errorf("CSM__r.Email %+v", f)
	}
	if _, ok := acc.Field("CreatedBy.Name"); ok {
		t.Error("audit reference expanded into relationship fields")
	}
	if _, ok := catalog(t).Object("Contact").Field("Owner.Name"); ok {
		t.Error("owner relationship offered outside Account")
	}
}

func TestRelabel(t *testing.T) {
	c := catalog(t)
	c.Relabel(map[string]map[string]string{"Opportunity": {"CreatedDate": "Open Date", "Nope": "x"}, "Nobody": {"Id": "x"}})
	o := c.Object("Opportunity")
	if f, _ := o.Field("CreatedDate"); f.Label != "Open Date" {
		t.Errorf("label %q", f.Label)
	}
	labels := make([]string, len(o.Fields))
	for i, f := range o.Fields {
		labels[i] = strings.ToLower(f.Label)
	}
	if !slices.IsSorted(labels) {
		t.Errorf("not re-sorted after relabel: %v", labels)
	}
}
