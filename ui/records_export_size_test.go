package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// TestExportFileDialogUsesTheWindow: the save dialog behind "Choose
// file…" takes most of a 960×640 window. Fyne's own size (about 500×370)
// left the folder list a strip of two icons under Xvfb.
func TestExportFileDialogUsesTheWindow(t *testing.T) {
	_, m, v := openRecords(t)
	m.Window.Resize(screenSize)
	d := v.ShowExport()
	test.Tap(d.Choose)
	pop, ok := m.Window.Canvas().Overlays().Top().(*widget.PopUp)
	if !ok {
		t.Fatal("Choose file opened no dialog")
	}
	// The modal pop-up covers the window; its content is the dialog.
	if s := pop.Content.Size(); s.Width < screenSize.Width*0.7 || s.Height < screenSize.Height*0.7 {
		t.Errorf("the save dialog is %.0f×%.0f in a %.0f×%.0f window", s.Width, s.Height, screenSize.Width, screenSize.Height)
	}
}
