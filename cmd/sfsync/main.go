// Command sfsync keeps a local copy of a Salesforce org's records. With no
// subcommand it opens the desktop app; `sfsync help` lists the headless
// commands (connect, status, fields, sync, export, runs, disconnect).
package main

import (
	"context"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"github.com/sfsync/sfsync/assets"
	"github.com/sfsync/sfsync/core/cli"
	"github.com/sfsync/sfsync/ui"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr, startDesktop))
}

// startDesktop runs the window on the opened data directory until the person
// quits; the engine keeps syncing while the window is hidden in the tray.
func startDesktop(env *cli.Env) int {
	a := app.NewWithID("io.github.sfsync")
	icon := fyne.NewStaticResource("icon.png", assets.IconPNG())
	a.SetIcon(icon)
	env.SetNotifier(ui.Notifier{App: a})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	env.Engine.Start(ctx)
	w := ui.NewMainWindow(a, ui.Deps{
		Engine:   env.Engine,
		Store:    env.Store,
		Icon:     icon,
		ClientID: os.Getenv(cli.ClientIDEnv),
	})
	w.Window.ShowAndRun()
	return cli.ExitOK
}
