package fields

import (
	"slices"
	"testing"
)

func TestSearch(t *testing.T) {
	c := catalog(t)
	cases := []struct {
		query string
		want  []string
	}{
		{"csm", []string{"Account.CSM__c", "Account.CSM__r.Email", "Account.CSM__r.Name", "Account.CSM__r.Phone"}},
		{"executive EMAIL", []string{"Account.Owner.Email"}},
		{"contact phone", []string{"Contact.Phone"}},
		{"billing", []string{"Account.BillingCity"}}, // the compound address is not offered
		{"no such thing", nil},
	}
	for _, tc := range cases {
		var got []string
		for _, m := range c.Search(tc.query) {
			got = append(got, m.Object+"."+m.Field.Name)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("Search(%q) = %v, want %v", tc.query, got, tc.want)
		}
	}
}
