package wording

import (
	"strings"

	"github.com/sfsync/sfsync/core/format"
	"github.com/sfsync/sfsync/core/salesforce"
)

// FirstSyncEstimate says what the first sync will read, cost and take:
// records and API calls from the engine's estimate, their share of the
// requests the org has left today, from the usage Salesforce last reported
// (q; Max 0: not known), and how long it takes (FirstSyncDuration). With no
// requests left, or more calls than remain, it says so in words instead of
// a share.
func FirstSyncEstimate(records, calls int64, q salesforce.Quota) string {
	return firstSyncCost(records, calls, q) + firstSyncTime(records, calls)
}

// firstSyncCost is the estimate's sentence on records and calls.
func firstSyncCost(records, calls int64, q salesforce.Quota) string {
	s := "The first sync reads about " + Records(records) + " with about " + Calls(calls)
	remaining := q.Max - q.Used
	switch {
	case q.Max <= 0:
		return s + "; how many of the org's daily API requests are left is not known yet."
	case remaining <= 0:
		return s + "; the org has no daily API requests left (" + format.Thousands(q.Used) + " of " +
			format.Thousands(q.Max) + " used), so syncing waits until Salesforce frees some."
	case calls > remaining:
		return s + ", more than the " + Requests(remaining) + " left today: it stops at the quota " +
			"threshold and continues as requests free up."
	}
	return s + ", " + share(calls, remaining) + " of the " + Requests(remaining) + " left today."
}

// share is part/whole as a percentage to a tenth, "less than 0.1 %" below.
func share(part, whole int64) string {
	p := 100 * float64(part) / float64(whole)
	if p < 0.05 {
		return "less than 0.1 %"
	}
	return format.PercentTenths(p)
}

// EstimateFailed says that the estimate could not be made; err is the cause
// (one clause, no secret). The sync itself is a separate decision: this
// sentence does not announce it.
func EstimateFailed(err error) string {
	return "The first sync's cost could not be estimated: " + clause(err) + "."
}

// clause is err's text without a trailing period, for embedding.
func clause(err error) string {
	return strings.TrimSuffix(strings.TrimSpace(err.Error()), ".")
}
