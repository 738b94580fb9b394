package sfsim

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestJavaDoubleForm(t *testing.T) {
	for x, want := range map[float64]string{
		0: "0.0", 3: "3.0", 10: "10.0", 0.5: "0.5", 1234567: "1234567.0", 1234567.89: "1234567.89",
		9999999.99: "9999999.99", 1e7: "1.0E7", 12345678: "1.2345678E7", 99213206: "9.9213206E7",
		16147805824397: "1.6147805824397E13", 12345678.91: "1.234567891E7", 0.001: "0.001", 0.0001: "1.0E-4",
		-12345678.5: "-1.23456785E7", -42: "-42.0", 1e21: "1.0E21", 123.456: "123.456", 5e8: "5.0E8",
	} {
		if got := string(appendJavaDouble(nil, x)); got != want {
			t.Errorf("%v: %s, want %s", x, got, want)
		}
	}
}

// TestRESTNumbersAsSalesforcePrintsThem: currency and double values in REST
// JSON (query, composite, record GET) take Java's double form (exponent from
// 10^7 on, a fraction digit always), cents survive exactly, int fields are
// integers, Bulk CSV prints plain decimals; the plain-numbers switch turns
// the exponent form off.
func TestRESTNumbersAsSalesforcePrintsThem(t *testing.T) {
	d := newDataOrg(t, SeedConfig{Users: 2, Accounts: 3, Seed: 1})
	ids := d.query("query", "SELECT Id FROM Account ORDER BY Id").Records
	a, b, c := ids[0]["Id"].(string), ids[1]["Id"].(string), ids[2]["Id"].(string)
	admin(t, d.srv, "PATCH", "/_sim/records/Account/"+a, `{"AnnualRevenue":99213206,"NumberOfEmployees":12345678}`, http.StatusNoContent)
	admin(t, d.srv, "PATCH", "/_sim/records/Account/"+b, `{"AnnualRevenue":1234567.89,"NumberOfEmployees":7}`, http.StatusNoContent)
	admin(t, d.srv, "PATCH", "/_sim/records/Account/"+c, `{"AnnualRevenue":"25000","NumberOfEmployees":null}`, http.StatusNoContent)
	soql := "SELECT Id, AnnualRevenue, NumberOfEmployees FROM Account ORDER BY Id"
	wantIn := func(where string, body []byte, parts ...string) {
		t.Helper()
		for _, p := range parts {
			if !strings.Contains(string(body), p) {
				t.Errorf("%s: %q not in %s", where, p, body)
			}
		}
	}
	real := []string{`"AnnualRevenue":9.9213206E7,"NumberOfEmployees":12345678}`,
		`"AnnualRevenue":1234567.89,"NumberOfEmployees":7}`, `"AnnualRevenue":25000.0,"NumberOfEmployees":null}`}
	_, body := d.do(http.MethodGet, PinnedVersion, "query?q="+url.QueryEscape(soql), "")
	wantIn("query", body, real...)
	_, body = d.do(http.MethodPost, PinnedVersion, "composite", compositeBody(false, querySub("q", "queryAll", soql)))
	wantIn("composite", body, real...)
	_, body = d.do(http.MethodGet, PinnedVersion, "sobjects/Account/"+a+"?fields=AnnualRevenue,NumberOfEmployees", "")
	wantIn("record", body, `"AnnualRevenue":9.9213206E7`)

	job := d.createJob("query", soql)
	d.completeJob(job.ID)
	_, rows, _ := d.allResults(job.ID, 10)
	if rows[0][1] != "99213206" || rows[1][1] != "1234567.89" || rows[2][1] != "25000" || rows[0][2] != "12345678" {
		t.Errorf("bulk CSV numbers %v", rows)
	}

	admin(t, d.srv, "PUT", "/_sim/json-numbers", `{"plain":true}`, http.StatusNoContent)
	_, body = d.do(http.MethodGet, PinnedVersion, "query?q="+url.QueryEscape(soql), "")
	wantIn("plain query", body, `"AnnualRevenue":99213206,`, `"AnnualRevenue":1234567.89,`, `"AnnualRevenue":25000,`)
}
