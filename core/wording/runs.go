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
	case store.RunPaused:
		return PausedQuota
	case store.RunRunning, "":
		return "Running"
	case store.RunInterrupted:
		return "Interrupted"
	}
	return "Failed (" + string(r) + ")"
}

// ChangesLegend explains the marks of Changes, for the history's heading
// (window) and footer (`sfsync runs`).
const ChangesLegend = "+ added, ~ updated, − deleted in Salesforce since the sync before; " +
	"re-read: stored records read again to fill newly selected fields; " +
	"refreshed: records whose formula values changed; " +
	"purged: records removed because Salesforce no longer has them; " +
	"quarantined: rows skipped because Salesforce sent no usable Id."

// Changes is a run's record changes per object in sync order, as
// "Account +30,000 ~2 −1 (9,904 re-read, 3 purged), User +50", or "no
// changes". Objects without any count are left out; see ChangesLegend.
func Changes(m map[string]store.Counts) string {
	var parts []string
	for _, obj := range fields.InSyncOrder(m) {
		c := m[obj]
		extra := countsExtra(c)
		if c.Added == 0 && c.Updated == 0 && c.Deleted == 0 && extra == "" {
			continue
		}
		s := fmt.Sprintf("%s +%s ~%s −%s", obj, format.Thousands(int64(c.Added)),
			format.Thousands(int64(c.Updated)), format.Thousands(int64(c.Deleted)))
		if extra != "" {
			s += " (" + extra + ")"
		}
		parts = append(parts, s)
	}
	if len(parts) == 0 {
		return "no changes"
	}
	return strings.Join(parts, ", ")
}

// countsExtra lists the counts beyond added/updated/deleted that are not
// zero: "9,904 re-read, 12 refreshed, 3 purged, 1 quarantined".
func countsExtra(c store.Counts) string {
	var out []string
	for _, x := range []struct {
		n    int
		word string
	}{{c.Reread, "re-read"}, {c.Refreshed, "refreshed"}, {c.Purged, "purged"}, {c.Quarantined, "quarantined"}} {
		if x.n != 0 {
			out = append(out, format.Thousands(int64(x.n))+" "+x.word)
		}
	}
	return strings.Join(out, ", ")
}

// RunCalls is a run's API calls, with the share the formula refresh and
// purge sweep spent when there was one: "29 API calls (3 for the formula
// refresh and sweep)".
func RunCalls(run store.Run) string {
	s := Calls(int64(run.APICalls))
	if run.RefreshCalls > 0 {
		s += " (" + format.Thousands(int64(run.RefreshCalls)) + " for the formula refresh and sweep)"
	}
	return s
}

// RunResumes is a stopped run's note (Ctrl-C, Disconnect, quitting): its
// committed pages stay, the next sync goes on from them.
const RunResumes = "The next sync resumes from the last committed page."

// StoppedBeforeRun is Ctrl-C before a sync read anything.
const StoppedBeforeRun = "Stopped before the sync started: nothing changed."

// RunSummary is one sentence about a finished run: how it ended, how long it
// took, what changed, its API calls and its error.
func RunSummary(run store.Run) string {
	var b strings.Builder
	switch run.Result {
	case store.RunOK:
		b.WriteString("Sync finished")
	case store.RunStopped:
		b.WriteString("Sync stopped")
	case store.RunPaused:
		b.WriteString("Sync paused for the API quota")
	default:
		b.WriteString("Sync failed")
	}
	fmt.Fprintf(&b, " in %s: %s, %s", run.End.Sub(run.Start).Round(100*time.Millisecond), Changes(run.Objects), RunCalls(run))
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
	b.WriteString(" · " + RunCalls(run) + " · " + Changes(run.Objects))
	if run.Error != "" {
		b.WriteString("\n" + run.Error)
	}
	return b.String()
}
