package fields

import (
	"slices"
	"testing"

	"github.com/sfsync/sfsync/core/salesforce"
)

func fld(name, label, typ string) salesforce.Field {
	return salesforce.Field{Name: name, Label: label, Type: typ}
}

func userRef(name, label, rel string) salesforce.Field {
	f := fld(name, label, "reference")
	f.ReferenceTo, f.RelationshipName, f.Custom = []string{"User"}, rel, name != "OwnerId" && name != "CreatedById"
	return f
}

func system(extra ...salesforce.Field) []salesforce.Field {
	return append([]salesforce.Field{
		fld("Id", "Record ID", "id"),
		fld("IsDeleted", "Deleted", "boolean"),
		fld("SystemModstamp", "System Modstamp", "datetime"),
		fld("CreatedDate", "Created Date", "datetime"),
	}, extra...)
}

// describes is a small org: Account with three user lookups (declared out
// of label order), a compound address, a base64 field and audit references;
// a User without IsDeleted, as in real orgs.
func describes() []salesforce.SObjectDescribe {
	parent := fld("ParentId", "Parent Account ID", "reference")
	parent.ReferenceTo, parent.RelationshipName = []string{"Account"}, "Parent"
	account := fld("AccountId", "Account ID", "reference")
	account.ReferenceTo, account.RelationshipName = []string{"Account"}, "Account"
	return []salesforce.SObjectDescribe{
		{Name: "Account", Label: "Account", Fields: system(
			fld("Name", "Account Name", "string"),
			fld("Type", "Account Type", "picklist"),
			fld("Website", "Website", "url"),
			fld("BillingCity", "Billing City", "string"),
			fld("BillingAddress", "Billing Address", "address"),
			fld("Logo__c", "Logo", "base64"),
			parent,
			userRef("OwnerId", "Owner ID", "Owner"),
			userRef("CreatedById", "Created By ID", "CreatedBy"),
			userRef("SDR__c", "SDR", "SDR__r"),
			userRef("Sales_Engineer__c", "Sales Engineer", "Sales_Engineer__r"),
			userRef("CSM__c", "CSM", "CSM__r"),
		)},
		{Name: "Contact", Label: "Contact", Fields: system(
			fld("Name", "Full Name", "string"), fld("Email", "Email", "email"), fld("Phone", "Business Phone", "phone"),
			fld("Title", "Title", "string"), fld("MailingAddress", "Mailing Address", "address"),
			fld("Location__c", "Location", "location"),
		)},
		{Name: "Lead", Label: "Lead", Fields: system(fld("Company", "Company", "string"),
			fld("Name", "Full Name", "string"), fld("Email", "Email", "email"), fld("Status", "Status", "picklist"))},
		{Name: "Opportunity", Label: "Opportunity", Fields: system(
			fld("Amount", "Amount", "currency"), fld("CloseDate", "Close Date", "date"),
			fld("StageName", "Stage", "picklist"), fld("Name", "Name", "string"), account,
		)},
		{Name: "User", Label: "User", Fields: []salesforce.Field{
			fld("Id", "User ID", "id"), fld("SystemModstamp", "System Modstamp", "datetime"),
			fld("Name", "Full Name", "string"), fld("Email", "Email", "email"), fld("Phone", "Phone", "phone"),
		}},
	}
}

func catalog(t *testing.T) *Catalog {
	t.Helper()
	c, err := NewCatalog(describes())
	if err != nil {
		t.Fatalf("catalog: %v", err)
	}
	return c
}

// without returns describes with the named fields removed from object.
func without(object string, names ...string) []salesforce.SObjectDescribe {
	ds := describes()
	for i := range ds {
		if ds[i].Name == object {
			ds[i].Fields = slices.DeleteFunc(ds[i].Fields, func(f salesforce.Field) bool { return slices.Contains(names, f.Name) })
		}
	}
	return ds
}

// ownerSelected is the defaults plus the three owner fields.
func ownerSelected(t *testing.T, c *Catalog) Selection {
	t.Helper()
	sel := c.Defaults()
	for _, f := range OwnerFields {
		var err error
		if sel, err = c.Select(sel, "Account", f); err != nil {
			t.Fatalf("select %s: %v", f, err)
		}
	}
	return sel
}
