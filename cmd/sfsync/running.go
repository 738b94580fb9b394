package main

import (
	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/sfsync/sfsync/assets"
)

// showAlreadyRunning tells someone who started the app while another
// sfsync holds its data directory why nothing else opens, in a small window
// (they may have double-clicked: no terminal shows stderr). Space closes it.
func showAlreadyRunning(message string) {
	a := fyneapp.NewWithID("io.github.sfsync.notice")
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.IconPNG()))
	w := a.NewWindow("sfsync is already running")
	text := widget.NewLabel(message)
	text.Wrapping = fyne.TextWrapWord
	ok := widget.NewButton("OK", a.Quit)
	ok.Importance = widget.HighImportance
	w.SetContent(container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), ok), nil, nil, text))
	w.Resize(fyne.NewSize(460, 180))
	w.CenterOnScreen()
	w.Canvas().Focus(ok)
	w.ShowAndRun()
}
