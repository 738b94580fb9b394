package wording

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/sfsync/sfsync/core/fields"
	"github.com/sfsync/sfsync/core/salesforce"
	"github.com/sfsync/sfsync/core/sfcli"
	"github.com/sfsync/sfsync/core/store"
)

func TestCountsTakeTheRightPlural(t *testing.T) {
	cases := map[string]string{
		Calls(1):       "1 API call",
		Calls(2):       "2 API calls",
		Calls(0):       "0 API calls",
		Records(1):     "1 record",
		Records(65200): "65,200 records",
		Requests(1):    "1 request",
	}
	for got, want := range cases {
		if got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	}
}

// TestEstimateSaysOnlyKnownFigures: the cases of issue 9, where the CLI said
// "(0.0 % of the 0 requests left today)" with 8 calls left and "(3100.0 %
// of the 1 requests left today)" with 9 left.
func TestEstimateSaysOnlyKnownFigures(t *testing.T) {
	cases := []struct {
		name          string
		calls         int64
		q             salesforce.Quota
		want, notWant []string
	}{
		{"unknown usage", 31, salesforce.Quota{}, []string{"about 31 API calls", "is not known yet"}, []string{"%", " 0 requests"}},
		{"none left", 31, salesforce.Quota{Used: 15000, Max: 15000}, []string{"no daily API requests left", "15,000 of 15,000 used"}, []string{"%"}},
		{"over-used", 31, salesforce.Quota{Used: 15010, Max: 15000}, []string{"no daily API requests left"}, []string{"%", "-10"}},
		{"8 left", 31, salesforce.Quota{Used: 14992, Max: 15000}, []string{"more than the 8 requests left today"}, []string{"%"}},
		{"1 left", 31, salesforce.Quota{Used: 14999, Max: 15000}, []string{"more than the 1 request left today"}, []string{"%", "1 requests"}},
		{"plenty", 31, salesforce.Quota{Used: 5000, Max: 15000}, []string{"about 31 API calls, 0.3 % of the 10,000 requests left today."}, nil},
		{"tiny share", 1, salesforce.Quota{Used: 0, Max: 5_000_000}, []string{"about 1 API call, less than 0.1 % of the 5,000,000 requests"}, []string{"0.0 %"}},
	}
	for _, c := range cases {
		says(t, c.name, FirstSyncEstimate(65200, c.calls, c.q), c.want, c.notWant)
	}
	if got := EstimateFailed(errors.New("timeout.")); strings.Contains(got, "anyway") || got != "The first sync's cost could not be estimated: timeout." {
		t.Errorf("EstimateFailed = %q", got)
	}
}

func TestRunWording(t *testing.T) {
	start := time.Date(2026, 1, 2, 3, 4, 5, 0, time.Local)
	run := store.Run{Start: start, End: start.Add(1500 * time.Millisecond), Result: store.RunOK, APICalls: 1,
		Objects: map[string]store.Counts{"Contact": {Added: 2}, "Account": {Updated: 1500, Deleted: 1}, "Lead": {}}}
	if got, want := RunSummary(run), "Sync finished in 1.5s: Account +0 ~1,500 −1, Contact +2 ~0 −0, 1 API call."; got != want {
		t.Errorf("RunSummary = %q, want %q", got, want)
	}
	if got, want := HistoryLine(run), "Jan 2 03:04 · Succeeded in 2s · 1 API call · Account +0 ~1,500 −1, Contact +2 ~0 −0"; got != want {
		t.Errorf("HistoryLine = %q, want %q", got, want)
	}
	run.Result, run.Error, run.Objects = store.RunError, "Salesforce answered 500.", nil
	if got := RunSummary(run); got != "Sync failed in 1.5s: no changes, 1 API call. Salesforce answered 500." {
		t.Errorf("failed RunSummary = %q", got)
	}
	for r, want := range map[store.RunResult]string{store.RunOK: "Succeeded", store.RunError: "Failed", store.RunStopped: "Stopped",
		store.RunRunning: "Running", store.RunInterrupted: "Interrupted", store.RunPaused: "Paused: API quota"} {
		if got := RunResult(r); got != want {
			t.Errorf("RunResult(%q) = %q, want %q", r, got, want)
		}
	}
}

func TestQuotaWording(t *testing.T) {
	if got := QuotaUsage(salesforce.Quota{}, 80); got != "API usage: not known yet · syncing pauses at 80 %" {
		t.Errorf("unknown usage: %q", got)
	}
	for q, want := range map[salesforce.Quota]string{ // small shares to a tenth
		{Used: 37, Max: 15000}:    "API calls today: 37 / 15,000 (0.2 %) · syncing pauses at 80 %",
		{Used: 12100, Max: 15000}: "API calls today: 12,100 / 15,000 (80.7 %) · syncing pauses at 80 %",
	} {
		if got := QuotaUsage(q, 80); got != want {
			t.Errorf("QuotaUsage(%+v) = %q, want %q", q, got, want)
		}
	}
	if got := QuotaRunCapPause(1, 15000, 10); !strings.HasPrefix(got, "Paused: API quota. ") || !strings.Contains(got, "used 1 request, its per-run cap of 10 % of the org's 15,000 daily requests") {
		t.Errorf("run cap: %q", got)
	}
	if got := QuotaThresholdPause(12000, 15000, 80); !strings.HasPrefix(got, "Paused: API quota. ") || !strings.Contains(got, "used 12,000 of 15,000 daily API requests (80.0 %), at or above your 80 % threshold") {
		t.Errorf("threshold: %q", got)
	}
	if got := QuotaExhaustedPause(0); strings.Contains(got, " 0 ") || !strings.HasPrefix(got, "Paused: API quota. ") {
		t.Errorf("exhausted with an unknown maximum: %q", got)
	}
}

func TestFieldChangeWording(t *testing.T) {
	changes := []fields.Change{
		{Object: "Account", Added: []string{"Website", "Phone"}, Removed: []string{"Fax"}},
		{Object: "Lead", Removed: []string{"Title"}},
	}
	got := FieldChanges(changes, nil, nil)
	want := "Account: added Website, Phone; removed Fax. Its records are read again at the next sync to fill the new fields.\n" +
		"Lead: removed Title."
	if got != want {
		t.Errorf("FieldChanges = %q, want %q", got, want)
	}
	if got := FieldChanges(nil, nil, nil); got != "No change to the synced fields." {
		t.Errorf("no changes: %q", got)
	}
}

// TestFieldReviewSaysLabelsAndCost: the picker's review names fields by
// their labels and says what the change costs: the records read again and
// the API calls (issue 10; before, API names and no cost).
func TestFieldReviewSaysLabelsAndCost(t *testing.T) {
	labels := Names(func(obj, f string) string {
		return map[string]string{"Website": "Website", "CSM__c": "CSM", "Owner.Email": "Account Executive Email", "Email": "Email"}[f]
	})
	changes := []fields.Change{
		{Object: "Account", Added: []string{"CSM__c", "Owner.Email"}},
		{Object: "Contact", Added: []string{"Email"}},
	}
	costs := map[string]ChangeCost{"Account": {Records: 9904, Calls: 5}, "Contact": {Records: 1, Calls: 1}}
	got := FieldChanges(changes, labels, costs)
	want := "Account: added CSM, Account Executive Email. Its 9,904 stored records are read again at the next sync to fill the new fields (about 5 API calls).\n" +
		"Contact: added Email. Its 1 stored record is read again at the next sync to fill the new fields (about 1 API call).\n" +
		"In all: 9,905 records read again, about 6 API calls."
	if got != want {
		t.Errorf("FieldChanges =\n%s\nwant\n%s", got, want)
	}
}

type explained struct{ error }

func (explained) Explained() {}

func TestConnectErrorSaysWhatToDoPerFace(t *testing.T) {
	if ConnectError(nil, 1717, CLI) != "" {
		t.Error("nil error worded")
	}
	ex := explained{errors.New("The Salesforce user is missing: API Enabled. Ask your Salesforce admin to grant it, then reconnect.")}
	if got := ConnectError(fmt.Errorf("connect: %w", ex), 1717, Window); got != ex.Error() {
		t.Errorf("explained error = %q", got)
	}
	denied := fmt.Errorf("login: %w", salesforce.ErrAccessDenied)
	if got := ConnectError(denied, 1717, CLI); !strings.Contains(got, "Run `sfsync connect` again") {
		t.Errorf("CLI denied = %q", got)
	}
	if got := ConnectError(denied, 1717, Window); !strings.Contains(got, "Choose Connect again") {
		t.Errorf("window denied = %q", got)
	}
	if got := ConnectError(&salesforce.OAuthError{Code: "redirect_uri_mismatch"}, 1818, CLI); !strings.Contains(got, "http://localhost:1818/OauthRedirect") {
		t.Errorf("mismatch = %q", got)
	}
	if got := ConnectError(context.Canceled, 1717, CLI); got != "Sign-in canceled." {
		t.Errorf("cancel = %q", got)
	}
	if got := ConnectError(errors.New("dial tcp: refused."), 1717, CLI); got != "Connecting to Salesforce failed: dial tcp: refused. Fix the cause and run `sfsync connect` again." {
		t.Errorf("other = %q", got)
	}
	running := &store.AlreadyRunningError{Dir: "/d"}
	if got := AlreadyRunning(running, CLI); got != "sfsync is already running (data directory /d): close the other sfsync (the app or a command) or use another --data-dir." {
		t.Errorf("already running (CLI) = %q", got)
	}
	if got := AlreadyRunning(running, Window); !strings.Contains(got, "system tray") {
		t.Errorf("already running (window) = %q", got)
	}
}

// TestFirstSyncDuration (issue 10): the estimate says how long, not only
// how many calls (the seeds: "It can take up to an hour").
func TestFirstSyncDuration(t *testing.T) {
	about := map[time.Duration]string{
		30 * time.Second:                "less than a minute",
		61 * time.Second:                "about 2 minutes",
		25 * time.Minute:                "about 25 minutes",
		59*time.Minute + 10*time.Second: "about 1 hour",
		70 * time.Minute:                "about 1 hour 10 minutes",
		2*time.Hour + 31*time.Minute:    "about 2 hours 35 minutes",
		time.Minute:                     "about 1 minute",
	}
	for d, want := range about {
		if got := About(d); got != want {
			t.Errorf("About(%s) = %q, want %q", d, got, want)
		}
	}
	if got := FirstSyncEstimate(65200, 34, salesforce.Quota{Used: 5000, Max: 15000}); !strings.Contains(got, "It takes about 2 minutes") {
		t.Errorf("the Demo org's estimate %q says no duration", got)
	}
	if a, b := FirstSyncDuration(1_000_000, 80), FirstSyncDuration(10_000, 1); a <= b || a < 9*time.Minute || b > time.Minute {
		t.Errorf("durations %s (1,000,000 records, 80 calls) and %s (10,000, 1 call) do not follow the work", a, b)
	}
}

// TestConnectErrorsTellCausesApart (issue 10): denied by the person vs
// blocked by an admin's policy (what to ask the admin), the wrong callback
// URL with the exact one to register, a taken callback port with the
// field or flag to change it and a real port (the text had "<port>"), and
// the Salesforce CLI's failures.
func TestConnectErrorsTellCausesApart(t *testing.T) {
	cases := []struct {
		name    string
		err     error
		face    Face
		want    []string
		notWant []string
	}{
		{"denied", fmt.Errorf("login: %w", &salesforce.OAuthError{Code: "access_denied"}), Window,
			[]string{"You chose Deny", "Choose Connect again"}, []string{"admin"}},
		{"blocked", fmt.Errorf("login: %w", &salesforce.OAuthError{Code: "OAUTH_APP_BLOCKED", Description: "this app is blocked by admin"}), Window,
			[]string{"admin's policy blocks", "OAUTH_APP_BLOCKED", "Ask the admin", "Permitted Users"}, []string{"Deny"}},
		{"not pre-authorized", &salesforce.OAuthError{Code: "OAUTH_APP_ACCESS_DENIED"}, CLI, []string{"admin's policy"}, []string{"Deny"}},
		{"redirect mismatch", &salesforce.OAuthError{Code: "redirect_uri_mismatch"}, Window,
			[]string{"exactly http://localhost:1717/OauthRedirect", "Callback port"}, nil},
		{"port taken, window", fmt.Errorf("login: %w: another program listens on 127.0.0.1:1717", salesforce.ErrRedirectPortTaken), Window,
			[]string{"callback port 1717", "Callback port, for example 1718", "http://localhost:1718/OauthRedirect"}, []string{"<port>", "PORT"}},
		{"port taken, CLI", fmt.Errorf("login: %w", salesforce.ErrRedirectPortTaken), CLI,
			[]string{"--callback-port 1718", "http://localhost:1718/OauthRedirect"}, []string{"<port>", "PORT"}},
		{"sf missing", sfcli.ErrNotInstalled, Window, []string{"not installed", "@salesforce/cli"}, nil},
		{"sf logged out", fmt.Errorf("ask the Salesforce CLI for acme: %w", sfcli.ErrSignedOut), CLI,
			[]string{"not logged in", "sf org login web"}, nil},
		{"sf failed", &sfcli.Error{Command: "sf org display", Message: "no answer within 1m30s"}, Window,
			[]string{"could not give sfsync a session", "no answer within 1m30s", "sf org list"}, nil},
	}
	for _, c := range cases {
		says(t, c.name, ConnectError(c.err, 1717, c.face), c.want, c.notWant)
	}
}

// TestNoBrowserSaysSo: a browser that cannot be opened is said as such
// (it read "Connecting to Salesforce failed: login: open browser: exit
// status 143").
func TestNoBrowserSaysSo(t *testing.T) {
	err := fmt.Errorf("login: %w (%w)", salesforce.ErrNoBrowser, errors.New("exit status 3"))
	got := ConnectError(err, 1717, Window)
	if !strings.Contains(got, "could not open your web browser") || !strings.Contains(got, "choose Connect again") || strings.Contains(got, "login:") {
		t.Errorf("no browser: %q", got)
	}
}

// says checks that got holds every want and none of notWant.
func says(t *testing.T, name, got string, want, notWant []string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("%s: %q lacks %q", name, got, w)
		}
	}
	for _, w := range notWant {
		if strings.Contains(got, w) {
			t.Errorf("%s: %q says %q", name, got, w)
		}
	}
}

// TestReauthorizeErrorKeepsTheConnection: a Deny at Reauthorize leaves
// sfsync connected, so it asks to reauthorize again, not to connect.
func TestReauthorizeErrorKeepsTheConnection(t *testing.T) {
	denied := fmt.Errorf("reauthorize: %w", salesforce.ErrAccessDenied)
	says(t, "denied", ReauthorizeError(denied, 1717), []string{"You chose Deny", "Choose Reauthorize again"},
		[]string{"not connected", "Connect again"})
	if got, want := ReauthorizeError(context.Canceled, 1717), ConnectError(context.Canceled, 1717, Window); got != want {
		t.Errorf("cancelled: %q, want %q", got, want)
	}
}
