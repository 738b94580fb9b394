package wording

import (
	"fmt"

	"github.com/sfsync/sfsync/core/format"
	"github.com/sfsync/sfsync/core/salesforce"
)

// QuotaUsage says today's API usage and where syncing pauses (thresholdPct,
// percent of the daily maximum). Unknown usage (q.Max 0) is said to be
// unknown.
func QuotaUsage(q salesforce.Quota, thresholdPct float64) string {
	if q.Max <= 0 {
		return "API usage: not known yet · syncing pauses at " + format.Percent(thresholdPct)
	}
	return fmt.Sprintf("API calls today: %s / %s (%s) · syncing pauses at %s",
		format.Thousands(q.Used), format.Thousands(q.Max), usedShare(q), format.Percent(thresholdPct))
}

// usedShare is the share of its daily requests the org has used, to a
// tenth of a percent (small shares matter): the usage line and the pause
// sentence, shown together on the card, say it the same way; a few calls
// of a large quota read "less than 0.1 %" as the estimate says it, not
// "0.0 %".
func usedShare(q salesforce.Quota) string {
	if q.Used > 0 {
		return share(q.Used, q.Max)
	}
	return format.PercentTenths(100 * q.Fraction())
}

// PausedQuota is the name of the state every quota stop puts the source
// in (engine.StatusPausedQuota): the badge, the history and each pause
// sentence say it the same way.
const PausedQuota = "Paused: API quota"

// QuotaThresholdPause is the detail when the org's usage (used of daily
// requests) reached the person's threshold (percent).
func QuotaThresholdPause(used, daily int64, thresholdPct float64) string {
	return fmt.Sprintf(PausedQuota+". The org has used %s of %s daily API requests (%s), at or above your %s threshold. "+
		"Syncing resumes by itself when usage drops; raise the threshold in Settings (or `sfsync settings --threshold`) to sync now.",
		format.Thousands(used), format.Thousands(daily), usedShare(salesforce.Quota{Used: used, Max: daily}), format.Percent(thresholdPct))
}

// QuotaRunCapPause is the detail when one run used its cap (capPct percent
// of the org's daily requests; runCalls were made).
func QuotaRunCapPause(runCalls, daily int64, capPct float64) string {
	return fmt.Sprintf(PausedQuota+". This sync used %s, its per-run cap of %s of the org's %s. "+
		"It continues where it stopped at the next sync; raise the per-run cap in Settings to sync more at once.",
		Requests(runCalls), format.Percent(capPct), Count(daily, "daily request", "daily requests"))
}

// QuotaExhaustedPause is the detail when Salesforce refused a request with
// REQUEST_LIMIT_EXCEEDED for the daily total (daily requests; 0: not
// known).
func QuotaExhaustedPause(daily int64) string {
	all := "all of its daily API requests"
	if daily > 0 {
		all = "all " + Count(daily, "daily API request", "daily API requests") + " of its allowance"
	}
	return PausedQuota + ". Salesforce refused a request because the org has used " + all +
		" (REQUEST_LIMIT_EXCEEDED). Syncing resumes by itself when usage drops."
}
