package sfsim

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

type jobInfo struct {
	ID                     string      `json:"id"`
	Operation              string      `json:"operation"`
	Object                 string      `json:"object"`
	CreatedByID            string      `json:"createdById"`
	CreatedDate            string      `json:"createdDate"`
	SystemModstamp         string      `json:"systemModstamp"`
	State                  string      `json:"state"`
	ConcurrencyMode        string      `json:"concurrencyMode"`
	ContentType            string      `json:"contentType"`
	APIVersion             json.Number `json:"apiVersion"`
	LineEnding             string      `json:"lineEnding"`
	ColumnDelimiter        string      `json:"columnDelimiter"`
	JobType                string      `json:"jobType"`
	NumberRecordsProcessed int         `json:"numberRecordsProcessed"`
	ErrorMessage           string      `json:"errorMessage"`
}

func jobBody(op, soql string) string {
	b, _ := json.Marshal(map[string]string{"operation": op, "query": soql, "contentType": "CSV", "columnDelimiter": "COMMA", "lineEnding": "LF"})
	return string(b)
}

// createJob posts a query job and checks the create response.
func (d *dataOrg) createJob(op, soql string) jobInfo {
	d.t.Helper()
	resp, body := d.do(http.MethodPost, PinnedVersion, "jobs/query", jobBody(op, soql))
	if resp.StatusCode != http.StatusOK {
		d.t.Fatalf("create job: %d %s", resp.StatusCode, body)
	}
	var j jobInfo
	mustUnmarshal(d.t, body, &j)
	return j
}

func (d *dataOrg) jobInfo(id string) jobInfo {
	d.t.Helper()
	var j jobInfo
	d.getJSON("jobs/query/"+id, http.StatusOK, &j)
	return j
}

// completeJob polls until the job is terminal and returns the states seen.
func (d *dataOrg) completeJob(id string) (jobInfo, []string) {
	d.t.Helper()
	var states []string
	for range 10 {
		j := d.jobInfo(id)
		states = append(states, j.State)
		if j.State == stateJobComplete || j.State == stateFailed || j.State == stateAborted {
			return j, states
		}
	}
	d.t.Fatalf("job %s never finished: %v", id, states)
	return jobInfo{}, nil
}

// resultPage is one result set: raw bytes, parsed rows and headers.
type resultPage struct {
	raw     []byte
	rows    [][]string
	locator string
	count   int
}

func (d *dataOrg) results(version, id, query string) (*http.Response, resultPage) {
	d.t.Helper()
	resp, body := d.do(http.MethodGet, version, "jobs/query/"+id+"/results"+query, "")
	p := resultPage{raw: body, locator: resp.Header.Get("Sforce-Locator")}
	if resp.StatusCode == http.StatusOK {
		r := csv.NewReader(bytes.NewReader(body))
		rows, err := r.ReadAll()
		if err != nil {
			d.t.Fatalf("results are not valid CSV: %v", err)
		}
		p.rows = rows
		p.count, _ = strconv.Atoi(resp.Header.Get("Sforce-NumberOfRecords"))
	}
	return resp, p
}

// allResults reads every result set with maxRecords and returns the header
// (checked equal on every page) and the data rows.
func (d *dataOrg) allResults(id string, maxRecords int) ([]string, [][]string, int) {
	d.t.Helper()
	var header []string
	var data [][]string
	pages := 0
	loc := ""
	for {
		q := "?maxRecords=" + strconv.Itoa(maxRecords)
		if loc != "" {
			q += "&locator=" + loc
		}
		resp, p := d.results(PinnedVersion, id, q)
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "text/csv" {
			d.t.Fatalf("results: %d %s %s", resp.StatusCode, resp.Header.Get("Content-Type"), p.raw)
		}
		pages++
		if header == nil {
			header = p.rows[0]
		} else if strings.Join(header, ",") != strings.Join(p.rows[0], ",") {
			d.t.Fatalf("page %d header %v, want %v", pages, p.rows[0], header)
		}
		if p.count != len(p.rows)-1 || p.count > maxRecords {
			d.t.Fatalf("page %d: Sforce-NumberOfRecords %d for %d rows", pages, p.count, len(p.rows)-1)
		}
		data = append(data, p.rows[1:]...)
		if p.locator == "" {
			d.t.Fatalf("page %d has no Sforce-Locator", pages)
		}
		if p.locator == "null" {
			return header, data, pages
		}
		loc = p.locator
	}
}

var bulkDateTime = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$`)

func TestBulkJobLifecycleAndCSV(t *testing.T) {
	d := newDataOrg(t, SeedConfig{Users: 6, Accounts: 1234, Seed: 21})
	soql := "SELECT Id, Name, BillingStreet, Owner.Name, CSM__r.Email, AnnualRevenue, SystemModstamp, IsDeleted, Customer_Since__c FROM Account"
	j := d.createJob("queryAll", soql)
	checkCreatedQueryAllJob(t, j, d.org.Users()[0])
	resp, p := d.results(PinnedVersion, j.ID, "")
	wantError(t, resp, p.raw, http.StatusBadRequest, "API_ERROR", "UploadComplete")
	final, states := d.completeJob(j.ID)
	if strings.Join(states, ",") != "InProgress,JobComplete" {
		t.Errorf("states seen %v", states)
	}
	all := d.org.Count("Account", true)
	if final.NumberRecordsProcessed != all || final.JobType != "V2Query" {
		t.Errorf("job info %+v, want %d records", final, all)
	}
	d.checkJobListIsOnly(j.ID)

	header, rows, pages := d.allResults(j.ID, 500)
	wantHeader := "Id,Name,BillingStreet,Owner.Name,CSM__r.Email,AnnualRevenue,SystemModstamp,IsDeleted,Customer_Since__c"
	if strings.Join(header, ",") != wantHeader || pages != (all+499)/500 || len(rows) != all {
		t.Fatalf("header %v, %d pages, %d rows (want %d)", header, pages, len(rows), all)
	}
	d.checkAccountRows(rows)
	d.checkQuotedLFResults(j.ID)
}

// checkCreatedQueryAllJob checks the create response of a queryAll job on
// Account made by the user createdBy with jobBody's settings.
func checkCreatedQueryAllJob(t *testing.T, j jobInfo, createdBy string) {
	t.Helper()
	want := j // the fields below are checked; the others are free
	want.State, want.Operation, want.Object, want.APIVersion = stateUploadComplete, "queryAll", "Account", "62.0"
	want.ConcurrencyMode, want.ContentType, want.LineEnding, want.ColumnDelimiter = "Parallel", "CSV", "LF", "COMMA"
	want.CreatedByID = createdBy
	if !strings.HasPrefix(j.ID, "750") || len(j.ID) != 18 || !strings.HasSuffix(j.CreatedDate, "+0000") || j != want {
		t.Fatalf("create response %+v", j)
	}
}

// checkJobListIsOnly checks that GET jobs/query lists the one job id.
func (d *dataOrg) checkJobListIsOnly(id string) {
	d.t.Helper()
	var list struct {
		Done    bool      `json:"done"`
		Records []jobInfo `json:"records"`
	}
	d.getJSON("jobs/query", http.StatusOK, &list)
	if !list.Done || len(list.Records) != 1 || list.Records[0].ID != id {
		d.t.Errorf("job list %+v", list)
	}
}

// checkAccountRows checks the rows of TestBulkJobLifecycleAndCSV's query
// against the org's Accounts, in Id order, and that they hold awkward names,
// empty CSMs and deleted rows.
func (d *dataOrg) checkAccountRows(rows [][]string) {
	d.t.Helper()
	snap := d.org.Snapshot("Account")
	users := map[string]map[string]any{}
	for _, u := range d.org.Snapshot("User") {
		users[u["Id"].(string)] = u
	}
	var specials, nulls, deleted int
	for i, r := range rows {
		nullCSM, isDeleted := checkAccountRow(d.t, i, r, snap[i], users)
		specials += oneIf(awkwardCSV(r[1]))
		nulls += oneIf(nullCSM)
		deleted += oneIf(isDeleted)
	}
	if specials == 0 || nulls == 0 || deleted == 0 {
		d.t.Errorf("variety: %d awkward names, %d empty CSMs, %d deleted", specials, nulls, deleted)
	}
}

// checkAccountRow checks result row i against the org's record s; it tells
// whether the record has no CSM and whether it is deleted.
func checkAccountRow(t *testing.T, i int, r []string, s map[string]any, users map[string]map[string]any) (nullCSM, deleted bool) {
	t.Helper()
	if r[0] != s["Id"] || r[1] != s["Name"] || r[2] != orEmpty(s["BillingStreet"]) || r[3] != users[s["OwnerId"].(string)]["Name"] {
		t.Fatalf("row %d %q does not match the org %v", i, r, s)
	}
	csm, _ := s["CSM__c"].(string)
	switch {
	case csm == "" && r[4] != "":
		t.Fatalf("row %d: empty CSM gives %q", i, r[4])
	case csm != "" && r[4] != users[csm]["Email"]:
		t.Fatalf("row %d: CSM__r.Email %q", i, r[4])
	}
	if !bulkDateTime.MatchString(r[6]) || (r[7] != "true" && r[7] != "false") {
		t.Fatalf("row %d: datetime %q bool %q", i, r[6], r[7])
	}
	return csm == "", r[7] == "true"
}

// awkwardCSV reports a value CSV must quote or encode with care: a comma,
// quote or newline, or a rune outside ASCII.
func awkwardCSV(v string) bool {
	return strings.ContainsAny(v, ",\"\n") || strings.ContainsFunc(v, func(c rune) bool { return c > 127 })
}

// oneIf is 1 for true, 0 for false.
func oneIf(b bool) int {
	if b {
		return 1
	}
	return 0
}

// checkQuotedLFResults checks the raw first page of TestBulkJobLifecycleAndCSV's
// job: every value is quoted, a null is an empty unquoted field, lines end in LF.
func (d *dataOrg) checkQuotedLFResults(id string) {
	d.t.Helper()
	_, first := d.results(PinnedVersion, id, "?maxRecords=3")
	lines := strings.SplitN(string(first.raw), "\n", 2)
	if lines[0] != `"Id","Name","BillingStreet","Owner.Name","CSM__r.Email","AnnualRevenue","SystemModstamp","IsDeleted","Customer_Since__c"` {
		d.t.Errorf("header line %q", lines[0])
	}
	if !bytes.Contains(first.raw, []byte(`",,"`)) && !bytes.Contains(first.raw, []byte(",\n")) {
		d.t.Logf("first page has no null (fine): %s", first.raw)
	}
	if bytes.Contains(first.raw, []byte("\r\n")) {
		d.t.Errorf("LF job wrote CRLF")
	}
}

func orEmpty(v any) string {
	s, _ := v.(string)
	return s
}

func TestBulkCSVRoundTripsAwkwardValues(t *testing.T) {
	d := newDataOrg(t, SeedConfig{Users: 2, Seed: 2})
	names := []string{"Müller, \"Jr.\" & Söhne", "Ørsted\nHoldings", "\"\"", "a,b,c", "東京", "Line1\r\nLine2", " padded "}
	for _, n := range names {
		if _, err := d.org.Create("Account", map[string]any{"Name": n, "Description": "x\"y"}); err != nil {
			t.Fatal(err)
		}
	}
	j := d.createJob("query", "SELECT Name, Description, Phone FROM Account")
	d.completeJob(j.ID)
	_, rows, _ := d.allResults(j.ID, 2)
	if len(rows) != len(names) {
		t.Fatalf("%d rows", len(rows))
	}
	for i, r := range rows {
		// encoding/csv reads \r\n inside a quoted field as \n (documented).
		if r[0] != strings.ReplaceAll(names[i], "\r\n", "\n") || r[1] != "x\"y" || r[2] != "" {
			t.Errorf("row %d: %q, want %q", i, r, names[i])
		}
	}
	_, p := d.results(PinnedVersion, j.ID, "?maxRecords=1")
	if want := "\"Name\",\"Description\",\"Phone\"\n\"Müller, \"\"Jr.\"\" & Söhne\",\"x\"\"y\",\n"; string(p.raw) != want {
		t.Errorf("raw page %q, want %q", p.raw, want)
	}
}

func TestBulkResultErrors(t *testing.T) {
	d := newDataOrg(t, testSeed)
	j := d.createJob("query", "SELECT Id FROM Contact")
	d.completeJob(j.ID)
	resp, p := d.results("58.0", j.ID, "")
	wantError(t, resp, p.raw, http.StatusConflict, "API_VERSION_MISMATCH", "62.0")
	for _, loc := range []string{"bm9wZQ", "!!", "MA"} {
		resp, p = d.results(PinnedVersion, j.ID, "?locator="+loc)
		wantError(t, resp, p.raw, http.StatusBadRequest, "INVALID_LOCATOR", loc)
	}
	resp, p = d.results(PinnedVersion, j.ID, "?maxRecords=0")
	wantError(t, resp, p.raw, http.StatusBadRequest, "INVALID_MAX_RECORDS", "maxRecords")
	resp, p = d.results(PinnedVersion, "750AA0000000000AAA", "")
	wantError(t, resp, p.raw, http.StatusNotFound, "NOT_FOUND", "")
	// A job made with an older version is read with that version.
	resp, body := d.do(http.MethodPost, "52.0", "jobs/query", jobBody("query", "SELECT Id FROM Lead"))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("v52 create: %d %s", resp.StatusCode, body)
	}
	var old jobInfo
	mustUnmarshal(t, body, &old)
	d.completeJob(old.ID)
	if resp, p = d.results("52.0", old.ID, ""); resp.StatusCode != http.StatusOK || len(p.rows) != d.org.Count("Lead", false)+1 {
		t.Errorf("v52 results: %d, %d rows", resp.StatusCode, len(p.rows))
	}
	// Before 50.0 columns are alphabetical; before 49.0 locators are numbers.
	resp, body = d.do(http.MethodPost, "47.0", "jobs/query", jobBody("query", "SELECT Name, Id, Company FROM Lead"))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("v47 create: %d %s", resp.StatusCode, body)
	}
	var v47 jobInfo
	mustUnmarshal(t, body, &v47)
	d.completeJob(v47.ID)
	if _, p = d.results("47.0", v47.ID, "?maxRecords=2"); strings.Join(p.rows[0], ",") != "Company,Id,Name" || p.locator != "2" {
		t.Errorf("v47 results: header %v, locator %q", p.rows[0], p.locator)
	}
	if resp, p = d.results("47.0", v47.ID, "?maxRecords=2&locator=2"); resp.StatusCode != http.StatusOK || len(p.rows) != 3 {
		t.Errorf("v47 numeric locator: %d %s", resp.StatusCode, p.raw)
	}
	if resp, p = d.results(PinnedVersion, old.ID, ""); resp.StatusCode != http.StatusConflict {
		t.Errorf("v52 job read with v62: %d", resp.StatusCode)
	}
}

func TestBulkCreateRejections(t *testing.T) {
	d := newDataOrg(t, testSeed)
	cases := []struct{ body, code, fragment string }{
		{jobBody("query", "SELECT Id, BillingAddress FROM Account"), "API_ERROR", "Selecting compound data not supported in Bulk Query"},
		{jobBody("query", "SELECT Id, MailingAddress FROM Contact"), "API_ERROR", "compound data"},
		{jobBody("query", "SELECT Id, Logo__c FROM Account"), "API_ERROR", "base64"},
		{jobBody("query", "SELECT COUNT() FROM Account"), "API_ERROR", "Aggregate"},
		{jobBody("query", "SELECT Id FROM Account OFFSET 5"), "MALFORMED_QUERY", "OFFSET"},
		{jobBody("query", "SELECT Industry FROM Account GROUP BY Industry"), "MALFORMED_QUERY", "GROUP"},
		{jobBody("query", "SELECT Id, Nope__c FROM Account"), "INVALID_FIELD", "No such column 'Nope__c'"},
		{jobBody("upsert", "SELECT Id FROM Account"), "INVALIDJOB", "operation"},
		{`{"operation":"query","query":"SELECT Id FROM Account","contentType":"JSON"}`, "INVALIDJOB", "contentType"},
		{`{"operation":"query","query":"SELECT Id FROM Account","columnDelimiter":"SPACE"}`, "INVALIDJOB", "columnDelimiter"},
		{`{"operation":`, "JSON_PARSER_ERROR", ""},
	}
	for _, c := range cases {
		resp, body := d.do(http.MethodPost, PinnedVersion, "jobs/query", c.body)
		t.Run(c.body, func(t *testing.T) { wantError(t, resp, body, http.StatusBadRequest, c.code, c.fragment) })
	}
}

func TestBulkAbortDeleteAndFailure(t *testing.T) {
	d := newDataOrg(t, testSeed)
	j := d.createJob("query", "SELECT Id FROM Account")
	resp, body := d.do(http.MethodDelete, PinnedVersion, "jobs/query/"+j.ID, "")
	wantError(t, resp, body, http.StatusBadRequest, "API_ERROR", "not terminated")
	resp, body = d.do(http.MethodPatch, PinnedVersion, "jobs/query/"+j.ID, `{"state":"Aborted"}`)
	var aborted jobInfo
	mustUnmarshal(t, body, &aborted)
	if resp.StatusCode != http.StatusOK || aborted.State != stateAborted {
		t.Fatalf("abort: %d %s", resp.StatusCode, body)
	}
	if got := d.jobInfo(j.ID).State; got != stateAborted {
		t.Errorf("aborted job polled as %s", got)
	}
	resp, body = d.do(http.MethodPatch, PinnedVersion, "jobs/query/"+j.ID, `{"state":"Aborted"}`)
	wantError(t, resp, body, http.StatusBadRequest, "API_ERROR", "Aborted")
	resp, rp := d.results(PinnedVersion, j.ID, "")
	wantError(t, resp, rp.raw, http.StatusBadRequest, "API_ERROR", "Aborted")
	if resp, body = d.do(http.MethodDelete, PinnedVersion, "jobs/query/"+j.ID, ""); resp.StatusCode != http.StatusNoContent || len(body) != 0 {
		t.Fatalf("delete: %d %q", resp.StatusCode, body)
	}
	resp, body = d.do(http.MethodGet, PinnedVersion, "jobs/query/"+j.ID, "")
	wantError(t, resp, body, http.StatusNotFound, "NOT_FOUND", "")

	d.org.FailNextJobs(1)
	failed := d.createJob("query", "SELECT Id FROM Account")
	ok := d.createJob("query", "SELECT Id FROM Account")
	if fj, states := d.completeJob(failed.ID); fj.State != stateFailed || fj.ErrorMessage == "" || states[0] != stateInProgress {
		t.Errorf("failing job: %+v after %v", fj, states)
	}
	if oj, _ := d.completeJob(ok.ID); oj.State != stateJobComplete {
		t.Errorf("second job %s", oj.State)
	}
	resp, body = d.do(http.MethodPut, PinnedVersion, "jobs/query/"+ok.ID, "{}")
	wantError(t, resp, body, http.StatusMethodNotAllowed, "METHOD_NOT_ALLOWED", "PUT")
}

func TestBulkCRLFAndOtherDelimiters(t *testing.T) {
	d := newDataOrg(t, testSeed)
	resp, body := d.do(http.MethodPost, PinnedVersion, "jobs/query",
		`{"operation":"query","query":"SELECT Id, Name FROM User","columnDelimiter":"PIPE","lineEnding":"CRLF"}`)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%d %s", resp.StatusCode, body)
	}
	var j jobInfo
	mustUnmarshal(t, body, &j)
	d.completeJob(j.ID)
	_, raw := d.do(http.MethodGet, PinnedVersion, "jobs/query/"+j.ID+"/results", "")
	r := csv.NewReader(bytes.NewReader(raw))
	r.Comma = '|'
	rows, err := r.ReadAll()
	if err != nil || len(rows) != testSeed.Users+1 || !bytes.HasPrefix(raw, []byte("\"Id\"|\"Name\"\r\n")) {
		t.Errorf("pipe/CRLF results %q (%v)", raw, err)
	}
}
