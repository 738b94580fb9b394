package sfsim

import (
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

var locatorURL = regexp.MustCompile(`^/services/data/v62\.0/query/01g[0-9A-Za-z]{15}-(\d+)$`)

func TestQueryPagesAtTwoThousandBoundaries(t *testing.T) {
	d := newDataOrg(t, SeedConfig{Users: 5, Accounts: 4100, Seed: 3})
	for _, n := range []int{1999, 2000, 2001, 4000, 4001} {
		pages := d.queryAllPages("query", "SELECT Id FROM Account LIMIT "+strconv.Itoa(n))
		wantPages := (n + 1999) / 2000
		if len(pages) != wantPages {
			t.Fatalf("LIMIT %d: %d pages, want %d", n, len(pages), wantPages)
		}
		seen := map[string]bool{}
		for k, p := range pages {
			if p.TotalSize != n {
				t.Errorf("LIMIT %d page %d: totalSize %d", n, k, p.TotalSize)
			}
			last := k == len(pages)-1
			if p.Done != last || (p.NextRecordsURL == "") != last {
				t.Errorf("LIMIT %d page %d: done %v next %q", n, k, p.Done, p.NextRecordsURL)
			}
			if !last {
				m := locatorURL.FindStringSubmatch(p.NextRecordsURL)
				if m == nil || m[1] != strconv.Itoa(2000*(k+1)) || len(p.Records) != 2000 {
					t.Errorf("LIMIT %d page %d: %d records, next %q", n, k, len(p.Records), p.NextRecordsURL)
				}
			}
			for _, r := range p.Records {
				seen[r["Id"].(string)] = true
			}
		}
		if len(seen) != n {
			t.Errorf("LIMIT %d: %d distinct Ids over all pages", n, len(seen))
		}
	}
	resp, body := d.do(http.MethodGet, PinnedVersion, "query/01gAA0000000000AAA-2000", "")
	wantError(t, resp, body, http.StatusBadRequest, "INVALID_QUERY_LOCATOR", "locator")
}

func TestQueryAllSeesTheRecycleBinAndQueryDoesNot(t *testing.T) {
	d := newDataOrg(t, SeedConfig{Users: 3, Accounts: 600, Seed: 11})
	live, all := d.org.Count("Account", false), d.org.Count("Account", true)
	if live == all {
		t.Fatalf("seed has no soft-deleted accounts (%d)", all)
	}
	victim := d.query("query", "SELECT Id FROM Account LIMIT 1").Records[0]["Id"].(string)
	if err := d.org.Delete("Account", victim); err != nil {
		t.Fatal(err)
	}
	check := func(endpoint string, want int, wantVictim bool) {
		t.Helper()
		found, deleted := false, 0
		total := 0
		for _, p := range d.queryAllPages(endpoint, "SELECT Id, IsDeleted FROM Account") {
			total = p.TotalSize
			for _, r := range p.Records {
				if r["IsDeleted"].(bool) {
					deleted++
				}
				found = found || r["Id"] == victim
			}
		}
		if total != want || found != wantVictim || (endpoint == "query") != (deleted == 0) {
			t.Errorf("%s: total %d (want %d), victim %v, %d deleted rows", endpoint, total, want, found, deleted)
		}
	}
	check("query", live-1, false)
	check("queryAll", all, true)
	count := d.query("query", "SELECT COUNT() FROM Account WHERE IsDeleted = false")
	if count.TotalSize != live-1 || !count.Done || len(count.Records) != 0 {
		t.Errorf("COUNT(): %+v", count)
	}
	if c := d.query("queryAll", "SELECT COUNT() FROM Account WHERE IsDeleted = true"); c.TotalSize != all-live+1 {
		t.Errorf("queryAll COUNT() of deleted: %d, want %d", c.TotalSize, all-live+1)
	}
}

func TestQueryRecordShape(t *testing.T) {
	d := newDataOrg(t, SeedConfig{Users: 4, Accounts: 200, ContactsPerAccount: 1, Seed: 5})
	p := d.query("query", "SELECT Id, Name, AnnualRevenue, Customer_Since__c, CreatedDate, IsDeleted, CSM__c, CSM__r.Name, CSM__r.Email, Owner.Name, BillingAddress FROM Account")
	var seen accountVariety
	for _, r := range p.Records {
		checkAccountRecordShape(t, r)
		seen.add(r)
	}
	if !seen.withCSM || !seen.withoutCSM || !seen.withRevenue || !seen.withAddress {
		t.Errorf("seed variety: csm %v, empty csm %v, revenue %v, address %v", seen.withCSM, seen.withoutCSM, seen.withRevenue, seen.withAddress)
	}
	c := d.query("query", "select id, account.name, ACCOUNT.id from contact limit 1").Records[0]
	acc := c["Account"].(map[string]any)
	if c["Id"] == nil || acc["Name"] == nil || acc["Id"] == nil {
		t.Errorf("case-insensitive names did not come back canonical: %v", c)
	}
}

// accountVariety tells which kinds of Account records a query returned.
type accountVariety struct{ withCSM, withoutCSM, withRevenue, withAddress bool }

func (v *accountVariety) add(r map[string]any) {
	_, csm := r["CSM__r"].(map[string]any)
	_, revenue := r["AnnualRevenue"].(float64)
	_, address := r["BillingAddress"].(map[string]any)
	v.withCSM = v.withCSM || csm
	v.withoutCSM = v.withoutCSM || r["CSM__r"] == nil
	v.withRevenue = v.withRevenue || revenue
	v.withAddress = v.withAddress || address
}

var (
	restDateTime = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$`)
	restDate     = regexp.MustCompile(`^\d{4}-\d\d-\d\d$`)
)

// checkAccountRecordShape checks one Account record of TestQueryRecordShape's
// query: attributes, date and datetime formats, the Owner and CSM__r
// relationships, the compound BillingAddress.
func checkAccountRecordShape(t *testing.T, r map[string]any) {
	t.Helper()
	attrs := r["attributes"].(map[string]any)
	if attrs["type"] != "Account" || attrs["url"] != "/services/data/v62.0/sobjects/Account/"+r["Id"].(string) {
		t.Fatalf("attributes %v", attrs)
	}
	if !restDateTime.MatchString(r["CreatedDate"].(string)) {
		t.Fatalf("CreatedDate %q", r["CreatedDate"])
	}
	if cs, ok := r["Customer_Since__c"].(string); ok && !restDate.MatchString(cs) {
		t.Fatalf("date %q", cs)
	}
	owner := r["Owner"].(map[string]any)
	if owner["attributes"].(map[string]any)["type"] != "User" || owner["Name"] == "" {
		t.Fatalf("Owner %v", owner)
	}
	checkCSMRelationship(t, r)
	if a, ok := r["BillingAddress"].(map[string]any); ok {
		if _, ok := a["geocodeAccuracy"]; !ok || a["city"] == nil {
			t.Fatalf("BillingAddress %v", a)
		}
	}
}

// checkCSMRelationship checks that CSM__r is null with CSM__c, or the User
// CSM__c names, with its Email.
func checkCSMRelationship(t *testing.T, r map[string]any) {
	t.Helper()
	switch csm := r["CSM__r"].(type) {
	case nil:
		if r["CSM__c"] != nil {
			t.Fatalf("CSM__c %v with null CSM__r", r["CSM__c"])
		}
	case map[string]any:
		url := csm["attributes"].(map[string]any)["url"].(string)
		if !strings.HasSuffix(url, "/sobjects/User/"+r["CSM__c"].(string)) || csm["Email"] == nil {
			t.Fatalf("CSM__r %v", csm)
		}
	}
}

func TestSOQLAcceptanceAndRejection(t *testing.T) {
	d := newDataOrg(t, testSeed)
	accepted := []string{
		"SELECT Id, Name FROM Account",
		"SELECT Id FROM Account WHERE SystemModstamp >= 2024-01-01T00:00:00Z",
		"SELECT Id FROM Account WHERE SystemModstamp >= 2024-01-01T00:00:00.000Z",
		"SELECT Id FROM Account WHERE SystemModstamp >= 2024-01-01T00:00:00+00:00",
		"SELECT Id FROM Account WHERE SystemModstamp >= 2024-01-01T00:00:00.000+0000",
		"SELECT Id FROM Account WHERE SystemModstamp > 2024-01-01T00:00:00Z AND SystemModstamp < 2030-01-01T00:00:00Z",
		"SELECT Id FROM Account WHERE SystemModstamp <= 2030-01-01T00:00:00Z AND SystemModstamp = 2030-01-01T00:00:00Z",
		"SELECT Id FROM Account WHERE IsDeleted = false AND Id > '001' ORDER BY Id DESC LIMIT 3",
		"SELECT Id FROM Account WHERE Id = '001000000000000AAA'",
		"SELECT COUNT() FROM Contact WHERE IsDeleted = true",
		"SELECT Id, Owner.Name, Account.Name FROM Contact",
		"SELECT Id, CSM__r.Email, SDR__r.Name, Sales_Engineer__r.Phone FROM Account",
		"SELECT Id FROM Opportunity WHERE CloseDate >= 2024-01-01 ORDER BY Amount DESC NULLS LAST",
		"select id from lead where owner.email != null",
		"SELECT Id FROM Account WHERE Id IN ('001000000000000AAA', '001000000000001AAA') AND IsDeleted = false",
	}
	for _, q := range accepted {
		resp, body := d.do(http.MethodGet, PinnedVersion, "query?q="+url.QueryEscape(q), "")
		if resp.StatusCode != http.StatusOK {
			t.Errorf("%s: %d %s", q, resp.StatusCode, body)
		}
	}
	rejected := []struct{ q, code, fragment string }{
		{"SELECT Id, Nmae FROM Account", "INVALID_FIELD", "No such column 'Nmae' on entity 'Account'. If you are attempting to use a custom field, be sure to append the '__c'"},
		{"SELECT Id, CSM FROM Account", "INVALID_FIELD", "No such column 'CSM'"},
		{"SELECT Id, Boss__r.Name FROM Account", "INVALID_FIELD", "Didn't understand relationship 'Boss__r'"},
		{"SELECT Id, Owner.Shoe FROM Account", "INVALID_FIELD", "No such column 'Shoe' on entity 'User'"},
		{"SELECT Id FROM Account WHERE SystemModstamp >= '2024-01-01T00:00:00Z'", "INVALID_FIELD", "must be of type dateTime"},
		{"SELECT Id FROM Account WHERE IsDeleted = 'false'", "INVALID_FIELD", "must be of type boolean"},
		{"SELECT Id FROM Widget__c", "INVALID_TYPE", "sObject type 'Widget__c' is not supported"},
		{"SELECT Id FROM Account WHERE Name = 'a' OR Name = 'b'", "MALFORMED_QUERY", "OR"},
		{"SELECT Industry, COUNT(Id) FROM Account GROUP BY Industry", "MALFORMED_QUERY", ""},
		{"SELECT Id FROM Account OFFSET 10", "MALFORMED_QUERY", "OFFSET"},
		{"SELECT Id, (SELECT Id FROM Contacts) FROM Account", "MALFORMED_QUERY", ""},
		{"SELECT TYPEOF Owner WHEN User THEN Name END FROM Account", "MALFORMED_QUERY", "TYPEOF"},
		{"SELECT FIELDS(ALL) FROM Account LIMIT 200", "MALFORMED_QUERY", "FIELDS"},
		{"SELECT MAX(AnnualRevenue) FROM Account", "MALFORMED_QUERY", ""},
		{"SELECT Id FROM Account WHERE Name LIKE 'A%'", "MALFORMED_QUERY", "LIKE"},
		{"SELECT Id FROM Account WHERE NOT IsDeleted = true", "MALFORMED_QUERY", "NOT"},
		{"SELECT Id FROM Account WHERE Id IN ()", "MALFORMED_QUERY", ")"},
		{"SELECT Id FROM Account WHERE Id IN ('a' 'b')", "MALFORMED_QUERY", "'b'"},
		{"SELECT Id FROM Account WHERE Id NOT IN ('a')", "MALFORMED_QUERY", "NOT"},
		{"SELECT Id, Id FROM Account", "MALFORMED_QUERY", "duplicate field selected"},
		{"SELECT Id FROM Account LIMIT", "MALFORMED_QUERY", "EOF"},
		{"SELECT FROM Account", "MALFORMED_QUERY", "FROM"},
		{"DELETE FROM Account", "MALFORMED_QUERY", "DELETE"},
		{"SELECT Id FROM Account WHERE Name = 'open", "MALFORMED_QUERY", "unterminated"},
	}
	for _, r := range rejected {
		resp, body := d.do(http.MethodGet, PinnedVersion, "query?q="+url.QueryEscape(r.q), "")
		t.Run(r.q, func(t *testing.T) { wantError(t, resp, body, http.StatusBadRequest, r.code, r.fragment) })
	}
	resp, body := d.do(http.MethodGet, PinnedVersion, "query?q="+url.QueryEscape("SELECT Id,\n  Nmae FROM Account"), "")
	wantError(t, resp, body, http.StatusBadRequest, "INVALID_FIELD", "^\nERROR at Row:2:Column:3\nNo such column 'Nmae'")
}

func TestQueryFiltersOrderAndLimit(t *testing.T) {
	d := newDataOrg(t, SeedConfig{Users: 3, Accounts: 300, Seed: 8})
	cut := time.UnixMilli(seedAnchor - yearMillis).UTC()
	lit := cut.Format("2006-01-02T15:04:05Z")
	want := 0
	for _, r := range d.org.Snapshot("Account") {
		ts, _ := parseDateTimeLiteral(strings.Replace(r["SystemModstamp"].(string), "+0000", "Z", 1))
		if !r["IsDeleted"].(bool) && !ts.Before(cut) {
			want++
		}
	}
	var got []string
	for _, p := range d.queryAllPages("query", "SELECT Id, SystemModstamp FROM Account WHERE SystemModstamp >= "+lit+" ORDER BY SystemModstamp DESC") {
		for _, r := range p.Records {
			got = append(got, r["SystemModstamp"].(string))
		}
	}
	if len(got) != want || want == 0 {
		t.Fatalf("%d rows since %s, want %d", len(got), lit, want)
	}
	for i := 1; i < len(got); i++ {
		if got[i] > got[i-1] {
			t.Fatalf("not descending at %d: %s > %s", i, got[i], got[i-1])
		}
	}
	if p := d.query("query", "SELECT Id FROM Account ORDER BY Name LIMIT 7"); len(p.Records) != 7 || p.TotalSize != 7 {
		t.Errorf("LIMIT 7: %d records, totalSize %d", len(p.Records), p.TotalSize)
	}
}

// TestQueryIdIn: "Id IN (…)" returns exactly the listed records that exist
// (SOQL's comparison operators; sfsync reads records by Id with it).
func TestQueryIdIn(t *testing.T) {
	d := newDataOrg(t, SeedConfig{Users: 3, Accounts: 30, Seed: 8})
	snap := d.org.Snapshot("Account")
	a, b := snap[3]["Id"].(string), snap[17]["Id"].(string)
	q := "SELECT Id FROM Account WHERE Id IN ('" + a + "', '" + b + "', '001000000000999ZZZ')"
	resp, body := d.do(http.MethodGet, PinnedVersion, "query?q="+url.QueryEscape(q), "")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%d %s", resp.StatusCode, body)
	}
	var out struct {
		Records []struct{ Id string } `json:"records"`
	}
	if err := json.Unmarshal([]byte(body), &out); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range out.Records {
		got = append(got, r.Id)
	}
	slices.Sort(got)
	want := []string{a, b}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("Id IN gave %v, want %v", got, want)
	}
}
