package main

import (
	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"github.com/sfsync/sfsync/assets"
	"github.com/sfsync/sfsync/ui"
)

// showNotice tells someone who started the app why nothing else opens
// (another sfsync holds its data directory, or the directory is unusable),
// in a small window sized to the message (they may have double-clicked: no
// terminal shows stderr). Space closes it.
func showNotice(title, message string) {
	meta := appMetadata()
	fyneapp.SetMetadata(meta)
	a := fyneapp.NewWithID(meta.ID + ".notice")
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.IconPNG()))
	ui.NewNotice(a, title, message).Window.ShowAndRun()
}
