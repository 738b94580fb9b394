package ui

import (
	"testing"

	"github.com/sfsync/sfsync/core/engine"
)

// TestEscapeClosesEveryDialog (seen in the real window): Escape closed
// Settings, the field picker and record pages but not the Connect screen
// (nor the question before it),
// About, the connect guide, the export dialog or the Disconnect question,
// which a person expects to cancel the same way. Nothing is focused here:
// a focused button or entry keeps Escape to itself in Fyne.
func TestEscapeClosesEveryDialog(t *testing.T) {
	env, m, v := openRecords(t)
	dialogs := []struct {
		name string
		show func()
	}{
		{"the question before connecting another org", m.ShowConnect},
		{"the Connect screen", func() { m.ShowConnect(); m.ReplaceConfirm.Confirm() }},
		{"About", m.ShowAbout},
		{"the connect guide", m.ShowGuide},
		{"the export dialog", func() { v.ShowExport() }},
		{"the Disconnect question", m.ConfirmDisconnect},
	}
	for _, d := range dialogs {
		d.show()
		if m.Window.Canvas().Overlays().Top() == nil {
			t.Fatalf("%s did not open", d.name)
		}
		m.Window.Canvas().Unfocus()
		pressEscape(m.Window)
		if m.Window.Canvas().Overlays().Top() != nil {
			t.Errorf("Escape left %s open", d.name)
			hideOverlays(m.Window)
		}
	}
	env.app.drain()
	if m.Connect != nil || m.ReplaceConfirm != nil || m.State().Status != engine.StatusActive {
		t.Errorf("after Escape: Connect screen %v, question %v, status %q (Escape is Cancel: still connected)",
			m.Connect != nil, m.ReplaceConfirm != nil, m.State().Status)
	}
}
