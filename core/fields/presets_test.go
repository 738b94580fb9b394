package fields

import (
	"os"
	"slices"
	"strings"
	"testing"
)

// loadPresets reads the shipped presets file (embedded by package assets).
func loadPresets(t *testing.T) *Presets {
	t.Helper()
	data, err := os.ReadFile("../../assets/presets.json")
	if err != nil {
		t.Fatal(err)
	}
	p, err := ParsePresets(data)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestShippedPresets(t *testing.T) {
	p := loadPresets(t)
	for _, name := range []string{"Recommended", "Sales pipeline", "Customer success"} {
		if pr, ok := p.Find(name); !ok || pr.Description == "" || len(pr.Fields) == 0 {
			t.Errorf("preset %q missing or empty: %+v", name, pr)
		}
	}
	if p.Labels["Opportunity"]["CreatedDate"] != "Open Date" || p.Labels["Opportunity"]["AccountId"] != "Account" {
		t.Errorf("Opportunity labels %v", p.Labels["Opportunity"])
	}
}

func TestApplyRecommended(t *testing.T) {
	c := catalog(t)
	rec, _ := loadPresets(t).Find("Recommended")
	sel, skipped := c.ApplyPreset(Selection{}, rec)
	// The fixture lacks nothing the seeds' common fields need.
	if len(skipped) != 0 {
		t.Errorf("skipped %v", skipped)
	}
	want := Selection{
		"Account": {"CreatedDate", "Id", "IsDeleted", "Name", "Owner.Email", "Owner.Name", "Owner.Phone",
			"SystemModstamp", "Type", "Website"},
		"Contact": {"CreatedDate", "Email", "Id", "IsDeleted", "Name", "Phone", "SystemModstamp", "Title"},
		// Issue 10: every record is identified by default: Leads by name,
		// company, email and status, Opportunities by name and Account.
		"Opportunity": {"AccountId", "Amount", "CloseDate", "CreatedDate", "Id", "IsDeleted", "Name", "StageName", "SystemModstamp"},
		"Lead":        {"Company", "Email", "Id", "IsDeleted", "Name", "Status", "SystemModstamp"},
		"User":        {"Email", "Id", "Name", "Phone", "SystemModstamp"},
	}
	if d := Diff(want, sel); len(d) != 0 {
		t.Errorf("Recommended differs from the seeds' fields: %+v", d)
	}
	if err := c.Validate(sel); err != nil {
		t.Errorf("invalid: %v", err)
	}
}

func TestApplyPresetSkipsWhatTheOrgLacks(t *testing.T) {
	c := catalog(t)
	cs, _ := loadPresets(t).Find("Customer success")
	base := c.Defaults().with("Lead", "Company") // applying merges into what is there
	sel, skipped := c.ApplyPreset(base, cs)
	if !sel.Has("Lead", "Company") {
		t.Error("base selection lost")
	}
	// The CSM lookup arrives whole, because the preset has the owner fields too.
	for _, f := range []string{"CSM__c", "CSM__r.Email", "CSM__r.Name", "CSM__r.Phone", "Owner.Phone"} {
		if !sel.Has("Account", f) {
			t.Errorf("Account.%s not selected", f)
		}
	}
	var got []string
	for _, s := range skipped {
		got = append(got, s.Object+"."+s.Field)
		if !strings.HasPrefix(s.String(), "field "+s.Object+"."+s.Field+" ") {
			t.Errorf("message %q", s)
		}
	}
	// Fields the fixture org does not have, in sync order.
	want := []string{"User.Title", "User.IsActive", "Account.Industry", "Account.NumberOfEmployees",
		"Account.Customer_Since__c", "Contact.Department", "Contact.AccountId",
		"Opportunity.Type", "Opportunity.IsWon"}
	if !slices.Equal(got, want) {
		t.Errorf("skipped %v\nwant    %v", got, want)
	}
	if err := c.Validate(sel); err != nil {
		t.Errorf("invalid: %v", err)
	}
}

func TestApplyPresetKeepsTheLookupRule(t *testing.T) {
	c := catalog(t)
	p := Preset{Name: "x", Fields: map[string][]string{"Account": {"SDR__c", "Name", "Logo__c"}, "Case": {"Subject"}}}
	sel, skipped := c.ApplyPreset(Selection{}, p)
	if sel.Has("Account", "SDR__c") || !sel.Has("Account", "Name") {
		t.Errorf("selection %v", sel["Account"])
	}
	reasons := map[string]string{}
	for _, s := range skipped {
		reasons[s.Object+"."+s.Field] = s.Reason
	}
	if !strings.Contains(reasons["Account.SDR__c"], "Account Executive") ||
		!strings.Contains(reasons["Account.Logo__c"], "base64") ||
		!strings.Contains(reasons["Case.Subject"], "no Case object") || len(reasons) != 3 {
		t.Errorf("skipped %v", skipped)
	}
}

func TestParsePresetsRejectsBadFiles(t *testing.T) {
	for name, data := range map[string]string{
		"not json":    `{`,
		"unknown key": `{"presets":[{"name":"a","fields":{}}],"extra":1}`,
		"no name":     `{"presets":[{"fields":{}}]}`,
		"duplicate":   `{"presets":[{"name":"a"},{"name":"a"}]}`,
		"none":        `{"presets":[]}`,
	} {
		if _, err := ParsePresets([]byte(data)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
