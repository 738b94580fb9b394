package salesforce

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

func TestParseLimitInfo(t *testing.T) {
	cases := []struct {
		in        string
		used, max int64
		ok        bool
	}{
		{"api-usage=18/5000", 18, 5000, true},
		{"api-usage=10018/100000; api-bursts=1/750", 10018, 100000, true},
		{"api-usage=25/5000; per-app-api-usage=17/250(appName=sample-connected-app)", 25, 5000, true},
		{"per-app-api-usage=17/250(appName=x); api-usage=26/5000", 26, 5000, true},
		{"  API-Usage = 7 / 15000 ", 7, 15000, true},
		{"api-usage=7/15000(extra)", 7, 15000, true},
		{"per-app-api-usage=17/250(appName=x)", 0, 0, false},
		{"api-usage=abc/5000", 0, 0, false},
		{"api-usage=-1/5000", 0, 0, false},
		{"api-usage=5", 0, 0, false},
		{"", 0, 0, false},
	}
	for _, c := range cases {
		used, max, ok := ParseLimitInfo(c.in)
		if used != c.used || max != c.max || ok != c.ok {
			t.Errorf("ParseLimitInfo(%q) = %d, %d, %v; want %d, %d, %v", c.in, used, max, ok, c.used, c.max, c.ok)
		}
	}
}

// FuzzParseLimitInfo checks the parser never panics and that whatever it
// reports is consistent with a well-formed "api-usage=U/M" it was given.
func FuzzParseLimitInfo(f *testing.F) {
	for _, s := range []string{"api-usage=18/5000", "api-usage=10018/100000; api-bursts=1/750",
		"api-usage=25/5000; per-app-api-usage=17/250(appName=x)", "", ";;", "api-usage=/", "api-usage=1/2/3"} {
		f.Add(s, int64(3), int64(9))
	}
	f.Fuzz(func(t *testing.T, header string, u, m int64) {
		used, max, ok := ParseLimitInfo(header)
		if ok && (used < 0 || max < 0) {
			t.Fatalf("negative usage from %q", header)
		}
		if u < 0 || m < 0 || strings.Contains(strings.ToLower(header), "api-usage") {
			return
		}
		// An api-usage part appended to a header that has none must be found.
		with := header + "; " + fmt.Sprintf("api-usage=%d/%d", u, m)
		used, max, ok = ParseLimitInfo(with)
		if !ok || used != u || max != m {
			t.Fatalf("ParseLimitInfo(%q) = %d, %d, %v; want %d, %d", with, used, max, ok, u, m)
		}
	})
}

func TestLimitsAcceptStringsAndNestedEntries(t *testing.T) {
	body := `{"DailyApiRequests":{"Max":15000,"Remaining":"14998","Ant Migration Tool":{"Max":0,"Remaining":0}},
	"DailyBulkV2QueryJobs":{"Max":"10000","Remaining":9999},"Odd":[1,2]}`
	var l Limits
	if err := json.Unmarshal([]byte(body), &l); err != nil {
		t.Fatal(err)
	}
	if got := l.DailyAPIRequests(); got.Max != 15000 || got.Remaining != 14998 || got.Used() != 2 {
		t.Errorf("DailyApiRequests = %+v", got)
	}
	if got := l["DailyBulkV2QueryJobs"]; got.Max != 10000 || got.Remaining != 9999 {
		t.Errorf("DailyBulkV2QueryJobs = %+v", got)
	}
	if got := l.DailyAPIRequests().Apps["Ant Migration Tool"]; got.Max != 0 || got.Remaining != 0 {
		t.Errorf("per-app entry = %+v", got)
	}
	// One entry Salesforce words oddly must not hide the others: it reads as
	// unknown (zero), never as an error.
	if err := json.Unmarshal([]byte(`{"X":{"Max":"lots"},"DailyApiRequests":{"Max":100,"Remaining":40}}`), &l); err != nil {
		t.Fatal(err)
	}
	if l["X"].Max != 0 || l.DailyAPIRequests().Used() != 60 {
		t.Errorf("limits with an odd entry = %+v", l)
	}
}
