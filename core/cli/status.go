package cli

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/sfsync/sfsync/core/app"
	"github.com/sfsync/sfsync/core/demo"
	"github.com/sfsync/sfsync/core/engine"
	"github.com/sfsync/sfsync/core/fields"
	"github.com/sfsync/sfsync/core/format"
	"github.com/sfsync/sfsync/core/salesforce"
	"github.com/sfsync/sfsync/core/wording"
)

func newStatus(g *global) *cobra.Command {
	return &cobra.Command{
		Use:   "status",
		Short: "Show the source's status, record counts and API usage",
		Long: `Show the source's status badge and detail, the last and next sync, the
records per object and the API usage. It reads only the local store: no
network call, no keyring. API usage is shown when a sync has seen it.`,
		Example: `  sfsync status
  sfsync status --json | jq .result.counts`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			a, err := g.open(appOptions{})
			if err != nil {
				return err
			}
			defer a.Close()
			s := statusOf(a)
			g.out(s, func(w io.Writer) { printStatus(w, s) })
			return nil
		},
	}
}

// statusOf is the app's state as the CLI shows it. The next sync is
// derived from the last one when no scheduler runs in this process.
func statusOf(a *app.App) StatusResult {
	st := a.State()
	s := StatusResult{
		Status: string(st.Status), Detail: st.Detail, DataDir: a.DataDir,
		OrgID: st.OrgID, OrgName: st.OrgName, User: st.UserName, InstanceURL: st.InstanceURL,
		Enabled: st.Enabled, FrequencyMin: st.Frequency.Minutes(), FirstSyncDone: st.FirstSyncDone,
		NeedsReauth: st.NeedsReauth, Counts: st.Counts, QuotaThreshold: st.QuotaThreshold, RunCap: st.RunCap,
		LastError: st.LastError, DroppedFields: st.DroppedFields, SFOrg: st.CLIOrg, UsersNote: st.UsersNote,
		formulaRefresh: st.FormulaRefresh, sweep: st.SweepEvery,
	}
	s.LastSync = timePtr(st.LastSync)
	s.NextSync = timePtr(st.NextSync)
	if s.NextSync == nil && st.Status == engine.StatusActive && st.Enabled && !st.LastSync.IsZero() {
		s.NextSync = timePtr(st.LastSync.Add(st.Frequency))
	}
	if st.Quota.Max > 0 {
		used, max := st.Quota.Used, st.Quota.Max
		s.QuotaUsed, s.QuotaMax, s.QuotaAt = &used, &max, timePtr(st.Quota.At)
	}
	return s
}

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

func printStatus(w io.Writer, s StatusResult) {
	fmt.Fprintf(w, "Salesforce: %s\n", s.Status)
	if s.Detail == demo.EndedDetail {
		fmt.Fprintf(w, "  %s\n", demo.EndedDetailCLI)
	} else if s.Detail != "" {
		fmt.Fprintf(w, "  %s\n", s.Detail)
	}
	if s.OrgID != "" {
		signed := "signed in as"
		if s.Status == string(engine.StatusNotConnected) { // disconnected, or a Demo org that ended: records kept
			signed = "last signed in as"
		}
		fmt.Fprintf(w, "Org:         %s (%s), %s %s\n", s.OrgName, s.OrgID, signed, s.User)
	}
	if s.SFOrg != "" && s.OrgID != "" {
		fmt.Fprintf(w, "Sign-in:     %s\n", wording.CLISession(s.SFOrg))
	}
	fmt.Fprintf(w, "Data:        %s\n", s.DataDir)
	fmt.Fprintf(w, "Last sync:   %s\n", when(s.LastSync, "never"))
	next := when(s.NextSync, "not scheduled")
	if s.NextSync != nil {
		every := strings.ToLower(wording.Period(time.Duration(s.FrequencyMin * float64(time.Minute))))
		next += " (" + every + ", while `sfsync sync` or the app runs)"
	}
	fmt.Fprintf(w, "Next sync:   %s\n", next)
	var counts []string
	for _, obj := range fields.InSyncOrder(s.Counts) {
		counts = append(counts, fmt.Sprintf("%s %s", obj, format.Thousands(int64(s.Counts[obj]))))
	}
	fmt.Fprintf(w, "Records:     %s\n", strings.Join(counts, ", "))
	fmt.Fprintf(w, "%s\n", usageLine(s))
	if s.OrgID != "" {
		fmt.Fprintf(w, "%s (change with `sfsync settings`)\n", wording.Refreshes(s.formulaRefresh, s.sweep))
	}
	if s.LastError != "" && s.LastError != s.Detail {
		fmt.Fprintf(w, "Last error:  %s\n", s.LastError)
	}
	if s.UsersNote != "" {
		fmt.Fprintf(w, "Lookups:     %s\n", s.UsersNote)
	}
	if len(s.DroppedFields) > 0 {
		fmt.Fprintf(w, "Dropped:     %s (deleted in Salesforce)\n", strings.Join(s.DroppedFields, ", "))
	}
}

// usageLine is the API usage and, since the figure may be an earlier
// process's, when Salesforce reported it.
func usageLine(s StatusResult) string {
	if s.QuotaUsed == nil {
		return wording.QuotaUsage(salesforce.Quota{}, s.QuotaThreshold)
	}
	line := wording.QuotaUsage(salesforce.Quota{Used: *s.QuotaUsed, Max: *s.QuotaMax}, s.QuotaThreshold)
	if s.QuotaAt != nil {
		line += " · as of " + when(s.QuotaAt, "")
	}
	return line
}

func when(t *time.Time, none string) string {
	if t == nil {
		return none
	}
	local := t.Local()
	d := time.Until(local).Round(time.Minute)
	switch {
	case d < 0:
		return fmt.Sprintf("%s (%s ago)", local.Format("2006-01-02 15:04"), wording.About(-d))
	case d == 0:
		return local.Format("2006-01-02 15:04") + " (now)"
	}
	return fmt.Sprintf("%s (in %s)", local.Format("2006-01-02 15:04"), wording.About(d))
}
