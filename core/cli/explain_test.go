package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestExplainSaysWhyARecordIsMissing: one sentence per case, answered from
// the store when it can and with one call otherwise (issue 7 "Why is this
// record missing?").
func TestExplainSaysWhyARecordIsMissing(t *testing.T) {
	sim, srv := newSim(t, smallSeed)
	org := sim.Org()
	c := newCLI(t)
	accs := org.Snapshot("Account")
	stored, deleted, purged, hidden := str(accs[0]["Id"]), str(accs[1]["Id"]), str(accs[2]["Id"]), str(accs[3]["Id"])
	for _, step := range []error{org.Delete("Account", deleted), org.HardDelete("Account", purged), org.HideRecord("Account", hidden, true)} {
		if step != nil {
			t.Fatal(step)
		}
	}
	c.must(0, sim.IssueAccessToken()+"\n", "connect", "--instance-url", srv.URL, "--access-token", "-")
	fresh, err := org.Create("Account", map[string]any{"Name": "Born after the sync"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		id, want string
		calls    int
	}{
		{stored, "is in the local store", 0},
		{stored[:15], "is in the local store", 0},             // a 15-character Id from a page URL
		{strings.ToUpper(stored), "is in the local store", 0}, // an upper-casing spreadsheet: the suffix gives the case back
		{strings.ToLower(stored), "is in the local store", 0},
		{deleted, "was deleted in Salesforce (it is in the Recycle Bin)", 1},
		{purged, "does not show it to sfsync's user", 1},
		{hidden, "does not show it to sfsync's user", 1},
		{fresh, "after the last sync read the changes; the next sync brings it", 1},
		{org.OrgID(), "is an Organization record: sfsync syncs only Account, Contact, Lead, Opportunity and User", 1},
		{"a0BLA0000000001YAA", "is not the Id of a record sfsync syncs", 1},
	} {
		r := c.must(0, "", "explain", tc.id, "--json")
		var out struct {
			Result struct {
				Sentence string `json:"sentence"`
				Calls    int    `json:"api_calls"`
			} `json:"result"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
			t.Fatalf("explain %s: %v\n%s", tc.id, err, r.stdout)
		}
		if !strings.Contains(out.Result.Sentence, tc.want) || out.Result.Calls != tc.calls {
			t.Errorf("explain %s: %q (%d calls), want %q (%d calls)", tc.id, out.Result.Sentence, out.Result.Calls, tc.want, tc.calls)
		}
		if strings.Count(out.Result.Sentence, ". ") > 0 {
			t.Errorf("explain %s: more than one sentence: %q", tc.id, out.Result.Sentence)
		}
	}
	// A suffix that cannot belong to the 15 characters before it (a digit
	// marked upper case) is a typo, not a record to ask Salesforce about.
	for _, bad := range []string{"not-an-id", stored[:15] + "5" + stored[16:]} {
		if r := c.run("", "explain", bad); r.code != ExitUsage || !strings.Contains(r.stderr, "not a Salesforce record Id") {
			t.Errorf("explain of the bad Id %q: exit %d, %q", bad, r.code, r.stderr)
		}
	}
	// The plain text is the same one sentence.
	if r := c.must(0, "", "explain", stored); !strings.HasPrefix(r.stdout, "Account "+stored+" is in the local store") {
		t.Errorf("explain text: %q", r.stdout)
	}
}
