package engine

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/sfsync/sfsync/core/fields"
	"github.com/sfsync/sfsync/core/salesforce"
	"github.com/sfsync/sfsync/core/secrets"
	"github.com/sfsync/sfsync/core/store"
)

// Status is the source's badge, worded as the Data Sources page shows it.
type Status string

// The statuses of the help pages.
const (
	StatusNotConnected Status = "Not connected"
	StatusConfiguring  Status = "Configuring…" // OAuth and permission checks
	StatusSettingUp    Status = "Setting up…"  // a first (full) sync is running or unfinished
	StatusActive       Status = "Active"
	StatusNotSyncing   Status = "Not syncing" // paused by the person
	StatusError        Status = "Error"       // Detail says why and what to do
	// StatusPausedQuota: the org's API usage reached the threshold, a sync
	// used its per-run cap, or Salesforce refused a request for the daily
	// limit. One name for that state wherever it shows (badge, history,
	// notification); Detail says when syncing resumes.
	StatusPausedQuota Status = "Paused: API quota"
)

// Objects are the synced objects in sync order (fields.Objects).
var Objects = fields.Objects

// Frequencies are the update frequencies the person can choose.
var Frequencies = []time.Duration{30 * time.Minute, time.Hour, 2 * time.Hour, 4 * time.Hour,
	6 * time.Hour, 12 * time.Hour, 24 * time.Hour}

// EventKind says what an Event reports.
type EventKind int

// Event kinds. StatusChanged, RunFinished and Error are never dropped;
// Progress and QuotaChanged are coalesced when the reader is slow.
const (
	EventStatusChanged EventKind = iota + 1
	EventProgress
	EventRunFinished
	EventError
	EventQuotaChanged
)

func (k EventKind) String() string {
	switch k {
	case EventStatusChanged:
		return "StatusChanged"
	case EventProgress:
		return "Progress"
	case EventRunFinished:
		return "RunFinished"
	case EventError:
		return "Error"
	case EventQuotaChanged:
		return "QuotaChanged"
	}
	return "EventKind(?)"
}

// Event is one notification from the engine. State is always the state at
// the time of the event.
type Event struct {
	Kind     EventKind
	State    State
	Progress Progress   // EventProgress
	Run      *store.Run // EventRunFinished
	Err      error      // EventError (also on a failed RunFinished)
}

// State is a snapshot of the source for display.
type State struct {
	Status Status
	// Detail is one clear sentence; for StatusError it says what happened
	// and what to do next. It may also carry a notice while Active (e.g. a
	// field dropped after it was deleted in Salesforce).
	Detail                   string
	OrgID, OrgName, UserName string
	InstanceURL              string
	LastSync, NextSync       time.Time // zero when unknown / not scheduled
	Counts                   map[string]int
	Quota                    salesforce.Quota // last known usage (header or /limits), also from an earlier process
	QuotaThreshold, RunCap   float64          // percent of the daily maximum
	Frequency                time.Duration
	Enabled                  bool
	NeedsReauth              bool
	// ReauthReason is why the sign-in no longer works, without what to do
	// (Detail says the window's way): each face adds its own.
	ReauthReason string
	Running      bool
	Progress     Progress // of the running sync
	Selection    map[string][]string
	LastError    string // the last error in full, kept after recovery
	// ObjectErrors says, per object, why the last run did not sync it while
	// it synced the others (nil when every object synced).
	ObjectErrors                   map[string]string
	DroppedFields                  []string
	FirstSyncDone                  bool
	SetupObjectsDone, SetupObjects int

	// FirstSyncHeld: connected with HoldFirstSync, waiting for SyncNow.
	FirstSyncHeld bool
	// CLIOrg is set when the session is the Salesforce CLI's (EnvSFCLI):
	// its alias or username of the org. sfsync stores no token then.
	CLIOrg string
	// UsersNote is set when the signed-in user lacks View All Users: one
	// sentence naming the lookups that may show Ids (Users outside its
	// sharing are never synced).
	UsersNote string

	// FormulaRefresh and SweepEvery are how often formula values are read
	// again and purged records are swept out (store.Never: off).
	FormulaRefresh, SweepEvery time.Duration
}

// Progress is how far the running sync is, for one object and overall.
type Progress struct {
	Object         string
	FirstSync      bool // Bulk full sync of Object (else incremental)
	Done           int64
	Estimated      int64 // 0 when unknown
	TotalDone      int64
	TotalEstimated int64
	// Skipped counts Object's rows read in this run that Salesforce had
	// deleted (queryAll returns them, IsDeleted) and the store did not
	// hold: read, so in Done, but not stored.
	Skipped int64
}

// Notifier shows a desktop notification.
type Notifier interface {
	Notify(title, body string)
}

// RefreshTokenKey is the account of the source's refresh token in Secrets
// (the OS keyring in the app, secrets.Memory in tests).
const RefreshTokenKey = "salesforce-refresh-token"

// AccessTokenKey is the account in Secrets of the access token of a session
// made with ConnectWithToken (there is no refresh token then): kept so a
// later process (e.g. `sfsync sync --once` after `sfsync connect
// --access-token`) can use the session until the token expires.
const AccessTokenKey = "salesforce-access-token"

// DefaultBulkThreshold is the row count above which an object is read with
// a Bulk job rather than REST pages. REST query pages hold up to 2,000 rows and the
// first page rides in the run's one composite call, so 10,000 rows cost 4
// more calls; a Bulk job costs at least 4 (create, 2 status polls in the
// simulator and more in real orgs, delete) plus one per results page, and
// waits for Salesforce to run it. Up to here REST is never dearer in calls
// and never waits for a job.
const DefaultBulkThreshold = 10_000

// DefaultJobTimeout is how long a Bulk job may take before it is aborted.
// Salesforce runs a Bulk query for at most 2 minutes
// and spends at most 10 minutes fetching its results per attempt (Bulk API
// Developer Guide, "How Bulk Queries Are Processed"); 30 minutes is two
// such attempts and queueing beyond, and the shortest update frequency, so
// a job that hangs (airbytehq/airbyte#17148) delays its object by one
// period at most while the others sync.
const DefaultJobTimeout = 30 * time.Minute

// Config builds an Engine. Store and Secrets are required.
type Config struct {
	Store    *store.Store
	Secrets  secrets.Store
	Notifier Notifier // nil: no desktop notifications
	// HTTPClient carries every Salesforce request (nil: default transport).
	HTTPClient *http.Client
	// OpenURL opens the authorize page in the system browser (nil: the
	// salesforce package's default, pkg/browser).
	OpenURL func(string) error
	// Now and After are the engine's clock: every time it reads and every
	// wait (the scheduler, the quota recheck, Bulk job polls, retry
	// backoffs) goes through them (nil: time.Now, time.After). Tests may
	// run the engine under testing/synctest instead.
	Now   func() time.Time
	After func(time.Duration) <-chan time.Time
	// Lookback is subtracted from the server time a run started at to make
	// the next bookmark, so records that commit late are not skipped
	// (default 5 minutes).
	Lookback time.Duration
	// BulkThreshold: an object with more rows to read than this (its
	// COUNT() before a first sync, the totalSize of its query otherwise)
	// is read with a Bulk job instead of REST query pages (default
	// DefaultBulkThreshold).
	BulkThreshold int
	// JobTimeout is how long after its creation a Bulk job may stay
	// unfinished before the run aborts it and the next run starts a new
	// one (default DefaultJobTimeout).
	JobTimeout time.Duration
	// DefaultSelection is stored on the first connect, checked against the
	// org's fields (nil: the Recommended preset of assets/presets.json).
	DefaultSelection map[string][]string
	// Retry and Poll tune the Salesforce client (zero: its defaults).
	Retry salesforce.RetryPolicy
	Poll  salesforce.PollPolicy
	// LoginTimeout bounds the wait for the browser callback (0: 5 min).
	LoginTimeout time.Duration
	// CLISession asks the Salesforce CLI for a current session of
	// targetOrg (core/sfcli via core/app): the access token and instance
	// URL, its error matching salesforce.ErrReauthorize when the CLI has no
	// working session for the org. nil: EnvSFCLI is not available.
	CLISession func(ctx context.Context, targetOrg string) (salesforce.Token, error)
	Logger     *slog.Logger // nil: discard
	// NoSession restores the source's status from the store alone: New
	// reads no secret (Secrets is not called, so no keyring or D-Bus is
	// opened) and makes no session, for commands that only read the local
	// store (status, runs, fields, export). Calls that need Salesforce
	// return ErrNotConnected.
	NoSession bool
}

// Env is where Connect signs in.
type Env = store.LoginHost

// The login environments.
const (
	EnvProduction = store.LoginProduction // login.salesforce.com
	EnvSandbox    = store.LoginSandbox    // test.salesforce.com
	EnvMyDomain   = store.LoginMyDomain   // LoginURL is the org's My Domain
	EnvCustom     = store.LoginDemo       // LoginURL is any allowed login host, e.g. the simulator
	EnvSFCLI      = store.LoginSFCLI      // TargetOrg is an org the Salesforce CLI is logged in to
)

// ConnectOptions say how Connect signs in.
type ConnectOptions struct {
	Env      Env
	LoginURL string // EnvMyDomain / EnvCustom
	ClientID string // consumer key of the External Client App
	// CallbackPort is the loopback redirect port registered on the app
	// (0: 1717, salesforce.DefaultRedirectPort; -1: any free port).
	CallbackPort int
	// TargetOrg is the Salesforce CLI's alias or username of the org
	// (EnvSFCLI): no browser sign-in, the CLI's session is used.
	TargetOrg string
	// HoldFirstSync keeps a source that has no synced data in Configuring…
	// after Connect (State.FirstSyncHeld) instead of starting the first full
	// sync at once, so the person can see its estimate first. SyncNow or
	// RunOnce starts it. A restart does not keep the hold.
	HoldFirstSync bool
}

// Estimate is what a first sync will cost, from one composite call of
// COUNT() queries.
type Estimate struct {
	Records      map[string]int64 // per object, soft-deleted rows included
	TotalRecords int64
	APICalls     int64 // estimated calls of the first sync
	Quota        salesforce.Quota
	// ShareOfRemaining is APICalls / remaining daily requests (0..1+).
	ShareOfRemaining float64
}
