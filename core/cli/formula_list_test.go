package cli

import (
	"strings"
	"testing"

	"github.com/sfsync/sfsync/core/fields"
)

// TestFieldsListMarksFormulaFields (issue 7: "the field picker marks them
// and says why"; issue 9: the CLI and the window never tell the same fact
// two ways): the window's picker marks a formula field and gives
// fields.FormulaNote; `fields list` showed it as any other field.
func TestFieldsListMarksFormulaFields(t *testing.T) {
	sim, srv := newSim(t, smallSeed)
	c := newCLI(t)
	c.must(0, sim.IssueAccessToken()+"\n", "connect", "--instance-url", srv.URL, "--access-token", "-", "--no-sync")
	list := jsonResult[FieldsListResult](t, c.must(0, "", "fields", "list", "--object", "Account", "--json"))
	found := map[string]FieldResult{}
	for _, f := range list.Objects[0].Fields {
		found[f.Name] = f
	}
	if f := found["Owner_Email__c"]; !f.Formula || !strings.Contains(f.Note, fields.FormulaNote) {
		t.Errorf("the formula field Owner_Email__c is listed as %+v", f)
	}
	if f := found["Name"]; f.Formula || f.Note != "" {
		t.Errorf("Name is listed as %+v", f)
	}
	text := c.must(0, "", "fields", "list", "--object", "Account").stdout
	for _, line := range strings.Split(text, "\n") {
		if strings.Contains(line, "Owner_Email__c") && !strings.Contains(line, "Formula field") {
			t.Errorf("fields list does not mark the formula field: %q", line)
		}
	}
}
