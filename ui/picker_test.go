package ui

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/sfsync/sfsync/core/fields"
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

func TestPickerEnforcesTheUserLookupRuleWithItsReason(t *testing.T) {
	env, _, p := openPicker(t)
	acc := p.cat.Object("Account")
	if len(acc.UserLookups) == 0 {
		t.Fatal("the Demo org's Account has no user lookups")
	}
	csm := acc.UserLookups[0].Field
	key := fieldKey("Account", csm)
	if p.sel.Has("Account", "Owner.Email") { // the Recommended preset has them: take one away
		test.Tap(p.Checks[fieldKey("Account", "Owner.Email")])
	}
	if p.sel.Has("Account", "Owner.Phone") {
		test.Tap(p.Checks[fieldKey("Account", "Owner.Phone")])
	}
	if !p.Checks[key].Disabled() || !p.Reasons[key].Visible() || !strings.Contains(p.Reasons[key].Text, "Account Executive") {
		t.Fatalf("%s before the owner fields: disabled %v, reason %q", csm, p.Checks[key].Disabled(), p.Reasons[key].Text)
	}
	missing := slices.DeleteFunc(slices.Clone(fields.OwnerFields), func(f string) bool { return p.sel.Has("Account", f) })
	if len(missing) < 2 {
		t.Fatalf("owner fields missing: %v", missing)
	}
	for i, f := range missing {
		test.Tap(p.Checks[fieldKey("Account", f)])
		if last := i == len(missing)-1; p.Checks[key].Disabled() == last {
			t.Fatalf("after selecting %s: %s disabled = %v", f, csm, p.Checks[key].Disabled())
		}
	}
	if p.Reasons[key].Visible() {
		t.Errorf("reason still shown once selectable: %q", p.Reasons[key].Text)
	}
	test.Tap(p.Checks[key])
	for _, f := range acc.UserLookups[0].Fields {
		if !p.sel.Has("Account", f) || !p.Checks[fieldKey("Account", f)].Checked {
			t.Errorf("selecting %s did not select %s", csm, f)
		}
	}
	test.Tap(p.Checks[fieldKey("Account", "Owner.Email")]) // deselect: the lookups go with it
	if p.sel.Has("Account", csm) || !p.Checks[key].Disabled() || !strings.Contains(p.Message.Text, "Also deselected") {
		t.Fatalf("after deselecting Owner.Email: %s selected %v, disabled %v, message %q",
			csm, p.sel.Has("Account", csm), p.Checks[key].Disabled(), p.Message.Text)
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
	if !p.Checks[key].Disabled() || p.Reasons[key].Text != u.Reason || !strings.Contains(u.Reason, "Bulk API") {
		t.Fatalf("%s: disabled %v reason %q", u.Name, p.Checks[key].Disabled(), p.Reasons[key].Text)
	}
	id := fieldKey("Account", "Id")
	if !p.Checks[id].Checked || !p.Checks[id].Disabled() || !strings.Contains(p.Reasons[id].Text, "always synced") {
		t.Fatalf("Id: checked %v disabled %v reason %q", p.Checks[id].Checked, p.Checks[id].Disabled(), p.Reasons[id].Text)
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
		if !strings.HasPrefix(p.Message.Text, "Added the "+name) {
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
