// Command sfsync keeps a local copy of a Salesforce org's records. With no
// subcommand it opens the desktop app (`sfsync --demo` opens it and starts
// connecting the built-in Demo org); `sfsync help` lists the headless
// commands (connect, status, fields, sync, export, runs, disconnect).
package main

import (
	"bytes"
	"context"
	"io"
	"log"
	"os"
	"os/signal"
	"syscall"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"github.com/sfsync/sfsync/assets"
	"github.com/sfsync/sfsync/core/cli"
	"github.com/sfsync/sfsync/ui"
)

func main() {
	args, demo := takeDemoFlag(os.Args[1:])
	var stderr bytes.Buffer
	code := cli.Main(args, os.Stdout, io.MultiWriter(os.Stderr, &stderr), func(env *cli.Env) int {
		return startDesktop(env, demo)
	})
	if code == cli.ExitRunning && isDesktop(args) {
		// Double-clicked while sfsync runs: stderr is invisible, say it in a window.
		showAlreadyRunning(stderr.String())
	}
	os.Exit(code)
}

// startDesktop runs the window on the opened data directory until the person
// quits (menu, tray, SIGTERM/SIGINT); the engine keeps syncing while the
// window is hidden in the tray.
func startDesktop(env *cli.Env, demo bool) int {
	a := app.NewWithID("io.github.sfsync")
	icon := fyne.NewStaticResource("icon.png", assets.IconPNG())
	a.SetIcon(icon)
	env.SetNotifier(ui.Notifier{App: a})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// Before the scheduler starts: no sync may try a Demo org that ended
	// with the previous run.
	if ended, err := ui.EndStaleDemo(ctx, env.Engine, env.Store); err != nil {
		env.Logger.Warn("end the previous run's Demo org", "err", err)
	} else if ended {
		env.Logger.Info("the previous run's Demo org ended with it; signed out, records kept")
	}
	env.Engine.Start(ctx)
	w := ui.NewMainWindow(a, ui.Deps{
		Engine:   env.Engine,
		Store:    env.Store,
		Icon:     icon,
		ClientID: os.Getenv(cli.ClientIDEnv),
		Logger:   env.Logger,
	})
	defer w.Close()
	if demo {
		a.Lifecycle().SetOnStarted(w.ConnectDemo)
	}
	quitOnSignal(w)
	w.Window.ShowAndRun()
	return cli.ExitOK
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
