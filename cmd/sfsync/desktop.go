package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"os/signal"
	"syscall"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"github.com/sfsync/sfsync"
	"github.com/sfsync/sfsync/assets"
	"github.com/sfsync/sfsync/core/app"
	"github.com/sfsync/sfsync/core/cli"
	"github.com/sfsync/sfsync/core/store"
	"github.com/sfsync/sfsync/core/wording"
	"github.com/sfsync/sfsync/ui"
)

// startDesktop runs the window on the data directory until the person
// quits (menu, tray, SIGTERM/SIGINT); the engine keeps syncing while the
// window is hidden in the tray. A data directory held by another sfsync, or
// one it cannot use, is said on stderr and, since a double-click shows no
// terminal, in a window.
func startDesktop(d cli.Desktop) int {
	opts := app.Options{DataDir: d.DataDir, Keyring: true}
	if d.Verbose {
		opts.Verbose = os.Stderr
	}
	a, err := app.Open(opts)
	var running *store.AlreadyRunningError
	var dirErr *app.DataDirError
	switch {
	case errors.As(err, &running):
		fmt.Fprintln(os.Stderr, "sfsync: "+wording.AlreadyRunning(running, wording.CLI))
		showNotice("sfsync is already running", wording.AlreadyRunning(running, wording.Window))
		return cli.ExitRunning
	case errors.As(err, &dirErr):
		fmt.Fprintln(os.Stderr, "sfsync: "+wording.DataDir(dirErr.Dir, dirErr.Err, wording.CLI))
		showNotice("sfsync cannot open its data", wording.DataDir(dirErr.Dir, dirErr.Err, wording.Window))
		return cli.ExitFailed
	case err != nil:
		fmt.Fprintf(os.Stderr, "sfsync: %v.\n", err)
		return cli.ExitFailed
	}
	defer a.Close()
	meta := appMetadata()
	fyneapp.SetMetadata(meta)
	fa := fyneapp.NewWithID(meta.ID)
	icon := fyne.NewStaticResource("icon.png", assets.IconPNG())
	fa.SetIcon(icon)
	a.SetNotifier(ui.Notifier{App: fa})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	a.Engine.Start(ctx)
	w := ui.NewMainWindow(fa, desktopDeps(a, icon, meta))
	defer w.Close()
	if d.Demo {
		fa.Lifecycle().SetOnStarted(w.ConnectDemo)
	}
	quitOnSignal(w)
	w.Window.ShowAndRun()
	return cli.ExitOK
}

// desktopDeps is what the window gets from the opened app: the consumer key
// ($SFSYNC_CLIENT_ID or the one built in with -ldflags -X, app.ClientID),
// the Salesforce CLI's orgs, the version for About.
func desktopDeps(a *app.App, icon fyne.Resource, meta fyne.AppMetadata) ui.Deps {
	key, builtIn := app.ClientID()
	return ui.Deps{
		Engine:          a.Engine,
		Store:           a.Store,
		Icon:            icon,
		ClientID:        key,
		ClientIDBuiltIn: builtIn,
		CLIOrgs:         app.CLIOrgs,
		Version:         fmt.Sprintf("%s (build %d)", meta.Version, meta.Build),
		Logger:          a.Logger,
	}
}

// appMetadata is FyneApp.toml's (embedded by the module root), so About and
// notifications name this version whatever built the binary.
func appMetadata() fyne.AppMetadata {
	meta, err := sfsync.Metadata()
	if err != nil {
		log.Printf("sfsync: %v", err)
		meta = fyne.AppMetadata{ID: "io.github.sfsync", Name: "sfsync", Migrations: map[string]bool{"fyneDo": true}}
	}
	return meta
}

// quitOnSignal quits like the menu's Quit on SIGTERM (logout, shutdown,
// kill) and SIGINT, so the store is closed cleanly.
func quitOnSignal(w *ui.MainWindow) {
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGTERM, os.Interrupt)
	go func() {
		s := <-sig
		log.Printf("sfsync: %v: quitting", s)
		fyne.Do(w.Quit)
	}()
}
