package cli

import (
	"github.com/sfsync/sfsync/core/wording"
	"time"

	"github.com/sfsync/sfsync/core/store"
)

// The --json results, one type per command (the "result" of the document).

// StatusResult is `status`.
type StatusResult struct {
	Status         string         `json:"status"`
	Detail         string         `json:"detail,omitempty"`
	DataDir        string         `json:"data_dir"`
	OrgID          string         `json:"org_id,omitempty"`
	OrgName        string         `json:"org_name,omitempty"`
	User           string         `json:"user,omitempty"`
	InstanceURL    string         `json:"instance_url,omitempty"`
	Enabled        bool           `json:"enabled"`
	FrequencyMin   float64        `json:"frequency_minutes"`
	LastSync       *time.Time     `json:"last_sync"`
	NextSync       *time.Time     `json:"next_sync"`
	FirstSyncDone  bool           `json:"first_sync_done"`
	NeedsReauth    bool           `json:"needs_reauth"`
	Counts         map[string]int `json:"counts"`
	QuotaUsed      *int64         `json:"quota_used"` // null: not known (no sync has seen it)
	QuotaMax       *int64         `json:"quota_max"`
	QuotaAt        *time.Time     `json:"quota_at"` // when Salesforce reported quota_used; null: not known
	QuotaThreshold float64        `json:"quota_threshold_percent"`
	RunCap         float64        `json:"run_cap_percent"`
	LastError      string         `json:"last_error,omitempty"`
	DroppedFields  []string       `json:"dropped_fields,omitempty"`
	SFOrg          string         `json:"sf_org,omitempty"`     // signed in through the Salesforce CLI: no token stored
	UsersNote      string         `json:"users_note,omitempty"` // the user lacks View All Users: which lookups may show Ids

	formulaRefresh, sweep time.Duration // for the text
}

// SettingsResult is `settings`.
type SettingsResult struct {
	Enabled        bool    `json:"enabled"`
	FrequencyMin   float64 `json:"frequency_minutes"`
	QuotaThreshold float64 `json:"quota_threshold_percent"`
	RunCap         float64 `json:"run_cap_percent"`
	// FormulaRefreshHours and SweepHours are null when turned off (never).
	FormulaRefreshHours *float64 `json:"formula_refresh_hours"`
	SweepHours          *float64 `json:"sweep_hours"`

	frequency, formulaRefresh, sweep time.Duration // for the text
}

// RunResult is one run of the sync history.
type RunResult struct {
	Seq      uint64          `json:"seq"`
	Start    time.Time       `json:"start"`
	End      *time.Time      `json:"end"` // null while running (or killed)
	Result   store.RunResult `json:"result"`
	APICalls int             `json:"api_calls"`
	// RefreshCalls is the part of APICalls the refresh of formula values
	// and purged records spent.
	RefreshCalls int                     `json:"refresh_calls"`
	Objects      map[string]CountsResult `json:"objects"`
	Error        string                  `json:"error,omitempty"`
}

// CountsResult is one object's changes in a run (wording.ChangesLegend
// says what each count is).
type CountsResult struct {
	Added       int `json:"added"`
	Updated     int `json:"updated"`
	Deleted     int `json:"deleted"`
	Reread      int `json:"reread"`      // read again after the field selection widened
	Purged      int `json:"purged"`      // gone from the org (hard-deleted, or hidden), removed by the sweep
	Refreshed   int `json:"refreshed"`   // formula values changed by the formula refresh
	Quarantined int `json:"quarantined"` // rows skipped: their Id was not a Salesforce record Id
}

// RunsResult is `runs`, newest first.
type RunsResult struct {
	Runs []RunResult `json:"runs"`
}

// SyncResult is `sync`: the runs this command made.
type SyncResult struct {
	Runs []RunResult `json:"runs"`
}

// EstimateResult is the first sync's estimate.
type EstimateResult struct {
	Records      map[string]int64 `json:"records"`
	TotalRecords int64            `json:"total_records"`
	APICalls     int64            `json:"api_calls"`
	QuotaUsed    *int64           `json:"quota_used"` // null: not known
	QuotaMax     *int64           `json:"quota_max"`
	Text         string           `json:"text"`
}

// ConnectResult is `connect`.
type ConnectResult struct {
	OrgID       string          `json:"org_id"`
	OrgName     string          `json:"org_name"`
	User        string          `json:"user"`
	InstanceURL string          `json:"instance_url"`
	Demo        bool            `json:"demo"`
	SFOrg       string          `json:"sf_org,omitempty"`     // the Salesforce CLI's org: no token stored
	UsersNote   string          `json:"users_note,omitempty"` // the user lacks View All Users: which lookups may show Ids
	Estimate    *EstimateResult `json:"estimate"`             // null: done already, or not estimated
	FirstSync   *RunResult      `json:"first_sync"`           // null with --no-sync
}

// ExportResult is `export`.
type ExportResult struct {
	Object  string   `json:"object"`
	Rows    int64    `json:"rows"`
	Columns []string `json:"columns"`
	Out     string   `json:"out"` // the file, or "-" for stdout
}

// FieldsListResult is `fields list`.
type FieldsListResult struct {
	Objects []ObjectFieldsResult `json:"objects"`
}

// ObjectFieldsResult is one object's fields.
type ObjectFieldsResult struct {
	Object   string        `json:"object"`
	Label    string        `json:"label"`
	Selected int           `json:"selected"` // chosen fields, the always-synced ones aside
	Fields   []FieldResult `json:"fields"`
}

// FieldResult is one field and whether it is synced.
type FieldResult struct {
	Name  string `json:"name"`
	Label string `json:"label"`
	// State is selected, available, always (always synced) or unavailable
	// (Note says why).
	State string `json:"state"`
	Note  string `json:"note,omitempty"`
	// Formula marks a formula field: Salesforce recalculates it without
	// marking the record changed, so it is re-read on the formula refresh
	// schedule (Note says so).
	Formula bool `json:"formula,omitempty"`
}

// FieldsChangeResult is `fields select`, `deselect` and `preset`.
type FieldsChangeResult struct {
	Changes []FieldChangeResult `json:"changes"`
	Notes   []string            `json:"notes,omitempty"`
}

// FieldChangeResult is one object's change.
type FieldChangeResult struct {
	Object  string   `json:"object"`
	Added   []string `json:"added,omitempty"`
	Removed []string `json:"removed,omitempty"`
	Resync  bool     `json:"resync"` // synced again in full at the next sync
}

// PresetsResult is `fields presets`.
type PresetsResult struct {
	Presets []PresetResult `json:"presets"`
}

// PresetResult is one data preset.
type PresetResult struct {
	Name        string `json:"name"`
	Description string `json:"description"`
}

// DisconnectResult is `disconnect`.
type DisconnectResult struct {
	WasConnected bool   `json:"was_connected"`
	DataDeleted  bool   `json:"data_deleted"`
	DataDir      string `json:"data_dir"`
}

// RecoverResult is `recover`.
type RecoverResult struct {
	DataDir      string `json:"data_dir"`
	DamagedPath  string `json:"damaged_path"` // "": there was no store file
	SettingsKept bool   `json:"settings_kept"`
	Runs         int    `json:"runs_kept"`
}

// toRunResult converts a stored run.
func toRunResult(r store.Run) RunResult {
	out := RunResult{Seq: r.Seq, Start: r.Start, Result: r.Result, APICalls: r.APICalls, RefreshCalls: r.RefreshCalls,
		Error: r.Error, Objects: map[string]CountsResult{}}
	if !r.End.IsZero() {
		end := r.End
		out.End = &end
	}
	for obj, c := range r.Objects {
		out.Objects[obj] = CountsResult{Added: c.Added, Updated: c.Updated, Deleted: c.Deleted,
			Reread: c.Reread, Purged: c.Purged, Refreshed: c.Refreshed, Quarantined: c.Quarantined}
	}
	return out
}

// ExplainResult is `explain`: what sfsync found about the Id, and the
// sentence it says.
type ExplainResult struct {
	wording.Finding
	Sentence string `json:"sentence"`
}
