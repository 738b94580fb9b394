package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// noticeWidth is the width a notice's message wraps at.
const noticeWidth = 440

// Notice is a small window with one message and OK: the "already running"
// notice of a second start, which may come from a double-click with no
// terminal to show stderr. It is as big as its content.
type Notice struct {
	Window fyne.Window
	Text   *widget.Label
	OK     *widget.Button
}

// NewNotice builds the notice on a; OK (or Space, it has the focus) quits a.
func NewNotice(a fyne.App, title, message string) *Notice {
	n := &Notice{Window: a.NewWindow(title), Text: wrapped(message), OK: widget.NewButton("OK", a.Quit)}
	n.OK.Importance = widget.HighImportance
	content := container.NewPadded(container.NewVBox(
		container.New(fixedWidth{noticeWidth}, n.Text),
		container.NewHBox(layout.NewSpacer(), n.OK)))
	n.Window.SetContent(content)
	// A wrapping label alone asks for its longest word's width and so for
	// a very tall window (1,610 px for the "already running" message): the
	// width is fixed, the height follows the text.
	n.Window.Resize(content.MinSize())
	n.Window.SetFixedSize(true)
	n.Window.CenterOnScreen()
	n.Window.Canvas().Focus(n.OK)
	return n
}

// fixedWidth lays out one wrapping object at a fixed width, as tall as
// its text needs at that width.
type fixedWidth struct{ width float32 }

func (l fixedWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	o := objs[0]
	if o.Size().Width != l.width {
		o.Resize(fyne.NewSize(l.width, o.MinSize().Height))
	}
	return fyne.NewSize(l.width, o.MinSize().Height)
}

func (l fixedWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(size)
}
