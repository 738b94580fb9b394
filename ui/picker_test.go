package ui

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/sfsync/sfsync/core/engine"
	"github.com/sfsync/sfsync/core/fields"
	"github.com/sfsync/sfsync/core/format"
	"github.com/sfsync/sfsync/core/wording"
)

// openPicker connects the Demo org and opens Settings → Edit data sync.
func openPicker(t *testing.T) (*uiEnv, *MainWindow, *FieldPicker) {
	t.Helper()
	env := newUIEnv(t)
	m := env.window()
	env.connectDemo(m)
	menuItem(t, m, "Settings")
	test.Tap(m.Settings.EditFields)
	if m.Picker == nil {
		t.Fatal("Edit data sync did not open the field picker")
	}
	return env, m, m.Picker
}

// TestPickerExplainsTheUserLookupRuleOnceWithAButton: while the Account
// Executive fields are incomplete, one banner explains the rule (no
// sentence under every lookup field) and its button selects them; the
// lookups then become selectable, and selecting one announces the fields
// it brings, by label (issue 10).
func TestPickerExplainsTheUserLookupRuleOnceWithAButton(t *testing.T) {
	_, _, p := openPicker(t)
	acc := p.cat.Object("Account")
	if len(acc.UserLookups) == 0 {
		t.Fatal("the Demo org's Account has no user lookups")
	}
	csm := acc.UserLookups[0]
	key := fieldKey("Account", csm.Field)
	for _, f := range []string{"Owner.Email", "Owner.Phone"} { // the Recommended preset has them: take them away
		if p.sel.Has("Account", f) {
			test.Tap(p.Checks[fieldKey("Account", f)])
		}
	}
	if !p.Banner.Visible() || !strings.Contains(p.BannerText.Text, "Account Executive") || !strings.Contains(p.BannerText.Text, csm.Label) {
		t.Fatalf("banner visible %v: %q", p.Banner.Visible(), p.BannerText.Text)
	}
	if !p.Checks[key].Disabled() || p.Reasons[key].Visible() {
		t.Fatalf("%s: disabled %v, reason under it %q", csm.Field, p.Checks[key].Disabled(), p.Reasons[key].String())
	}
	test.Tap(p.SelectOwner)
	for _, f := range fields.OwnerFields {
		if !p.sel.Has("Account", f) {
			t.Errorf("the banner's button did not select %s", f)
		}
	}
	if p.Banner.Visible() || p.Checks[key].Disabled() || !strings.Contains(p.Message.Text, "Account Executive Email") {
		t.Fatalf("after the button: banner %v, %s disabled %v, message %q", p.Banner.Visible(), csm.Field, p.Checks[key].Disabled(), p.Message.Text)
	}
	test.Tap(p.Checks[key])
	checkAnnounced(t, p, csm)
	test.Tap(p.Checks[fieldKey("Account", "Owner.Email")]) // deselect: the lookups go with it
	if p.sel.Has("Account", csm.Field) || !p.Checks[key].Disabled() || !strings.Contains(p.Message.Text, "Also deselected") ||
		strings.Contains(p.Message.Text, "__c") || !p.Banner.Visible() {
		t.Fatalf("after deselecting Owner.Email: %s selected %v, disabled %v, banner %v, message %q",
			csm.Field, p.sel.Has("Account", csm.Field), p.Checks[key].Disabled(), p.Banner.Visible(), p.Message.Text)
	}
}

// checkAnnounced: selecting a user lookup selected its fields and the
// message names them by label.
func checkAnnounced(t *testing.T, p *FieldPicker, l fields.UserLookup) {
	t.Helper()
	for _, f := range l.Fields {
		if !p.sel.Has("Account", f) || !p.Checks[fieldKey("Account", f)].Checked {
			t.Errorf("selecting %s did not select %s", l.Field, f)
		}
		if f != l.Field && !strings.Contains(p.Message.Text, p.label("Account", f)) {
			t.Errorf("the message does not announce %s by its label: %q", f, p.Message.Text)
		}
	}
	if !strings.HasPrefix(p.Message.Text, "Also selected: ") || strings.Contains(p.Message.Text, "__r.") {
		t.Errorf("auto-selected fields: %q", p.Message.Text)
	}
}

// TestPickerMarksFormulasAndSaysWhyFieldsAreAlwaysSynced: formula fields
// carry "(formula)" and fields.FormulaNote; the User fields lookups resolve
// from say why they are always synced (issue 7, 10).
func TestPickerMarksFormulasAndSaysWhyFieldsAreAlwaysSynced(t *testing.T) {
	_, _, p := openPicker(t)
	formulas := 0
	for _, obj := range p.cat.ObjectNames() {
		for _, f := range p.cat.Object(obj).Fields {
			key := fieldKey(obj, f.Name)
			marked := strings.Contains(p.Checks[key].Text, "(formula)") && strings.Contains(p.Reasons[key].String(), fields.FormulaNote)
			if f.Formula != marked {
				t.Errorf("%s.%s formula %v, marked %v (%q, %q)", obj, f.Name, f.Formula, marked, p.Checks[key].Text, p.Reasons[key].String())
			}
			if f.Formula {
				formulas++
			}
		}
	}
	if formulas == 0 {
		t.Fatal("the Demo org has no formula field")
	}
	for _, f := range fields.ResolutionFields {
		u, _ := p.cat.Object("User").Field(f)
		key := fieldKey("User", f)
		if u.Reason == "" || p.Reasons[key].String() != u.Reason || !p.Reasons[key].Visible() || !p.Checks[key].Disabled() {
			t.Errorf("User.%s: reason shown %q, want %q", f, p.Reasons[key].String(), u.Reason)
		}
	}
}

// TestPickerReviewSaysLabelsAndCost: the review names fields by label and
// says how many stored records are read again and about how many API calls
// that takes; a preset says what it is for (issue 10).
func TestPickerReviewSaysLabelsAndCost(t *testing.T) {
	env, m, p := openPicker(t)
	test.Tap(p.Checks[fieldKey("Account", "AnnualRevenue")])
	test.Tap(p.Checks[fieldKey("Account", "Industry")])
	test.Tap(p.Review)
	n := m.State().Counts["Account"]
	if n == 0 {
		t.Fatal("no Accounts stored")
	}
	want := fmt.Sprintf("Its %s stored records are read again at the next sync to fill the new fields (about %s)",
		format.Thousands(int64(n)), wording.Calls(engine.RereadCalls(int64(n), 0)))
	if !strings.Contains(p.ReviewText.Text, "Annual Revenue") || strings.Contains(p.ReviewText.Text, "AnnualRevenue") ||
		!strings.Contains(p.ReviewText.Text, want) {
		t.Fatalf("review:\n%s\nwant labels and %q", p.ReviewText.Text, want)
	}
	test.Tap(p.Customize)
	pr := p.presets.Presets[1]
	p.Presets.SetSelected(pr.Name)
	if !strings.Contains(p.Message.Text, pr.Description) {
		t.Errorf("preset message %q lacks its description %q", p.Message.Text, pr.Description)
	}
	_ = env
}

func TestPickerGreysFieldsThatCannotBeSynced(t *testing.T) {
	_, _, p := openPicker(t)
	acc := p.cat.Object("Account")
	if len(acc.Unsupported) == 0 {
		t.Fatal("the Demo org's Account has no compound fields")
	}
	u := acc.Unsupported[0]
	key := fieldKey("Account", u.Name)
	if !p.Checks[key].Disabled() || p.Reasons[key].String() != u.Reason || !strings.Contains(u.Reason, "Bulk API") {
		t.Fatalf("%s: disabled %v reason %q", u.Name, p.Checks[key].Disabled(), p.Reasons[key].String())
	}
	id := fieldKey("Account", "Id")
	if !p.Checks[id].Checked || !p.Checks[id].Disabled() || !strings.Contains(p.Reasons[id].String(), "always synced") {
		t.Fatalf("Id: checked %v disabled %v reason %q", p.Checks[id].Checked, p.Checks[id].Disabled(), p.Reasons[id].String())
	}
}

func TestPickerSearchesAllTables(t *testing.T) {
	_, _, p := openPicker(t)
	test.Type(p.Search, "phone")
	shown := 0
	for i, obj := range p.cat.ObjectNames() {
		inTable := false
		for _, f := range p.cat.Object(obj).Fields {
			match := strings.Contains(strings.ToLower(f.Label), "phone") || strings.Contains(strings.ToLower(f.Name), "phone")
			if p.Visible(obj, f.Name) != match {
				t.Errorf("%s.%s (%s) visible %v, matches %v", obj, f.Name, f.Label, p.Visible(obj, f.Name), match)
			}
			if match {
				shown++
				inTable = true
			}
		}
		if p.Tables.Items[i].Open != inTable {
			t.Errorf("table %s: open %v, has phone fields %v", obj, p.Tables.Items[i].Open, inTable)
		}
	}
	if shown < 3 {
		t.Fatalf("only %d fields match phone", shown)
	}
	p.Search.SetText("")
	if !p.Visible("Account", "Name") {
		t.Error("clearing the search did not show all fields")
	}
}

func TestPickerPresetReviewAndSyncNow(t *testing.T) {
	env, m, p := openPicker(t)
	if len(p.Presets.Options) == 0 {
		t.Fatal("no data presets")
	}
	var changes []fields.Change
	for _, name := range p.Presets.Options { // the stored selection is one of them
		p.Presets.SetSelected(name)
		if !strings.HasPrefix(p.Message.Text, name+": ") {
			t.Fatalf("preset message %q", p.Message.Text)
		}
		if changes = p.Changes(); len(changes) > 0 {
			break
		}
	}
	if len(changes) == 0 {
		t.Fatalf("no preset of %v adds a field", p.Presets.Options)
	}
	test.Tap(p.Review)
	if !p.OnReviewPage() {
		t.Fatal("Review fields did not show the review")
	}
	for _, c := range changes {
		if !strings.Contains(p.ReviewText.Text, c.Object) {
			t.Errorf("review does not list %s:\n%s", c.Object, p.ReviewText.Text)
		}
	}
	test.Tap(p.Customize)
	if p.OnReviewPage() {
		t.Fatal("Customize did not return to the fields")
	}
	test.Tap(p.Review)
	test.Tap(p.SyncNow)
	env.app.waitFor(t, "the picker to close", func() bool { return m.Picker == nil })
	saved := fields.Selection(env.eng.Selection())
	for _, c := range changes {
		for _, f := range c.Added {
			if !saved.Has(c.Object, f) {
				t.Errorf("engine selection lacks %s.%s", c.Object, f)
			}
		}
	}
}
