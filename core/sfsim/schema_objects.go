package sfsim

import "math"

// The five synced objects with realistic standard fields, the custom User
// lookups on Account, one compound address per object, formula fields and a
// base64 field (the kinds Bulk queries reject).

func fld(name, label, typ string, length int) *fieldDef {
	return &fieldDef{Name: name, Label: label, Type: typ, Length: length, Nillable: true, Updateable: true}
}

func required(f *fieldDef) *fieldDef { f.Nillable = false; return f }
func custom(f *fieldDef) *fieldDef   { f.Custom = true; return f }

// cascading marks a lookup whose parent's delete takes this record with it:
// an Account's delete moves its Contacts and Opportunities to the Recycle
// Bin (docs/salesforce-api.md §9).
func cascading(f *fieldDef) *fieldDef { f.cascade = true; return f }

func lookup(name, label, to, rel string) *fieldDef {
	f := fld(name, label, "reference", 18)
	f.ReferenceTo, f.RelationshipName = []string{to}, rel
	return f
}

// polymorphicLookup references several objects (describe's referenceTo,
// alphabetical as Salesforce lists it) through one relationship.
func polymorphicLookup(name, label, rel string, to ...string) *fieldDef {
	f := fld(name, label, "reference", 18)
	f.ReferenceTo, f.RelationshipName = to, rel
	return f
}

func picklist(name, label string, values ...string) *fieldDef {
	f := fld(name, label, "picklist", 255)
	f.Picklist = values
	return f
}

func formula(name, label, typ, expr string, derive func(v *orgView, t *tableView, row int) cellValue) *fieldDef {
	f := fld(name, label, typ, 0)
	f.Formula, f.derive, f.Updateable = expr, derive, false
	if typ == "string" || typ == "email" {
		f.Length = 1300
	}
	return f
}

// systemFields are on every object that has a Recycle Bin: its flag and the
// record's audit trail.
func systemFields() []*fieldDef {
	del := fld("IsDeleted", "Deleted", "boolean", 0)
	del.Updateable, del.Nillable = false, false
	return append([]*fieldDef{del}, auditFields()...)
}

// auditFields are the record's audit trail: who created and changed it, when.
func auditFields() []*fieldDef {
	ro := func(f *fieldDef) *fieldDef { f.Updateable = false; f.Nillable = false; return f }
	return []*fieldDef{
		ro(fld("CreatedDate", "Created Date", "datetime", 0)),
		ro(lookup("CreatedById", "Created By ID", "User", "CreatedBy")),
		ro(fld("LastModifiedDate", "Last Modified Date", "datetime", 0)),
		ro(lookup("LastModifiedById", "Last Modified By ID", "User", "LastModifiedBy")),
		ro(fld("SystemModstamp", "System Modstamp", "datetime", 0)),
	}
}

func idField() *fieldDef {
	f := fld("Id", "Record ID", "id", 18)
	f.Nillable, f.Updateable = false, false
	return f
}

// address returns the flat components and the compound field (type address)
// for prefix ("Billing", "Mailing", or "" for Lead's Address).
func address(prefix, label string) []*fieldDef {
	compound := prefix + "Address"
	parts := []*fieldDef{
		fld(prefix+"Street", label+" Street", "textarea", 255),
		fld(prefix+"City", label+" City", "string", 40),
		fld(prefix+"State", label+" State/Province", "string", 80),
		fld(prefix+"PostalCode", label+" Zip/Postal Code", "string", 20),
		fld(prefix+"Country", label+" Country", "string", 80),
	}
	for _, p := range parts {
		p.CompoundFieldName = compound
	}
	whole := fld(compound, label+" Address", "address", 0)
	whole.Updateable = false
	return append(parts, whole)
}

// fullName derives a person's Name from FirstName and LastName, as Salesforce does.
func fullName() *fieldDef {
	f := fld("Name", "Full Name", "string", 121)
	f.Updateable = false
	f.derive = func(v *orgView, t *tableView, row int) cellValue {
		first := t.cell(t.obj.lookup("firstname"), row)
		last := t.cell(t.obj.lookup("lastname"), row)
		if first.null {
			return last
		}
		return stringCell(first.s + " " + last.s)
	}
	return f
}

func fields(groups ...[]*fieldDef) []*fieldDef {
	var all []*fieldDef
	for _, g := range groups {
		all = append(all, g...)
	}
	return all
}

var (
	industries   = []string{"Agriculture", "Banking", "Biotechnology", "Chemicals", "Communications", "Construction", "Consulting", "Education", "Electronics", "Energy", "Engineering", "Finance", "Healthcare", "Insurance", "Manufacturing", "Media", "Retail", "Technology", "Transportation", "Utilities"}
	leadSources  = []string{"Web", "Phone Inquiry", "Partner Referral", "Purchased List", "Other"}
	accountTypes = []string{"Prospect", "Customer - Direct", "Customer - Channel", "Channel Partner / Reseller", "Installation Partner", "Technology Partner", "Other"}
	ratings      = []string{"Hot", "Warm", "Cold"}
	stages       = []string{"Prospecting", "Qualification", "Needs Analysis", "Value Proposition", "Id. Decision Makers", "Perception Analysis", "Proposal/Price Quote", "Negotiation/Review", "Closed Won", "Closed Lost"}
	leadStatuses = []string{"Open - Not Contacted", "Working - Contacted", "Closed - Converted", "Closed - Not Converted"}
)

func accountObject() *objectDef {
	ownerEmail := formula("Owner_Email__c", "Owner Email", "email", "Owner.Email", func(v *orgView, t *tableView, row int) cellValue {
		return v.parentCell(t, t.obj.lookup("ownerid"), row, "email")
	})
	ownerEmail.Custom = true
	f := fields(
		[]*fieldDef{idField()},
		systemFields(),
		[]*fieldDef{
			lookup("MasterRecordId", "Master Record ID", "Account", "MasterRecord"),
			required(fld("Name", "Account Name", "string", 255)),
			picklist("Type", "Account Type", accountTypes...),
			lookup("ParentId", "Parent Account ID", "Account", "Parent"),
		},
		address("Billing", "Billing"),
		address("Shipping", "Shipping"),
		[]*fieldDef{
			fld("Phone", "Account Phone", "phone", 40),
			fld("Fax", "Account Fax", "phone", 40),
			fld("AccountNumber", "Account Number", "string", 40),
			fld("Website", "Website", "url", 255),
			fld("Sic", "SIC Code", "string", 20),
			picklist("Industry", "Industry", industries...),
			fld("AnnualRevenue", "Annual Revenue", "currency", 0),
			fld("NumberOfEmployees", "Employees", "int", 0),
			picklist("Ownership", "Ownership", "Public", "Private", "Subsidiary", "Other"),
			fld("TickerSymbol", "Ticker Symbol", "string", 20),
			fld("Description", "Account Description", "textarea", 32000),
			picklist("Rating", "Account Rating", ratings...),
			fld("Site", "Account Site", "string", 80),
			required(lookup("OwnerId", "Owner ID", "User", "Owner")),
			fld("LastActivityDate", "Last Activity", "date", 0),
			picklist("AccountSource", "Account Source", leadSources...),
			custom(lookup("CSM__c", "CSM", "User", "CSM__r")),
			custom(lookup("SDR__c", "SDR", "User", "SDR__r")),
			custom(lookup("Sales_Engineer__c", "Sales Engineer", "User", "Sales_Engineer__r")),
			custom(fld("Customer_Since__c", "Customer Since", "date", 0)),
			custom(fld("Logo__c", "Logo", "base64", 131072)),
			ownerEmail,
		},
	)
	return newObject("Account", "Account", "Accounts", "001", f)
}

func contactObject() *objectDef {
	f := fields(
		[]*fieldDef{idField()},
		systemFields(),
		[]*fieldDef{
			lookup("MasterRecordId", "Master Record ID", "Contact", "MasterRecord"),
			cascading(lookup("AccountId", "Account ID", "Account", "Account")),
			required(fld("LastName", "Last Name", "string", 80)),
			fld("FirstName", "First Name", "string", 40),
			picklist("Salutation", "Salutation", "Mr.", "Ms.", "Mrs.", "Dr.", "Prof."),
			fullName(),
		},
		address("Mailing", "Mailing"),
		[]*fieldDef{
			fld("Phone", "Business Phone", "phone", 40),
			fld("MobilePhone", "Mobile Phone", "phone", 40),
			fld("Email", "Email", "email", 80),
			fld("Title", "Title", "string", 128),
			fld("Department", "Department", "string", 80),
			picklist("LeadSource", "Lead Source", leadSources...),
			fld("Birthdate", "Birthdate", "date", 0),
			fld("Description", "Contact Description", "textarea", 32000),
			required(lookup("OwnerId", "Owner ID", "User", "Owner")),
			required(fld("HasOptedOutOfEmail", "Email Opt Out", "boolean", 0)),
			fld("LastActivityDate", "Last Activity", "date", 0),
		},
	)
	return newObject("Contact", "Contact", "Contacts", "003", f)
}

func leadObject() *objectDef {
	f := fields(
		[]*fieldDef{idField()},
		systemFields(),
		[]*fieldDef{
			lookup("MasterRecordId", "Master Record ID", "Lead", "MasterRecord"),
			required(fld("LastName", "Last Name", "string", 80)),
			fld("FirstName", "First Name", "string", 40),
			fullName(),
			fld("Title", "Title", "string", 128),
			required(fld("Company", "Company", "string", 255)),
		},
		address("", "Lead"),
		[]*fieldDef{
			fld("Phone", "Phone", "phone", 40),
			fld("Email", "Email", "email", 80),
			fld("Website", "Website", "url", 255),
			picklist("LeadSource", "Lead Source", leadSources...),
			required(picklist("Status", "Status", leadStatuses...)),
			picklist("Industry", "Industry", industries...),
			picklist("Rating", "Rating", ratings...),
			fld("AnnualRevenue", "Annual Revenue", "currency", 0),
			fld("NumberOfEmployees", "Employees", "int", 0),
			// Leads can be owned by a queue: the real Lead describe lists
			// referenceTo ["Group","User"] with polymorphicForeignKey true
			// (docs/salesforce-api.md §9).
			required(polymorphicLookup("OwnerId", "Owner ID", "Owner", "Group", "User")),
			required(fld("IsConverted", "Converted", "boolean", 0)),
			fld("ConvertedDate", "Converted Date", "date", 0),
			lookup("ConvertedAccountId", "Converted Account ID", "Account", "ConvertedAccount"),
		},
	)
	// Lead's address parts are plain Street/City/...; their labels read better without the prefix.
	return newObject("Lead", "Lead", "Leads", "00Q", f)
}

func opportunityObject() *objectDef {
	expected := formula("ExpectedRevenue", "Expected Amount", "currency", "Amount * Probability / 100",
		func(v *orgView, t *tableView, row int) cellValue {
			a := t.cell(t.obj.lookup("amount"), row)
			p := t.cell(t.obj.lookup("probability"), row)
			if a.null || p.null {
				return nullCell(kindNumber)
			}
			// a currency result at the field's scale (2): cents, never float noise
			return numberCell(math.Round(a.n*p.n) / 100)
		})
	f := fields(
		[]*fieldDef{idField()},
		systemFields(),
		[]*fieldDef{
			cascading(lookup("AccountId", "Account ID", "Account", "Account")),
			required(fld("Name", "Name", "string", 120)),
			fld("Description", "Description", "textarea", 32000),
			required(picklist("StageName", "Stage", stages...)),
			fld("Amount", "Amount", "currency", 0),
			fld("Probability", "Probability (%)", "percent", 0),
			expected,
			required(fld("CloseDate", "Close Date", "date", 0)),
			picklist("Type", "Opportunity Type", "Existing Business", "New Business"),
			fld("NextStep", "Next Step", "string", 255),
			picklist("LeadSource", "Lead Source", leadSources...),
			required(fld("IsClosed", "Closed", "boolean", 0)),
			required(fld("IsWon", "Won", "boolean", 0)),
			picklist("ForecastCategoryName", "Forecast Category", "Omitted", "Pipeline", "Best Case", "Commit", "Closed"),
			required(lookup("OwnerId", "Owner ID", "User", "Owner")),
			fld("LastActivityDate", "Last Activity", "date", 0),
		},
	)
	return newObject("Opportunity", "Opportunity", "Opportunities", "006", f)
}

// userObject is User as real orgs describe it: without IsDeleted (users are
// never deleted, only deactivated with IsActive = false; a query naming
// User.IsDeleted fails with INVALID_FIELD, docs/salesforce-api.md §9 and the
// User object reference, which lists no IsDeleted).
func userObject() *objectDef {
	f := fields(
		[]*fieldDef{idField()},
		auditFields(), // no IsDeleted
		[]*fieldDef{
			required(fld("Username", "Username", "string", 80)),
			required(fld("LastName", "Last Name", "string", 80)),
			fld("FirstName", "First Name", "string", 40),
			fullName(),
			fld("CompanyName", "Company Name", "string", 80),
			fld("Division", "Division", "string", 80),
			fld("Department", "Department", "string", 80),
			fld("Title", "Title", "string", 80),
			required(fld("Email", "Email", "email", 128)),
			fld("Phone", "Phone", "phone", 40),
			fld("MobilePhone", "Mobile", "phone", 40),
			required(fld("Alias", "Alias", "string", 8)),
			required(fld("IsActive", "Active", "boolean", 0)),
			required(picklist("TimeZoneSidKey", "Time Zone", "America/Los_Angeles", "America/New_York", "Europe/London", "Europe/Berlin", "Asia/Tokyo")),
			required(picklist("LocaleSidKey", "Locale", "en_US", "en_GB", "de_DE", "fr_FR", "ja_JP")),
			required(picklist("LanguageLocaleKey", "Language", "en_US", "de", "fr", "ja")),
			required(picklist("EmailEncodingKey", "Email Encoding", "UTF-8", "ISO-8859-1")),
			lookup("ManagerId", "Manager ID", "User", "Manager"),
			picklist("UserType", "User Type", "Standard", "PowerPartner", "CsnOnly"),
			fld("LastLoginDate", "Last Login", "datetime", 0),
		},
	)
	return newObject("User", "User", "Users", "005", f)
}

// organizationObject is the org's own record (one row, Id prefix 00D), read
// with SELECT Id, Name FROM Organization. It has no IsDeleted: it cannot be
// deleted.
func organizationObject() *objectDef {
	ro := func(f *fieldDef) *fieldDef { f.Updateable = false; return f }
	f := fields(
		[]*fieldDef{idField()},
		[]*fieldDef{
			required(fld("Name", "Name", "string", 80)),
			fld("Division", "Division", "string", 80),
			fld("Phone", "Phone", "phone", 40),
			ro(picklist("OrganizationType", "Edition", "Developer Edition", "Enterprise Edition", "Unlimited Edition")),
			ro(fld("InstanceName", "Instance Name", "string", 5)),
			ro(required(fld("IsSandbox", "Is Sandbox", "boolean", 0))),
			ro(fld("TrialExpirationDate", "Trial Expiration Date", "datetime", 0)),
			ro(fld("NamespacePrefix", "Namespace Prefix", "string", 15)),
			required(picklist("DefaultLocaleSidKey", "Locale", "en_US", "en_GB", "de_DE")),
			required(picklist("LanguageLocaleKey", "Language", "en_US", "de", "fr")),
			required(picklist("TimeZoneSidKey", "Time Zone", "America/Los_Angeles", "Europe/London")),
			ro(required(fld("CreatedDate", "Created Date", "datetime", 0))),
			ro(required(lookup("CreatedById", "Created By ID", "User", "CreatedBy"))),
			ro(required(fld("LastModifiedDate", "Last Modified Date", "datetime", 0))),
			ro(required(lookup("LastModifiedById", "Last Modified By ID", "User", "LastModifiedBy"))),
			ro(required(fld("SystemModstamp", "System Modstamp", "datetime", 0))),
		},
	)
	return newObject("Organization", "Organization", "Organizations", "00D", f)
}

// newOrgSchema builds the org's schema. Each Org gets its own, so tests can
// never leak metadata between orgs.
func newOrgSchema() *schema {
	return newSchema(accountObject(), contactObject(), leadObject(), opportunityObject(), userObject(), organizationObject(), groupObject(),
		userPermissionAccessObject())
}
