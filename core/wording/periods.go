package wording

import (
	"fmt"
	"time"
)

// Period names how often something recurs, as Settings and `sfsync
// settings` show it: "Every 30 minutes", "Every hour", "Every 6 hours",
// "Every day", "Every 2 days", "Every week", and "Never" for store.Never
// (any negative duration).
func Period(d time.Duration) string {
	switch {
	case d < 0:
		return "Never"
	case d == 7*24*time.Hour:
		return "Every week"
	case d == 24*time.Hour:
		return "Every day"
	case d > 24*time.Hour && d%(24*time.Hour) == 0:
		return fmt.Sprintf("Every %d days", d/(24*time.Hour))
	case d == time.Hour:
		return "Every hour"
	case d > time.Hour && d%time.Hour == 0:
		return fmt.Sprintf("Every %d hours", d/time.Hour)
	case d == time.Minute:
		return "Every minute"
	case d > 0 && d%time.Minute == 0:
		return fmt.Sprintf("Every %d minutes", int(d.Minutes()))
	}
	return fmt.Sprintf("Every %g seconds", d.Seconds()) // only a refused value is this short
}

// Every is Period inside a sentence: "every 45 minutes".
func Every(d time.Duration) string { return lower(Period(d)) }

// FormulaRefreshNote says what the formula refresh period does.
const FormulaRefreshNote = "Re-reads formula fields, which Salesforce recalculates without marking records changed."

// SweepNote says what the purge sweep period does.
const SweepNote = "Removes records deleted for good in Salesforce (emptied from the Recycle Bin)."

// Refreshes says both refresh periods in one line: "Formula refresh: every
// day · Purge sweep: never".
func Refreshes(formula, sweep time.Duration) string {
	return "Formula refresh: " + lower(Period(formula)) + " · Purge sweep: " + lower(Period(sweep))
}

// lower lower-cases the first letter (the periods are ASCII).
func lower(s string) string {
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return s
	}
	return string(s[0]+'a'-'A') + s[1:]
}

// SyncOncePaused says that Sync now while syncing is paused syncs once and
// leaves it paused, and how to resume.
func SyncOncePaused(face Face) string {
	return "Syncing once now; scheduled syncing stays paused. " + face.say(
		"Tick “Sync data from Salesforce” and save to resume it.",
		"Run `sfsync settings --sync on` to resume it.")
}
