package ui

import (
	"context"
	"log/slog"
	"time"

	"fyne.io/fyne/v2"

	"github.com/sfsync/sfsync/core/demo"
	"github.com/sfsync/sfsync/core/engine"
	"github.com/sfsync/sfsync/core/sfcli"
	"github.com/sfsync/sfsync/core/store"
)

// Engine is what the screens ask of the sync engine; *engine.Engine is the
// real one, tests may use it or a stand-in.
type Engine interface {
	State() engine.State
	Events() <-chan engine.Event
	Connect(ctx context.Context, opts engine.ConnectOptions) error
	EstimateFirstSync(ctx context.Context) (engine.Estimate, error)
	SetEnabled(on bool) error
	SetFrequency(d time.Duration) error
	SetQuotaThreshold(pct float64) error
	SetRunCap(pct float64) error
	SetFormulaRefresh(d time.Duration) error
	SetSweepEvery(d time.Duration) error
	SaveFields(sel map[string][]string) error
	Selection() map[string][]string
	SyncNow()
	Reauthorize(ctx context.Context) error
	Disconnect(ctx context.Context, keepData bool) error
	Forget(ctx context.Context, detail string) error
	History(limit int) ([]store.Run, error)
}

var _ Engine = (*engine.Engine)(nil)

// RecordStore is the part of the store the Records model reads.
type RecordStore interface {
	Scan(object string, fn func(*store.Record) bool) error
	Count(object string) (int, error)
	Columns(object string) ([]string, error)
}

var _ RecordStore = (*store.Store)(nil)

// Deps is what the main window needs. Engine and Store are required.
type Deps struct {
	Engine Engine
	Store  *store.Store  // records, describes (field catalog) and export
	Icon   fyne.Resource // nil: Fyne's default
	// ClientID is the consumer key proposed on the Connect screen
	// (SFSYNC_CLIENT_ID, or the key built into this sfsync: app.ClientID);
	// the person can change it there.
	ClientID string
	// ClientIDBuiltIn: ClientID is built in, so Connect signs in without
	// asking for a key (the key form stays under Advanced).
	ClientIDBuiltIn bool
	// CLIOrgs lists the orgs the Salesforce CLI is logged in to (nil: the
	// Connect screen does not offer the CLI; the app passes app.CLIOrgs).
	CLIOrgs func(context.Context) ([]sfcli.Org, error)
	// OpenURL opens a web page (nil: the app's OpenURL).
	OpenURL func(string) error
	// Version is sfsync's version for About (FyneApp.toml).
	Version string
	// StartDemo starts the Demo org (nil: demo.Start with demo.Seed).
	StartDemo func() (*demo.Org, error)
	// Quit ends the app (nil: fyne.App.Quit).
	Quit func()
	// Logger receives the window's few log lines (nil: none).
	Logger *slog.Logger
	// ClockEvery is how often the Data Sources card rewrites its relative
	// times ("5 min ago"); 0: every minute.
	ClockEvery time.Duration
	// HasTray reports whether the desktop shows tray icons (nil:
	// SystemTrayAvailable). Without a tray, closing the window quits.
	HasTray func() bool
}
