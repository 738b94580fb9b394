package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
)

// frame lays a scroll out as a real window's frame does once its
// content's minimum size changed (Fyne's canvas calls the scroll's
// renderer Layout); the test canvas lays out only on resize and refresh.
func frame(s *container.Scroll) { test.WidgetRenderer(s).Layout(s.Size()) }

// inView reports whether o is shown inside s's viewport.
func inView(o fyne.CanvasObject, s *container.Scroll) bool {
	d := fyne.CurrentApp().Driver()
	op, sp := d.AbsolutePositionForObject(o), d.AbsolutePositionForObject(s)
	return o.Visible() && op.Y >= sp.Y && op.Y+o.Size().Height <= sp.Y+s.Size().Height
}

// TestPickerSearchShowsItsMatches (seen in the real window): scrolled down
// the long Account table, a search whose matches fit the view left the
// list blank (the scroll kept its offset past the shorter list, with no
// scroll bar to come back), and an open table was stretched to fill the
// view, a blank gap under its few rows.
func TestPickerSearchShowsItsMatches(t *testing.T) {
	_, _, p := openPicker(t)
	p.List.ScrollToBottom()
	if p.List.Offset.Y == 0 {
		t.Fatal("the field list does not scroll: nothing to test")
	}
	test.Type(p.Search, "executive")
	frame(p.List)
	if check := p.Checks[fieldKey("Account", "Owner.Email")]; !inView(check, p.List) {
		t.Errorf("the match Account Executive Email is out of view (list offset %v, list %v high, content %v high)",
			p.List.Offset.Y, p.List.Size().Height, p.List.Content.MinSize().Height)
	}
	detail := p.items["Account"].Detail
	if gap := detail.Size().Height - detail.MinSize().Height; gap > 1 {
		t.Errorf("the Account table is %.0f px taller than its rows: a blank gap", gap)
	}
}
