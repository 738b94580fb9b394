package ui

import (
	"errors"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/sfsync/sfsync/core/store"
	"github.com/sfsync/sfsync/core/wording"
)

// TestNoticeFitsItsText (issue 10): the "already running" window was 1,610
// px tall, the message above the screen and OK below it; it is now as big
// as its text wrapped at a fixed width.
func TestNoticeFitsItsText(t *testing.T) {
	a := test.NewTempApp(t)
	running := &store.AlreadyRunningError{Dir: "/tmp/TestDesktopAppEndToEnd3366337373/001/home/.local/share/sfsync"}
	msg := wording.AlreadyRunning(running, wording.Window)
	if !errors.Is(running, store.ErrAlreadyRunning) {
		t.Fatal("not the already-running error")
	}
	n := NewNotice(a, "sfsync is already running", msg)
	size := n.Window.Canvas().Size()
	if size.Height > 300 || size.Width > 560 || size.Width < noticeWidth {
		t.Fatalf("notice window %v for %q", size, msg)
	}
	text := n.Text.MinSize()
	if text.Height > size.Height || n.OK.Position().Y+n.OK.Size().Height > size.Height {
		t.Errorf("text %v or OK at %v does not fit the window %v", text, n.OK.Position(), size)
	}
	if n.Window.Canvas().Focused() != n.OK {
		t.Error("OK has not the focus (Space should close the notice)")
	}
}
