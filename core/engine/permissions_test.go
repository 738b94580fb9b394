package engine

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/sfsync/sfsync/core/sfsim"
)

// TestConnectNamesMissingPermissions: Connect against a user who lacks
// permissions ends in Error with one sentence naming every missing one and
// what to do.
func TestConnectNamesMissingPermissions(t *testing.T) {
	cases := []struct {
		name    string
		opts    sfsim.Options
		missing []string
		want    string
	}{
		{"API disabled", sfsim.Options{APIDisabled: true}, []string{"API Enabled"},
			"is missing: API Enabled. Ask your Salesforce admin to grant it, then reconnect."},
		{"no View Setup and no read on Lead", sfsim.Options{NoViewSetup: true, NoReadAccess: []string{"Lead"}},
			[]string{"View Setup and Configuration", "Read on Lead"},
			"is missing: View Setup and Configuration; Read on Lead. Ask your Salesforce admin to grant them, then reconnect."},
		{"no read on two objects", sfsim.Options{NoReadAccess: []string{"Opportunity", "Contact"}},
			[]string{"Read on Contact", "Read on Opportunity"},
			"is missing: Read on Contact; Read on Opportunity. Ask your Salesforce admin to grant them, then reconnect."},
		{"no View Setup", sfsim.Options{NoViewSetup: true}, []string{"View Setup and Configuration"},
			"is missing: View Setup and Configuration. Ask your Salesforce admin to grant it, then reconnect."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tc.opts.Seed = testSeed
			h := newHarness(t, tc.opts, nil)
			err := h.e.ConnectWithToken(context.Background(), h.srv.URL, h.sim.IssueAccessToken())
			var pe *PermissionError
			if !errors.As(err, &pe) || !slices.Equal(pe.Missing, tc.missing) {
				t.Fatalf("err %v, want missing %v", err, tc.missing)
			}
			st := h.e.State()
			if st.Status != StatusError || !strings.HasPrefix(st.Detail, "The Salesforce user ") || !strings.HasSuffix(st.Detail, tc.want) {
				t.Fatalf("state %q: %q, want … %q", st.Status, st.Detail, tc.want)
			}
			if st.LastError != st.Detail {
				t.Errorf("last error %q", st.LastError)
			}
			if _, err := h.e.RunOnce(context.Background()); !errors.Is(err, ErrNotConnected) {
				t.Errorf("run after a refused connect: %v", err)
			}
		})
	}
}
