package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

func TestDataSourcesShowsNotConnectedAndConnectTaps(t *testing.T) {
	test.NewTempApp(t)
	taps := 0
	p := NewDataSources(theme.FyneLogo(), func() { taps++ })
	w := test.NewTempWindow(t, p.Content())
	_ = w
	if got := p.Badge.Text; got != string(StatusNotConnected) {
		t.Fatalf("badge = %q, want %q", got, StatusNotConnected)
	}
	test.Tap(p.Connect)
	if taps != 1 {
		t.Fatalf("Connect taps = %d, want 1", taps)
	}
	p.SetStatus(StatusActive)
	if p.Badge.Text != "Active" || p.Connect.Visible() {
		t.Fatalf("after Active: badge %q, connect visible %v", p.Badge.Text, p.Connect.Visible())
	}
}
