package wording

import (
	"strings"
	"testing"
	"time"

	"github.com/sfsync/sfsync/core/store"
)

// TestChangesSayRereadsRefreshesAndPurges: a run that only re-read,
// refreshed or purged records is not "no changes", and the history says
// which (issue 7: run history shows the refresh, re-reads, purges; before,
// a re-read of 9,904 Accounts read as "no changes").
func TestChangesSayRereadsRefreshesAndPurges(t *testing.T) {
	got := Changes(map[string]store.Counts{
		"Account": {Reread: 9904, Purged: 3},
		"Contact": {Added: 1, Refreshed: 12, Quarantined: 1},
		"Lead":    {},
	})
	want := "Account +0 ~0 −0 (9,904 re-read, 3 purged), Contact +1 ~0 −0 (12 refreshed, 1 quarantined)"
	if got != want {
		t.Errorf("Changes = %q, want %q", got, want)
	}
	for _, mark := range []string{"+ added", "~ updated", "− deleted", "re-read:", "refreshed:", "purged:", "quarantined:"} {
		if !strings.Contains(ChangesLegend, mark) {
			t.Errorf("the legend does not explain %q: %s", mark, ChangesLegend)
		}
	}
	start := time.Date(2026, 1, 2, 3, 4, 5, 0, time.Local)
	run := store.Run{Start: start, End: start.Add(time.Second), Result: store.RunOK, APICalls: 29, RefreshCalls: 3}
	if got := HistoryLine(run); !strings.Contains(got, "29 API calls (3 for the formula refresh and sweep) · no changes") {
		t.Errorf("HistoryLine = %q", got)
	}
	if got := RunSummary(run); !strings.Contains(got, "29 API calls (3 for the formula refresh and sweep)") {
		t.Errorf("RunSummary = %q", got)
	}
}

func TestPeriods(t *testing.T) {
	for d, want := range map[time.Duration]string{
		30 * time.Minute: "Every 30 minutes", time.Hour: "Every hour", 6 * time.Hour: "Every 6 hours",
		24 * time.Hour: "Every day", 48 * time.Hour: "Every 2 days", 7 * 24 * time.Hour: "Every week", store.Never: "Never",
		time.Minute: "Every minute", 90 * time.Second: "Every 90 seconds",
	} {
		if got := Period(d); got != want {
			t.Errorf("Period(%v) = %q, want %q", d, got, want)
		}
	}
	if got := Refreshes(24*time.Hour, store.Never); got != "Formula refresh: every day · Purge sweep: never" {
		t.Errorf("Refreshes = %q", got)
	}
}
