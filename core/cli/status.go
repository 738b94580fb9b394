package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/sfsync/sfsync/core/engine"
	"github.com/sfsync/sfsync/core/format"
)

// statusJSON is `status --json`.
type statusJSON struct {
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
	QuotaUsed      *int64         `json:"quota_used"` // null: not seen by this process
	QuotaMax       *int64         `json:"quota_max"`
	QuotaThreshold float64        `json:"quota_threshold_percent"`
	RunCap         float64        `json:"run_cap_percent"`
	LastError      string         `json:"last_error,omitempty"`
	DroppedFields  []string       `json:"dropped_fields,omitempty"`
}

func runStatus(c *cmdContext, args []string) int {
	fs := c.newFlags("status", "[--json]", "Show the source's status badge and detail, the last and next sync, records per object and API usage.\n"+
		"It makes no network call: API usage is shown when this process has seen it.")
	asJSON := fs.Bool("json", false, "print one JSON object")
	if code, ok := c.parseNoArgs(fs, args); !ok {
		return code
	}
	env, code := c.openEnv(envOptions{})
	if env == nil {
		return code
	}
	defer env.Close()
	s := env.status()
	if *asJSON {
		enc := json.NewEncoder(c.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(s); err != nil {
			return c.fail(ExitFailed, "write status: %v.", err)
		}
		return ExitOK
	}
	printStatus(c.stdout, s)
	return ExitOK
}

// status is the engine's state as the CLI shows it. The next sync is
// derived from the last one when no scheduler runs in this process.
func (e *Env) status() statusJSON {
	st := e.Engine.State()
	s := statusJSON{
		Status: string(st.Status), Detail: st.Detail, DataDir: e.DataDir,
		OrgID: st.OrgID, OrgName: st.OrgName, User: st.UserName, InstanceURL: st.InstanceURL,
		Enabled: st.Enabled, FrequencyMin: st.Frequency.Minutes(), FirstSyncDone: st.FirstSyncDone,
		NeedsReauth: st.NeedsReauth, Counts: st.Counts, QuotaThreshold: st.QuotaThreshold, RunCap: st.RunCap,
		LastError: st.LastError, DroppedFields: st.DroppedFields,
	}
	if !st.LastSync.IsZero() {
		t := st.LastSync
		s.LastSync = &t
	}
	switch {
	case !st.NextSync.IsZero():
		t := st.NextSync
		s.NextSync = &t
	case s.Status == string(engine.StatusActive) && st.Enabled && !st.LastSync.IsZero():
		t := st.LastSync.Add(st.Frequency)
		s.NextSync = &t
	}
	if st.Quota.Max > 0 {
		used, max := st.Quota.Used, st.Quota.Max
		s.QuotaUsed, s.QuotaMax = &used, &max
	}
	return s
}

func printStatus(w io.Writer, s statusJSON) {
	fmt.Fprintf(w, "Salesforce: %s\n", s.Status)
	if s.Detail != "" {
		fmt.Fprintf(w, "  %s\n", s.Detail)
	}
	if s.OrgID != "" {
		fmt.Fprintf(w, "Org:         %s (%s), signed in as %s\n", s.OrgName, s.OrgID, s.User)
	}
	fmt.Fprintf(w, "Data:        %s\n", s.DataDir)
	fmt.Fprintf(w, "Last sync:   %s\n", when(s.LastSync, "never"))
	next := when(s.NextSync, "not scheduled")
	if s.NextSync != nil {
		next += fmt.Sprintf(" (every %s, while `sfsync sync` or the app runs)", time.Duration(s.FrequencyMin*float64(time.Minute)))
	}
	fmt.Fprintf(w, "Next sync:   %s\n", next)
	var counts []string
	for _, obj := range orderedObjects(s.Counts) {
		counts = append(counts, fmt.Sprintf("%s %s", obj, format.Thousands(int64(s.Counts[obj]))))
	}
	fmt.Fprintf(w, "Records:     %s\n", strings.Join(counts, ", "))
	usage := "not known yet (it is read from Salesforce's answers during a sync)"
	if s.QuotaUsed != nil {
		usage = fmt.Sprintf("%s of %s daily API requests", format.Thousands(*s.QuotaUsed), format.Thousands(*s.QuotaMax))
	}
	fmt.Fprintf(w, "API usage:   %s; syncing pauses at %s\n", usage, format.Percent(s.QuotaThreshold))
	if s.LastError != "" && s.LastError != s.Detail {
		fmt.Fprintf(w, "Last error:  %s\n", s.LastError)
	}
	if len(s.DroppedFields) > 0 {
		fmt.Fprintf(w, "Dropped:     %s (deleted in Salesforce)\n", strings.Join(s.DroppedFields, ", "))
	}
}

func when(t *time.Time, none string) string {
	if t == nil {
		return none
	}
	local := t.Local()
	d := time.Until(local).Round(time.Minute)
	switch {
	case d < 0:
		return fmt.Sprintf("%s (%s ago)", local.Format("2006-01-02 15:04"), -d)
	case d == 0:
		return local.Format("2006-01-02 15:04") + " (now)"
	}
	return fmt.Sprintf("%s (in %s)", local.Format("2006-01-02 15:04"), d)
}
