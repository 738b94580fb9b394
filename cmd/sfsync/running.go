package main

import (
	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"github.com/sfsync/sfsync/assets"
	"github.com/sfsync/sfsync/ui"
)

// showAlreadyRunning tells someone who started the app while another
// sfsync holds its data directory why nothing else opens, in a small window
// sized to the message (they may have double-clicked: no terminal shows
// stderr). Space closes it.
func showAlreadyRunning(message string) {
	meta := appMetadata()
	fyneapp.SetMetadata(meta)
	a := fyneapp.NewWithID(meta.ID + ".notice")
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.IconPNG()))
	ui.NewNotice(a, "sfsync is already running", message).Window.ShowAndRun()
}
