package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"syscall"
	"time"

	"github.com/sfsync/sfsync/core/demo"
	"github.com/sfsync/sfsync/core/engine"
	"github.com/sfsync/sfsync/core/secrets"
	"github.com/sfsync/sfsync/core/store"
)

// LogFileName is the log inside the data directory. It never holds tokens:
// the engine and client keep them out of errors and logs.
const LogFileName = "sfsync.log"

// maxLogSize: a larger log is started afresh when an App opens.
const maxLogSize = 5 << 20

// demoTimeout bounds ending a Demo org (a store write and keyring deletes).
const demoTimeout = 10 * time.Second

// Options say how to open the App. The zero value opens the default data
// directory without the keyring.
type Options struct {
	// DataDir is the data directory ("": $SFSYNC_DATA_DIR, else the OS
	// user-data directory + /sfsync).
	DataDir string
	// Keyring opens the OS keyring, scoped to the data directory, so the
	// engine restores the stored sign-in. Without it no secret is read or
	// written (engine.Config.NoSession): for commands that only read the
	// local store.
	Keyring bool
	// Secrets replaces the OS keyring (tests); used only with Keyring.
	Secrets secrets.Store
	// OpenURL opens the sign-in page (nil: the system browser).
	OpenURL func(string) error
	// HTTPClient carries Salesforce requests (nil: the default transport).
	HTTPClient *http.Client
	// Verbose, when set, also receives every log line (the CLI's -v).
	Verbose io.Writer
	// Tune adjusts the engine's configuration last (tests speed up retries).
	Tune func(*engine.Config)
}

// App is an opened data directory with everything both faces need.
type App struct {
	DataDir string
	Store   *store.Store
	// Secrets is the keyring scoped to DataDir; nil when opened without
	// Options.Keyring.
	Secrets secrets.Store
	Engine  *engine.Engine
	Logger  *slog.Logger

	notifier *switchNotifier
	logFile  *os.File
}

// Open opens the data directory. A directory held by another sfsync gives
// an error matching store.ErrAlreadyRunning (a *store.AlreadyRunningError).
func Open(opts Options) (*App, error) {
	dir, err := dataDir(opts.DataDir)
	if err != nil {
		return nil, err
	}
	// The log opens first, so what the store tells while it opens (a data
	// directory tightened to 0700, damage) is in sfsync.log, not on stderr.
	// A new directory is made 0700, as store.Open would make it.
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, &DataDirError{Dir: dir, Err: err}
	}
	a := &App{DataDir: dir, notifier: &switchNotifier{}}
	a.Logger, a.logFile = openLog(dir, opts.Verbose)
	st, err := store.Open(dir, store.Options{Logger: a.Logger})
	if err != nil {
		if a.logFile != nil {
			a.logFile.Close()
		}
		return nil, dataDirError(dir, err)
	}
	a.Store = st
	cfg := engine.Config{Store: st, Secrets: noKeyring{}, NoSession: true, Notifier: a.notifier,
		Logger: a.Logger, HTTPClient: opts.HTTPClient, OpenURL: opts.OpenURL, CLISession: CLISession}
	if opts.Keyring {
		inner := opts.Secrets
		if inner == nil {
			inner = secrets.NewKeyring("", 0)
		}
		a.Secrets = Scoped(inner, dir)
		cfg.Secrets, cfg.NoSession = a.Secrets, false
	}
	if opts.Tune != nil {
		opts.Tune(&cfg)
	}
	if a.Engine, err = engine.New(cfg); err != nil {
		a.closeFiles()
		return nil, fmt.Errorf("start the sync engine: %w", err)
	}
	if opts.Keyring {
		a.endDemo("the previous run's Demo org ended with it; signed out, records kept")
	}
	return a, nil
}

// DataDirError is a data directory sfsync cannot create, lock or open: a
// file in the way, no permission, a read-only disk (wording.DataDir says
// it). It unwraps to the cause (fs.ErrPermission, syscall.ENOTDIR, …).
type DataDirError struct {
	Dir string
	Err error
}

func (e *DataDirError) Error() string { return "data directory " + e.Dir + ": " + e.Err.Error() }
func (e *DataDirError) Unwrap() error { return e.Err }

// dataDirError marks the store's failures that are the directory's:
// another sfsync holding it and a damaged store have their own sentences.
func dataDirError(dir string, err error) error {
	if errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.ENOTDIR) || errors.Is(err, syscall.EROFS) {
		return &DataDirError{Dir: dir, Err: err}
	}
	return err
}

// dataDir resolves the data directory to an absolute path.
func dataDir(dir string) (string, error) {
	if dir == "" {
		d, err := store.DefaultDir()
		if err != nil {
			return "", err
		}
		dir = d
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("data directory %s: %w", dir, err)
	}
	return abs, nil
}

// endDemo signs out of a Demo org stored as the source: it lives only in the
// process that holds the data directory (see demo.End).
func (a *App) endDemo(logLine string) {
	ctx, cancel := context.WithTimeout(context.Background(), demoTimeout)
	defer cancel()
	if ended, err := demo.End(ctx, a.Engine, a.Store); err != nil {
		a.Logger.Warn("end the Demo org", "err", err)
	} else if ended {
		a.Logger.Info(logLine)
	}
}

// State is the engine's state as the faces show it. Opened without the
// keyring, a stored Demo org shows as ended: no process serves it (this one
// holds the data directory), but only a keyring-opening App can sign out.
func (a *App) State() engine.State {
	st := a.Engine.State()
	if a.Secrets != nil {
		return st
	}
	if set, found, err := a.Store.Settings(); err == nil && found && demo.IsDemo(set) {
		st.Status, st.Detail, st.NeedsReauth = engine.StatusNotConnected, demo.EndedDetail, false
	}
	return st
}

// Close ends the Demo org this process served (the source then shows Not
// connected, records kept), stops the engine (a running sync resumes from
// its last committed page next time) and releases the store.
func (a *App) Close() error {
	if a.Secrets != nil {
		a.endDemo("the Demo org ended with sfsync; signed out, records kept")
	}
	a.Engine.Close()
	return a.closeFiles()
}

func (a *App) closeFiles() error {
	err := a.Store.Close()
	if a.logFile != nil {
		a.logFile.Close()
	}
	return err
}
