// Command sfsync is the desktop app that keeps a local copy of a Salesforce
// org's records. With no subcommand it opens the window.
package main

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"github.com/sfsync/sfsync/assets"
	"github.com/sfsync/sfsync/ui"
)

func main() {
	a := app.NewWithID("io.github.sfsync")
	icon := fyne.NewStaticResource("icon.png", assets.IconPNG())
	a.SetIcon(icon)
	w := a.NewWindow("sfsync")
	page := ui.NewDataSources(icon, func() {})
	w.SetContent(page.Content())
	w.Resize(fyne.NewSize(900, 600))
	w.ShowAndRun()
}
