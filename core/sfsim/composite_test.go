package sfsim

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

type compositeSub struct {
	Method      string `json:"method"`
	URL         string `json:"url"`
	ReferenceID string `json:"referenceId"`
}

func compositeBody(allOrNone bool, subs ...compositeSub) string {
	b, _ := json.Marshal(map[string]any{"allOrNone": allOrNone, "compositeRequest": subs})
	return string(b)
}

func querySub(ref, endpoint, soql string) compositeSub {
	return compositeSub{Method: "GET", URL: "/services/data/v62.0/" + endpoint + "?q=" + url.QueryEscape(soql), ReferenceID: ref}
}

type compositeAnswer struct {
	CompositeResponse []struct {
		Body           json.RawMessage   `json:"body"`
		HTTPHeaders    map[string]string `json:"httpHeaders"`
		HTTPStatusCode int               `json:"httpStatusCode"`
		ReferenceID    string            `json:"referenceId"`
	} `json:"compositeResponse"`
}

func TestCompositeFiveQueriesAreOneCall(t *testing.T) {
	d := newDataOrg(t, testSeed)
	var subs []compositeSub
	for i, obj := range []string{"User", "Account", "Contact", "Opportunity", "Lead"} {
		cols := "Id, SystemModstamp, IsDeleted"
		if obj == "User" { // a real User has no IsDeleted
			cols = "Id, SystemModstamp, IsActive"
		}
		subs = append(subs, querySub(fmt.Sprintf("r%d", i), "queryAll", "SELECT "+cols+" FROM "+obj+" WHERE SystemModstamp >= 2020-01-01T00:00:00Z"))
	}
	subs = append(subs, compositeSub{Method: "GET", URL: "/services/data/v62.0/sobjects/Account/describe", ReferenceID: "d"})
	before, _ := d.sim.Usage()
	resp, body := d.do(http.MethodPost, PinnedVersion, "composite", compositeBody(false, subs...))
	after, _ := d.sim.Usage()
	if resp.StatusCode != http.StatusOK || after-before != 1 {
		t.Fatalf("composite: %d, usage %d -> %d: %s", resp.StatusCode, before, after, body)
	}
	var a compositeAnswer
	mustUnmarshal(t, body, &a)
	if len(a.CompositeResponse) != len(subs) {
		t.Fatalf("%d answers", len(a.CompositeResponse))
	}
	for i, obj := range []string{"User", "Account", "Contact", "Opportunity", "Lead"} {
		r := a.CompositeResponse[i]
		var p queryPage
		mustUnmarshal(t, r.Body, &p)
		if r.HTTPStatusCode != 200 || r.ReferenceID != fmt.Sprintf("r%d", i) || r.HTTPHeaders == nil ||
			p.TotalSize != d.org.Count(obj, true) || !p.Done {
			t.Errorf("%s: status %d ref %s total %d (want %d)", obj, r.HTTPStatusCode, r.ReferenceID, p.TotalSize, d.org.Count(obj, true))
		}
	}
	if !strings.Contains(string(a.CompositeResponse[5].Body), `"name":"Account"`) {
		t.Errorf("describe subrequest body %s", a.CompositeResponse[5].Body)
	}
}

func TestCompositeLimitsAndFailingSubrequests(t *testing.T) {
	d := newDataOrg(t, testSeed)
	var six, many []compositeSub
	for i := range 6 {
		six = append(six, querySub(fmt.Sprintf("q%d", i), "query", "SELECT Id FROM User"))
	}
	for i := range 26 {
		many = append(many, compositeSub{Method: "GET", URL: "/services/data/v62.0/sobjects", ReferenceID: fmt.Sprintf("s%d", i)})
	}
	resp, body := d.do(http.MethodPost, PinnedVersion, "composite", compositeBody(false, six...))
	wantError(t, resp, body, http.StatusBadRequest, "INVALID_API_INPUT", "5")
	resp, body = d.do(http.MethodPost, PinnedVersion, "composite", compositeBody(false, many...))
	wantError(t, resp, body, http.StatusBadRequest, "INVALID_API_INPUT", "25")
	if resp, body = d.do(http.MethodPost, PinnedVersion, "composite", compositeBody(false, many[:25]...)); resp.StatusCode != http.StatusOK {
		t.Errorf("25 subrequests: %d %s", resp.StatusCode, body)
	}

	bad := querySub("bad", "query", "SELECT Id, Nope FROM Account")
	good := querySub("good", "query", "SELECT Id FROM Lead")
	resp, body = d.do(http.MethodPost, PinnedVersion, "composite", compositeBody(false, bad, good,
		compositeSub{Method: "GET", URL: "/services/data/v62.0/sobjects/Nope/describe", ReferenceID: "missing"}))
	var a compositeAnswer
	mustUnmarshal(t, body, &a)
	if resp.StatusCode != http.StatusOK || len(a.CompositeResponse) != 3 {
		t.Fatalf("composite with a failure: %d %s", resp.StatusCode, body)
	}
	var errs []apiError
	mustUnmarshal(t, a.CompositeResponse[0].Body, &errs)
	if a.CompositeResponse[0].HTTPStatusCode != 400 || errs[0].ErrorCode != "INVALID_FIELD" {
		t.Errorf("failing subrequest: %d %s", a.CompositeResponse[0].HTTPStatusCode, a.CompositeResponse[0].Body)
	}
	if a.CompositeResponse[1].HTTPStatusCode != 200 || a.CompositeResponse[2].HTTPStatusCode != 404 {
		t.Errorf("other subrequests: %d, %d", a.CompositeResponse[1].HTTPStatusCode, a.CompositeResponse[2].HTTPStatusCode)
	}
	_, body = d.do(http.MethodPost, PinnedVersion, "composite", compositeBody(true, bad, good))
	a = compositeAnswer{}
	mustUnmarshal(t, body, &a)
	if a.CompositeResponse[1].HTTPStatusCode != 400 || !strings.Contains(string(a.CompositeResponse[1].Body), "PROCESSING_HALTED") {
		t.Errorf("allOrNone after a failure: %d %s", a.CompositeResponse[1].HTTPStatusCode, a.CompositeResponse[1].Body)
	}
	resp, body = d.do(http.MethodPost, PinnedVersion, "composite", `{"compositeRequest":`)
	wantError(t, resp, body, http.StatusBadRequest, "JSON_PARSER_ERROR", "")
}
