package fields

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestLookupRule(t *testing.T) {
	c := catalog(t)
	cases := []struct {
		name  string
		owner []string // owner fields selected
		field string
		want  bool
	}{
		{"no owner fields", nil, "CSM__c", false},
		{"name only", []string{"Owner.Name"}, "CSM__c", false},
		{"name and phone", []string{"Owner.Name", "Owner.Phone"}, "SDR__c", false},
		{"phone and email", []string{"Owner.Phone", "Owner.Email"}, "Sales_Engineer__c", false},
		{"all three", OwnerFields, "CSM__c", true},
		{"related field, no owner", nil, "CSM__r.Email", false},
		{"related field, owner", OwnerFields, "CSM__r.Email", true},
		{"owner field itself", nil, "Owner.Email", true},
		{"plain field", nil, "Website", true},
		{"audit reference", nil, "CreatedById", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			sel := c.Defaults()
			for _, f := range tc.owner {
				sel = sel.with("Account", f)
			}
			ok, reason := c.Selectable(sel, "Account", tc.field)
			if ok != tc.want {
				t.Fatalf("Selectable = %v (%q), want %v", ok, reason, tc.want)
			}
			if !ok && (!strings.Contains(reason, "Account Executive") || strings.Count(reason, ".") > 2) {
				t.Errorf("reason is not one clear sentence: %q", reason)
			}
			_, err := c.Select(sel, "Account", tc.field)
			if (err == nil) != tc.want {
				t.Errorf("Select err %v, want ok=%v", err, tc.want)
			}
			if err != nil && !errors.Is(err, ErrNotSelectable) {
				t.Errorf("Select err %v does not wrap ErrNotSelectable", err)
			}
		})
	}
}

func TestSelectBringsWholeLookupAndDeselectCascades(t *testing.T) {
	c := catalog(t)
	sel := ownerSelected(t, c)
	sel, err := c.Select(sel, "Account", "CSM__r.Phone") // any part selects the lookup
	if err != nil {
		t.Fatal(err)
	}
	sel, err = c.Select(sel, "Account", "SDR__c")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"CSM__c", "CSM__r.Email", "CSM__r.Name", "CSM__r.Phone", "Id", "IsDeleted",
		"Owner.Email", "Owner.Name", "Owner.Phone", "SDR__c", "SDR__r.Email", "SDR__r.Name", "SDR__r.Phone", "SystemModstamp"}
	if !slices.Equal(sel["Account"], want) {
		t.Fatalf("selection %v\nwant %v", sel["Account"], want)
	}

	// Deselecting one part of a lookup removes the lookup.
	less, also, err := c.Deselect(sel, "Account", "SDR__r.Name")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(also, []string{"SDR__c", "SDR__r.Email", "SDR__r.Phone"}) || less.Has("Account", "SDR__c") || !less.Has("Account", "CSM__c") {
		t.Errorf("deselect SDR part: also %v, left %v", also, less["Account"])
	}

	// Deselecting an owner field takes every user lookup with it.
	less, also, err = c.Deselect(sel, "Account", "Owner.Phone")
	if err != nil {
		t.Fatal(err)
	}
	wantAlso := []string{"CSM__c", "CSM__r.Email", "CSM__r.Name", "CSM__r.Phone", "SDR__c", "SDR__r.Email", "SDR__r.Name", "SDR__r.Phone"}
	if !slices.Equal(also, wantAlso) {
		t.Errorf("also removed %v, want %v", also, wantAlso)
	}
	if !slices.Equal(less["Account"], []string{"Id", "IsDeleted", "Owner.Email", "Owner.Name", "SystemModstamp"}) {
		t.Errorf("left %v", less["Account"])
	}
	if err := c.Validate(less); err != nil {
		t.Errorf("cascade left an invalid selection: %v", err)
	}
	// The original is untouched.
	if !slices.Equal(sel["Account"], want) {
		t.Errorf("Deselect modified its input: %v", sel["Account"])
	}

	if _, _, err := c.Deselect(sel, "Account", "SystemModstamp"); err == nil {
		t.Error("forced field deselected")
	}
	if again, err := c.Select(sel, "Account", "Id"); err != nil || !slices.Equal(again["Account"], want) {
		t.Errorf("selecting a forced field: %v %v", again["Account"], err)
	}
}

func TestDiff(t *testing.T) {
	cases := []struct {
		name     string
		old, new Selection
		want     []Change
	}{
		{"same", Selection{"Account": {"Id", "Name"}}, Selection{"Account": {"Name", "Id"}}, nil},
		{"added and removed, sync order",
			Selection{"Opportunity": {"Amount", "Id"}, "Account": {"Id", "Name", "Type"}},
			Selection{"Opportunity": {"Id"}, "Account": {"Id", "Name", "Website"}, "User": {"Email", "Id"}},
			[]Change{
				{Object: "User", Added: []string{"Email", "Id"}},
				{Object: "Account", Added: []string{"Website"}, Removed: []string{"Type"}},
				{Object: "Opportunity", Removed: []string{"Amount"}},
			}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := Diff(tc.old, tc.new)
			if len(got) != len(tc.want) {
				t.Fatalf("got %+v, want %+v", got, tc.want)
			}
			for i := range got {
				g, w := got[i], tc.want[i]
				if g.Object != w.Object || !slices.Equal(g.Added, w.Added) || !slices.Equal(g.Removed, w.Removed) {
					t.Errorf("change %d: %+v, want %+v", i, g, w)
				}
				if g.NeedsResync() != (len(w.Added) > 0) {
					t.Errorf("NeedsResync %v for %+v", g.NeedsResync(), g)
				}
			}
		})
	}
}

func TestSelectionJSONRoundTrip(t *testing.T) {
	c := catalog(t)
	sel, _ := c.Select(ownerSelected(t, c), "Account", "CSM__c")
	data, err := json.Marshal(sel)
	if err != nil {
		t.Fatal(err)
	}
	var back Selection
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if d := Diff(sel, back); len(d) != 0 {
		t.Errorf("round trip changed %+v", d)
	}
	if err := c.Validate(back); err != nil {
		t.Errorf("round-tripped selection invalid: %v", err)
	}
}
