package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

// TestExportWithNothingShownExportsAll: a search that matches no record
// leaves nothing to export "as shown", so the export dialog offers all the
// object's records, and says why, instead of a preselected "The 0 records
// shown" (seen under Xvfb: the default wrote a file with only headers).
func TestExportWithNothingShownExportsAll(t *testing.T) {
	env, m, v := openRecords(t)
	tb := v.Model()
	test.Type(v.Search, "zzzz-no-such")
	env.app.waitFor(t, "the search", func() bool { return tb.Query() == "zzzz-no-such" })
	if tb.Len() != 0 || tb.Total() == 0 {
		t.Fatalf("the search shows %d of %d", tb.Len(), tb.Total())
	}
	d := v.ShowExport()
	if d.Scope != nil || !d.All() {
		t.Fatalf("scope choice %v, all %v: want all records, no choice", d.Scope.Options, d.All())
	}
	if !dialogSays(m.Window, "matches no "+tb.Object) || dialogSays(m.Window, "The 0 ") {
		t.Error("the dialog does not say that the search matches nothing and that all records are exported")
	}
	if !strings.HasPrefix(d.Choose.Text, "Choose file") || d.Choose.Disabled() {
		t.Errorf("Choose file button %q, disabled %v", d.Choose.Text, d.Choose.Disabled())
	}
	d.Hide()
}
