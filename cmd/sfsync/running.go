package main

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/sfsync/sfsync/assets"
)

// showAlreadyRunning tells someone who started the app while another
// sfsync holds its data directory why nothing else opens, in a small window
// (they may have double-clicked: no terminal shows stderr).
func showAlreadyRunning(cliMessage string) {
	a := app.NewWithID("io.github.sfsync.notice")
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.IconPNG()))
	w := a.NewWindow("sfsync is already running")
	text := widget.NewLabel(alreadyRunningText(cliMessage))
	text.Wrapping = fyne.TextWrapWord
	ok := widget.NewButton("OK", a.Quit)
	ok.Importance = widget.HighImportance
	w.SetContent(container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), ok), nil, nil, text))
	w.Resize(fyne.NewSize(460, 180))
	w.CenterOnScreen()
	w.Canvas().Focus(ok) // Space closes it
	w.ShowAndRun()
}

// alreadyRunningText is the window's message: the CLI's sentence (which
// names the data directory) without its "sfsync: " prefix, plus where to
// look for the running one.
func alreadyRunningText(cliMessage string) string {
	msg := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(cliMessage), "sfsync: "))
	if msg == "" {
		msg = "Another sfsync uses this data directory."
	}
	return msg + "\n\nThe open sfsync may be hidden in the system tray: open it from there."
}
