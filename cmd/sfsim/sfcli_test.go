package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sfsync/sfsync/core/sfsim/simtest"
)

// The real Salesforce CLI (npm @salesforce/cli on Node 22, installed under
// .cache/sf by `make sf`, a prerequisite of `make test`) against this
// simulator, unchanged. The CLI accepts an http:// loopback instance URL
// (it warns "Using insecure protocol"), so the simulator needs no TLS.

// sfCLI is the installed CLI's launcher, relative to this package.
const sfCLI = "../../.cache/sf/node_modules/.bin/sf"

// sfEnv runs the CLI with a home of its own under dir (see
// simtest.SalesforceCLIEnv).
func sfEnv(dir, token string) []string {
	bin, _ := filepath.Abs(filepath.Dir(sfCLI))
	return simtest.SalesforceCLIEnv(bin, dir, token)
}

// sf runs one CLI command with --json and decodes its "result"; the token
// never reaches the test output.
func sf(t *testing.T, dir, token string, result any, args ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	bin, err := filepath.Abs(sfCLI)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.CommandContext(ctx, bin, append(args, "--json")...)
	cmd.Env = sfEnv(dir, token)
	cmd.Dir = dir
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	began := time.Now()
	err = cmd.Run()
	t.Logf("sf %s: %v", args[0]+" "+args[1], time.Since(began).Round(10*time.Millisecond))
	scrub := func(s string) string { return strings.ReplaceAll(s, token, "[access token]") }
	var resp struct {
		Status int             `json:"status"`
		Result json.RawMessage `json:"result"`
	}
	if err != nil || json.Unmarshal(out.Bytes(), &resp) != nil || resp.Status != 0 {
		t.Fatalf("sf %s: %v\nstdout: %s\nstderr: %s", strings.Join(args, " "), err, scrub(out.String()), scrub(errOut.String()))
	}
	if result != nil {
		if err := json.Unmarshal(resp.Result, result); err != nil {
			t.Fatalf("sf %s: result %s: %v", strings.Join(args, " "), scrub(string(resp.Result)), err)
		}
	}
}

// adminRows reads an object's rows from the running simulator's admin API.
func adminRows(t *testing.T, base, object string) []map[string]any {
	t.Helper()
	resp, err := http.Get(base + "/_sim/records/" + object)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var rows []map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&rows); err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestSalesforceCLIAgainstTheSimulator: `sf org login access-token`, then
// `sf org display`, `sf org list` and `sf data export bulk` run against
// cmd/sfsim as against a real org, and the exported CSV holds exactly the
// org's live Accounts, value for value.
func TestSalesforceCLIAgainstTheSimulator(t *testing.T) {
	if _, err := os.Stat(sfCLI); err != nil {
		t.Fatalf("the Salesforce CLI is not installed (%v): run `make sf` (part of `make test`)", err)
	}
	sim, stop := startSim(t, "--users", "6", "--accounts", "300", "--contacts-per-account", "0",
		"--opportunities-per-account", "0", "--leads", "0", "--seed", "7")
	defer stop()
	dir := t.TempDir()

	var login struct{ InstanceURL, OrgID, Username string }
	sf(t, dir, sim.AccessToken, &login, "org", "login", "access-token", "--instance-url", sim.BaseURL, "--alias", "sim", "--no-prompt")
	if login.OrgID == "" || !strings.HasPrefix(login.InstanceURL, sim.BaseURL) || !strings.HasPrefix(login.Username, "integration.user1@") {
		t.Fatalf("login: %+v", login)
	}
	var display struct{ ID, ConnectedStatus, Alias, APIVersion string }
	sf(t, dir, sim.AccessToken, &display, "org", "display", "--target-org", "sim")
	if display.ID != login.OrgID || display.ConnectedStatus != "Connected" || display.Alias != "sim" || display.APIVersion != "62.0" {
		t.Errorf("org display: %+v", display)
	}
	var list struct {
		NonScratchOrgs []struct{ OrgID, Alias, Name, ConnectedStatus string } `json:"nonScratchOrgs"`
	}
	sf(t, dir, sim.AccessToken, &list, "org", "list")
	if len(list.NonScratchOrgs) != 1 || list.NonScratchOrgs[0].OrgID != login.OrgID || list.NonScratchOrgs[0].Name == "" ||
		list.NonScratchOrgs[0].ConnectedStatus != "Connected" {
		t.Errorf("org list: %+v", list.NonScratchOrgs)
	}

	out := filepath.Join(dir, "accounts.csv")
	var export struct{ TotalSize int }
	sf(t, dir, sim.AccessToken, &export, "data", "export", "bulk", "--target-org", "sim", "--wait", "5",
		"--query", "SELECT Id, Name, AnnualRevenue, BillingCity, Website, CreatedDate, SystemModstamp, Owner.Name, CSM__r.Email FROM Account",
		"--output-file", out)
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("the exported file is not CSV: %v", err)
	}
	want := simtest.LiveRows(adminRows(t, sim.BaseURL, "Account"))
	users := map[string]map[string]any{}
	for _, u := range adminRows(t, sim.BaseURL, "User") {
		users[u["Id"].(string)] = u
	}
	if export.TotalSize != len(want) {
		t.Errorf("export reports %d rows, the org has %d live Accounts", export.TotalSize, len(want))
	}
	if diffs := simtest.CSVDiff(rows, want, users); len(diffs) > 0 {
		t.Fatalf("%d differences, first: %s", len(diffs), strings.Join(diffs[:min(5, len(diffs))], "\n"))
	}
}
