package ui

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/sfsync/sfsync/core/engine"
	"github.com/sfsync/sfsync/core/format"
	"github.com/sfsync/sfsync/core/salesforce"
)

// ExplainConnectError turns a failed Connect into plain words: what went
// wrong and what to do. port is the callback port the app listened on.
func ExplainConnectError(err error, port int) string {
	var oe *salesforce.OAuthError
	callback := "http://localhost:" + strconv.Itoa(port) + salesforce.DefaultRedirectPath
	switch {
	case err == nil:
		return ""
	case errors.Is(err, salesforce.ErrAccessDenied):
		return "Access was denied on Salesforce's page. Choose Connect again and click Allow to let sfsync read your data."
	case errors.Is(err, salesforce.ErrLoginTimeout):
		return "The browser never came back to sfsync. If Salesforce showed \"redirect_uri must match configuration\", " +
			"the callback URL of the External Client App must be exactly " + callback + " (or change the callback port under Advanced)."
	case errors.As(err, &oe) && oe.Code == "redirect_uri_mismatch":
		return "Wrong callback URL: the External Client App must list exactly " + callback + " as its callback URL."
	case errors.As(err, &oe) && (oe.Code == "invalid_client_id" || oe.Code == "invalid_client"):
		return "Salesforce does not know the consumer key. Copy the consumer key of your External Client App into Advanced → Consumer key."
	case errors.Is(err, salesforce.ErrStateMismatch):
		return "The answer from the browser did not belong to this sign-in (state mismatch). Choose Connect again."
	case errors.Is(err, context.Canceled):
		return "Sign-in cancelled."
	}
	var pe *engine.PermissionError
	if errors.As(err, &pe) {
		return "Missing permission: " + pe.Error()
	}
	msg := err.Error()
	if strings.Contains(msg, "address already in use") {
		return "The callback port " + strconv.Itoa(port) + " is used by another program. Choose another port under Advanced " +
			"and register http://localhost:PORT" + salesforce.DefaultRedirectPath + " on the External Client App."
	}
	return "Connecting to Salesforce failed: " + msg
}

// QuotaText describes the daily API usage and the pause threshold.
func QuotaText(q salesforce.Quota, threshold float64) string {
	if q.Max <= 0 {
		return "API usage: not known yet · syncing pauses at " + format.Percent(threshold)
	}
	return fmt.Sprintf("API calls today: %s / %s (%s) · syncing pauses at %s",
		format.Thousands(q.Used), format.Thousands(q.Max), format.PercentTenths(100*q.Fraction()), format.Percent(threshold))
}

// FrequencyLabel names an update frequency as the settings list shows it.
func FrequencyLabel(d time.Duration) string {
	if d < time.Hour {
		return fmt.Sprintf("Every %d minutes", int(d.Minutes()))
	}
	if d == time.Hour {
		return "Every hour"
	}
	return fmt.Sprintf("Every %d hours", int(d.Hours()))
}

// whenText shows a time relative to now for the Data Sources row.
func whenText(t, now time.Time) string {
	if t.IsZero() {
		return "—"
	}
	d := t.Sub(now)
	switch {
	case d > -time.Minute && d < time.Minute:
		return "now"
	case d < 0 && d > -time.Hour:
		return fmt.Sprintf("%d min ago", int(-d.Minutes()))
	case d > 0 && d < time.Hour:
		return fmt.Sprintf("in %d min", int(d.Minutes())+1)
	}
	return t.Local().Format("Jan 2 15:04")
}

// countsText lists record counts per object in sync order.
func countsText(counts map[string]int) string {
	var parts []string
	for _, obj := range engine.Objects {
		if n, ok := counts[obj]; ok {
			parts = append(parts, format.Thousands(int64(n))+" "+plural(obj, n))
		}
	}
	if len(parts) == 0 {
		return "No records yet"
	}
	return strings.Join(parts, " · ")
}

func plural(obj string, n int) string {
	if n == 1 {
		return obj
	}
	if strings.HasSuffix(obj, "y") {
		return strings.TrimSuffix(obj, "y") + "ies"
	}
	return obj + "s"
}
