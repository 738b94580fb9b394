package cli

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sfsync/sfsync/core/app"
	"github.com/sfsync/sfsync/core/engine"
	"github.com/sfsync/sfsync/core/secrets"
	"github.com/sfsync/sfsync/core/sfsim"
	"github.com/sfsync/sfsync/core/sfsim/simtest"
	"github.com/sfsync/sfsync/core/store"
)

// trickyNames are Account names that exercise CSV quoting and encoding.
var trickyNames = []string{"Acme, Inc.", `The "Best" Co`, "Line one\nLine two", "Zürich Ünited – 東京 🚀", " padded "}

// simOrgName is the Name of the simulated org's Organization record.
func simOrgName(t *testing.T, sim *sfsim.Server) string {
	t.Helper()
	rows := sim.Org().Snapshot("Organization")
	if len(rows) != 1 || str(rows[0]["Name"]) == "" {
		t.Fatalf("the simulator's Organization rows: %v", rows)
	}
	return str(rows[0]["Name"])
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func TestConnectSyncStatusRunsExportDisconnect(t *testing.T) {
	sim, srv := newSim(t, smallSeed)
	org := sim.Org()
	trickyAccounts(t, org)
	token := sim.IssueAccessToken()
	c := newCLI(t)

	r := c.must(0, token+"\n", "connect", "--instance-url", srv.URL, "--access-token", "-")
	connected := fmt.Sprintf("Connected to %s (org %s) as ", simOrgName(t, sim), org.OrgID())
	for _, want := range []string{connected, "The first sync reads about", "API call", "Sync finished"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("connect output lacks %q:\n%s", want, r.stdout)
		}
	}
	selectFields(t, c)
	// A second engine restores the session from the keyring.
	if r = c.must(0, "", "sync", "--once"); !strings.Contains(r.stdout, "Sync finished") {
		t.Errorf("sync output:\n%s", r.stdout)
	}
	checkStatus(t, c, org)
	checkRuns(t, c, org)
	out := checkExport(t, c, sim)
	checkNoToken(t, token, c, out)
	checkDisconnect(t, c, srv.URL, token, org.OrgID(), out)
	checkNoToken(t, token, c, out)
}

// trickyAccounts gives Accounts names that exercise CSV quoting and a CSM.
func trickyAccounts(t *testing.T, org *sfsim.Org) {
	t.Helper()
	accounts := simtest.Live(org, "Account")
	users := org.Users()
	var ids []string
	for id := range accounts {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for i, name := range trickyNames {
		if err := org.Update("Account", ids[i], map[string]any{"Name": name, "CSM__c": users[i%len(users)]}); err != nil {
			t.Fatal(err)
		}
	}
}

// selectFields chooses the Account Executive and the CSM, and lists them.
func selectFields(t *testing.T, c *cliRun) {
	t.Helper()
	c.must(0, "", "fields", "select", "--object", "Account", "Owner.Name", "Owner.Phone", "Owner.Email", "CSM__c")
	r := c.must(2, "", "fields", "select", "--object", "Account", "NoSuchField__c")
	if !strings.Contains(r.stderr, `Account has no field "NoSuchField__c"`) {
		t.Errorf("unknown field message: %q", r.stderr)
	}
	r = c.must(0, "", "fields", "list", "--object", "Account")
	if !strings.Contains(r.stdout, "[x]  CSM") || !strings.Contains(r.stdout, "BillingAddress") || !strings.Contains(r.stdout, "Compound address field") {
		t.Errorf("fields list:\n%s", r.stdout)
	}
	list := jsonResult[FieldsListResult](t, c.must(0, "", "fields", "list", "--object", "Account", "--json"))
	if len(list.Objects) != 1 || list.Objects[0].Selected == 0 {
		t.Errorf("fields list --json: %+v", list)
	}
}

// checkStatus: status --json is Active and counts equal the org's live rows.
func checkStatus(t *testing.T, c *cliRun, org *sfsim.Org) {
	t.Helper()
	st := jsonResult[StatusResult](t, c.must(0, "", "status", "--json"))
	if st.Status != "Active" || !st.FirstSyncDone || st.OrgID != org.OrgID() || st.QuotaThreshold != 80 {
		t.Errorf("status: %+v", st)
	}
	for _, obj := range []string{"User", "Account", "Contact", "Lead", "Opportunity"} {
		if want := org.Count(obj, false); st.Counts[obj] != want {
			t.Errorf("status counts %s = %d, org has %d live", obj, st.Counts[obj], want)
		}
	}
}

// checkRuns: runs --json lists both runs, newest first, with API calls.
func checkRuns(t *testing.T, c *cliRun, org *sfsim.Org) {
	t.Helper()
	runs := jsonResult[RunsResult](t, c.must(0, "", "runs", "--json")).Runs
	if len(runs) != 2 {
		t.Fatalf("%d runs, want 2 (first sync, re-sync): %+v", len(runs), runs)
	}
	first := runs[1]
	if first.Result != store.RunOK || first.APICalls < 1 || first.End == nil || first.Objects["Account"].Added != org.Count("Account", false) {
		t.Errorf("first run: %+v", first)
	}
	if runs[0].Result != store.RunOK || runs[0].APICalls < 1 || runs[0].Seq <= first.Seq {
		t.Errorf("second run: %+v", runs[0])
	}
	if r := c.must(0, "", "runs"); !strings.Contains(r.stdout, "API CALLS") || !strings.Contains(r.stdout, "Succeeded") {
		t.Errorf("runs table:\n%s", r.stdout)
	}
}

// checkExport: the CSV, parsed back, equals the org's live Accounts with
// user lookups as names; file and stdout agree. It returns the file.
func checkExport(t *testing.T, c *cliRun, sim *sfsim.Server) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "accounts.csv")
	res := jsonResult[ExportResult](t, c.must(0, "", "export", "--object", "Account", "--out", out, "--json"))
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat(out); info.Mode().Perm() != 0o600 {
		t.Errorf("export mode %v", info.Mode().Perm())
	}
	if res.Rows != int64(sim.Org().Count("Account", false)) || res.Out != out || len(res.Columns) == 0 || res.Columns[0] != "Id" {
		t.Errorf("export --json: %+v", res)
	}
	if stdoutCSV := c.must(0, "", "export", "--object", "Account", "--out", "-").stdout; stdoutCSV != string(data) {
		t.Error("export to stdout differs from the file")
	}
	checkAccountsCSV(t, data, simtest.Live(sim.Org(), "Account"), simtest.Live(sim.Org(), "User"))
	if !bytes.Contains(data, []byte(`"The ""Best"" Co"`)) || !bytes.Contains(data, []byte("\"Line one\nLine two\"")) {
		t.Error("quoted values not found verbatim")
	}
	return out
}

// checkDisconnect: disconnect revokes the token and removes it from the
// keyring; the data stays until --delete-data.
func checkDisconnect(t *testing.T, c *cliRun, base, token, orgID, out string) {
	t.Helper()
	c.must(0, "", "disconnect")
	if _, err := keyringOf(c.dir).Get(engine.AccessTokenKey); !errors.Is(err, secrets.ErrNotFound) {
		t.Errorf("access token still in the keyring after disconnect: %v", err)
	}
	req, _ := http.NewRequest("GET", base+"/services/data/v62.0/limits", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("token still accepted after disconnect: %v %v", resp.Status, err)
	}
	if r := c.must(0, "", "status"); !strings.Contains(r.stdout, "Not connected") {
		t.Errorf("status after disconnect:\n%s", r.stdout)
	}
	c.must(0, "", "export", "--object", "Account", "--out", out) // data kept
	res := jsonResult[DisconnectResult](t, c.must(0, "", "disconnect", "--delete-data", "--json"))
	if !res.DataDeleted || res.WasConnected {
		t.Errorf("disconnect --delete-data --json: %+v", res)
	}
	if r := c.must(0, "", "status", "--json"); strings.Contains(r.stdout, orgID) {
		t.Errorf("data left after --delete-data:\n%s", r.stdout)
	}
}

// checkAccountsCSV compares the export with the org: Id, CSM__r.Name (from
// CSM__c), CSM__r.Email, CSM__r.Phone, CreatedDate, Name, Owner.Email, Owner.Name, Owner.Phone, Type, Website.
func checkAccountsCSV(t *testing.T, data []byte, accounts, users map[string]map[string]any) {
	t.Helper()
	rd := csv.NewReader(bytes.NewReader(data))
	recs, err := rd.ReadAll()
	if err != nil {
		t.Fatalf("export does not parse: %v", err)
	}
	header := recs[0]
	want := []string{"Id", "CSM__r.Name", "CSM__r.Email", "CSM__r.Phone", "CreatedDate", "Name", "Owner.Email", "Owner.Name", "Owner.Phone", "Type", "Website"}
	if !slices.Equal(header, want) {
		t.Fatalf("header %q, want %q", header, want)
	}
	if len(recs)-1 != len(accounts) {
		t.Errorf("%d rows, org has %d live accounts", len(recs)-1, len(accounts))
	}
	seenTricky := 0
	for _, rec := range recs[1:] {
		row, ok := accounts[rec[0]]
		if !ok {
			t.Errorf("exported %s is not a live account", rec[0])
			continue
		}
		owner, csm := users[str(row["OwnerId"])], users[str(row["CSM__c"])]
		exp := map[string]string{
			"Name": str(row["Name"]), "Type": str(row["Type"]), "Website": str(row["Website"]),
			"CSM__r.Name": str(csm["Name"]), "CSM__r.Email": str(csm["Email"]), "CSM__r.Phone": str(csm["Phone"]),
			"Owner.Name": str(owner["Name"]), "Owner.Email": str(owner["Email"]), "Owner.Phone": str(owner["Phone"]),
		}
		for i, col := range header {
			if w, ok := exp[col]; !ok {
				continue
			} else if rec[i] != w {
				t.Errorf("%s %s = %q, org has %q", rec[0], col, rec[i], w)
			}
		}
		if slices.Contains(trickyNames, rec[slices.Index(header, "Name")]) {
			seenTricky++
		}
	}
	if seenTricky != len(trickyNames) {
		t.Errorf("%d of %d tricky names round-tripped", seenTricky, len(trickyNames))
	}
}

// checkNoToken scans the data directory's files, extra files and every
// captured output for the token's bytes.
func checkNoToken(t *testing.T, token string, c *cliRun, extra ...string) {
	t.Helper()
	if len(token) < 16 {
		t.Fatalf("token too short to scan for: %d bytes", len(token))
	}
	files := extra
	entries, err := os.ReadDir(c.dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		files = append(files, filepath.Join(c.dir, e.Name()))
	}
	if !slices.Contains(files, filepath.Join(c.dir, store.FileName)) || !slices.Contains(files, filepath.Join(c.dir, app.LogFileName)) {
		t.Errorf("expected the store and the log in %v", files)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte(token)) {
			t.Errorf("%s contains the token", f)
		}
	}
	for i, o := range *c.outputs {
		if strings.Contains(o, token) {
			t.Errorf("output %d contains the token", i)
		}
	}
}
