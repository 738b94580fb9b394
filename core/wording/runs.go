package wording

import (
	"fmt"
	"strings"
	"time"

	"github.com/sfsync/sfsync/core/fields"
	"github.com/sfsync/sfsync/core/format"
	"github.com/sfsync/sfsync/core/store"
)

// RunResult names a run's result as the history shows it.
func RunResult(r store.RunResult) string {
	switch r {
	case store.RunOK:
		return "Succeeded"
	case store.RunError:
		return "Failed"
	case store.RunStopped:
		return "Stopped"
	case store.RunRunning, "":
		return "Running"
	case store.RunInterrupted:
		return "Interrupted"
	}
	return "Failed (" + string(r) + ")"
}

// Changes is a run's record changes per object in sync order, as
// "Account +30,000 ~2 −1, User +50", or "no changes". Objects without a
// change are left out.
func Changes(m map[string]store.Counts) string {
	var parts []string
	for _, obj := range fields.InSyncOrder(m) {
		c := m[obj]
		if c.Added == 0 && c.Updated == 0 && c.Deleted == 0 {
			continue
		}
		parts = append(parts, fmt.Sprintf("%s +%s ~%s −%s", obj, format.Thousands(int64(c.Added)),
			format.Thousands(int64(c.Updated)), format.Thousands(int64(c.Deleted))))
	}
	if len(parts) == 0 {
		return "no changes"
	}
	return strings.Join(parts, ", ")
}

// RunSummary is one sentence about a finished run: how it ended, how long it
// took, what changed, its API calls and its error.
func RunSummary(run store.Run) string {
	var b strings.Builder
	switch run.Result {
	case store.RunOK:
		b.WriteString("Sync finished")
	case store.RunStopped:
		b.WriteString("Sync stopped")
	default:
		b.WriteString("Sync failed")
	}
	fmt.Fprintf(&b, " in %s: %s, %s", run.End.Sub(run.Start).Round(100*time.Millisecond), Changes(run.Objects), Calls(int64(run.APICalls)))
	if run.Error != "" {
		b.WriteString(". " + strings.TrimSuffix(run.Error, "."))
	}
	b.WriteString(".")
	return b.String()
}

// HistoryLine is a run as one entry of the sync history: when, result and
// duration, API calls, changes, and the error on a second line.
func HistoryLine(run store.Run) string {
	var b strings.Builder
	b.WriteString(run.Start.Local().Format("Jan 2 15:04"))
	b.WriteString(" · " + RunResult(run.Result))
	if !run.End.IsZero() {
		fmt.Fprintf(&b, " in %s", run.End.Sub(run.Start).Round(time.Second))
	}
	b.WriteString(" · " + Calls(int64(run.APICalls)) + " · " + Changes(run.Objects))
	if run.Error != "" {
		b.WriteString("\n" + run.Error)
	}
	return b.String()
}
