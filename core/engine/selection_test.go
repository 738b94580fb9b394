package engine

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/sfsync/sfsync/core/fields"
)

// TestDefaultSelectionIsRecommendedPreset: the first connect stores the
// shipped Recommended preset applied to the org, always-synced fields
// included, and the first sync stores exactly those columns.
func TestDefaultSelectionIsRecommendedPreset(t *testing.T) {
	h := newHarness(t, optsWithSeed(), nil)
	h.connectToken()
	sel := h.e.Selection()
	for obj, want := range map[string][]string{
		"Account": {"CreatedDate", "Id", "IsDeleted", "Name", "Owner.Email", "Owner.Name", "Owner.Phone", "SystemModstamp", "Type", "Website"},
		"Contact": {"CreatedDate", "Email", "Id", "IsDeleted", "Name", "Phone", "SystemModstamp", "Title"},
		// Every record is identified by default (issue 10).
		"Lead":        {"Company", "Email", "Id", "IsDeleted", "Name", "Status", "SystemModstamp"},
		"Opportunity": {"AccountId", "Amount", "CloseDate", "CreatedDate", "Id", "IsDeleted", "Name", "StageName", "SystemModstamp"},
	} {
		if !slices.Equal(sel[obj], want) {
			t.Errorf("%s: %v, want %v", obj, sel[obj], want)
		}
	}
	preset := RecommendedSelection()
	for obj, fs := range preset {
		for _, f := range fs {
			if !slices.Contains(sel[obj], f) {
				t.Errorf("preset field %s.%s not in the default selection", obj, f)
			}
		}
	}
	h.runOK()
	h.assertEqual(nil)
}

// TestSaveFieldsValidates: SaveFields refuses what the field picker would
// refuse, with the picker's reason, and stores nothing then.
func TestSaveFieldsValidates(t *testing.T) {
	h := newHarness(t, optsWithSeed(), nil)
	if err := h.e.SaveFields(map[string][]string{"Account": {"Name"}}); !errors.Is(err, ErrNotConnected) {
		t.Fatalf("before connect: %v", err)
	}
	h.connectToken()
	orig := h.e.Selection()

	noOwnerPhone := func() map[string][]string {
		sel := h.e.Selection()
		sel["Account"] = slices.DeleteFunc(sel["Account"], func(f string) bool { return f == "Owner.Phone" })
		return sel
	}
	cases := []struct {
		name   string
		sel    map[string][]string
		reason string
	}{
		{"user lookup without the owner's phone", func() map[string][]string {
			sel := noOwnerPhone()
			sel["Account"] = append(sel["Account"], "CSM__c")
			return sel
		}(), "Select the Account Executive's Name, Phone and Email (the Account owner) first: user lookup fields such as CSM need them."},
		{"unknown field", map[string][]string{"Lead": {"Favourite_Colour__c"}}, "Lead has no field Favourite_Colour__c in this org."},
		{"compound field", map[string][]string{"Account": {"BillingAddress"}}, "Bulk API 2.0 cannot read it"},
		{"unknown object", map[string][]string{"Case": {"Subject"}}, "Case is not an object sfsync can read in this org."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := h.e.SaveFields(tc.sel)
			if !errors.Is(err, fields.ErrNotSelectable) || !strings.Contains(err.Error(), tc.reason) {
				t.Fatalf("err %v, want the reason %q", err, tc.reason)
			}
			if got := h.e.Selection(); !reflect.DeepEqual(got, orig) {
				t.Fatalf("selection changed by a refused save: %v", got)
			}
		})
	}

	// Without the lookup, dropping the owner's phone is fine; forced fields
	// are added whether or not the caller lists them.
	sel := noOwnerPhone()
	sel["Lead"] = []string{"Company", "Company", "Email"}
	if err := h.e.SaveFields(sel); err != nil {
		t.Fatal(err)
	}
	if got := h.e.Selection()["Lead"]; !slices.Equal(got, []string{"Company", "Email", "Id", "IsDeleted", "SystemModstamp"}) {
		t.Fatalf("stored Lead selection %v", got)
	}
	set, _, err := h.st.Settings()
	if err != nil || !reflect.DeepEqual(set.Fields, h.e.Selection()) {
		t.Fatalf("store has %v (%v), engine %v", set.Fields, err, h.e.Selection())
	}
}
