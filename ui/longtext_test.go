package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"

	"github.com/sfsync/sfsync/core/engine"
)

// longName is a 250-character Account name of real words, as an org with
// long legal names has (Salesforce allows 255).
var longName = strings.Repeat("Internationale Handelsgesellschaft ", 8)[:250]

// TestRecordPagesFitTheWindowWithLongValues (seen in the real window): a
// record page is a dialog whose title is the record's name, and a lookup
// or related record is a button with its name: with a 250-character
// Account name the page grew wider than the 960 px window, its Close and
// the values' right side out of view. Every page stays inside the window;
// the name is in full in its field.
func TestRecordPagesFitTheWindowWithLongValues(t *testing.T) {
	env := newUIEnv(t)
	m := env.window()
	m.Window.Resize(screenSize)
	env.connectDemo(m)
	before := m.State().Counts["Account"]
	org := env.sim.Org()
	acc, err := org.Create("Account", map[string]any{"Name": longName})
	if err != nil {
		t.Fatal(err)
	}
	opp, err := org.Create("Opportunity", map[string]any{"Name": longName, "AccountId": acc, "StageName": "Prospecting", "CloseDate": "2027-01-31"})
	if err != nil {
		t.Fatal(err)
	}
	env.eng.SyncNow()
	env.app.waitFor(t, "the new records", func() bool {
		st := m.State()
		return st.Status == engine.StatusActive && !st.Running && st.Counts["Account"] > before
	})
	v := m.Records
	m.Tabs.SelectIndex(1)
	var page *RecordPage
	v.OnOpened = func(p *RecordPage) { page = p }
	cam := &camera{t: t, dir: screenDir(t), variant: "default", win: m.Window}
	for _, r := range [][2]string{{"Account", acc}, {"Opportunity", opp}} {
		page = nil
		v.OpenRecord(r[0], r[1])
		env.app.waitFor(t, "the "+r[0]+" page", func() bool { return page != nil })
		if w := page.dialog.MinSize().Width; w > screenSize.Width {
			t.Errorf("the %s page is %.0f px wide at least, in a %.0f px window", r[0], w, screenSize.Width)
		}
		if l, ok := page.Fields.Items[0].Widget.(*widget.Label); !ok || l.Text != longName {
			t.Errorf("the %s page's first field is not the name in full: %#v", r[0], page.Fields.Items[0].Widget)
		}
		cam.shoot("12-record-page-long-name-" + strings.ToLower(r[0]))
		page.Close()
	}
}
