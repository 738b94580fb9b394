package wording

import (
	"strings"

	"github.com/sfsync/sfsync/core/format"
)

// Face is who says a sentence: the window names buttons and screens, the
// command line names commands and flags.
type Face int

// The faces.
const (
	Window Face = iota
	CLI
)

// Count is n with thousands separators and the noun in the right number:
// Count(1, "API call", "API calls") is "1 API call", Count(2000, …) is
// "2,000 API calls".
func Count(n int64, one, many string) string {
	if n == 1 || n == -1 {
		return format.Thousands(n) + " " + one
	}
	return format.Thousands(n) + " " + many
}

// Calls is Count for API calls.
func Calls(n int64) string { return Count(n, "API call", "API calls") }

// Records is Count for records.
func Records(n int64) string { return Count(n, "record", "records") }

// Requests is Count for the org's daily API requests.
func Requests(n int64) string { return Count(n, "request", "requests") }

// Skipped says how many rows a sync read that Salesforce had deleted and
// the store did not keep (engine.Progress.Skipped): "96 deleted in
// Salesforce skipped", so the rows read and the records stored can differ
// without looking wrong.
func Skipped(n int64) string { return format.Thousands(n) + " deleted in Salesforce skipped" }

// And joins names as a sentence lists them: "User", "User and Lead",
// "User, Account and Lead".
func And(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
