package sfsim

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// TestEveryVersionAndPathForm: every version from 31.0 to 62.0 is listed
// and served (the Salesforce CLI reads the User record at v51.0); the
// versions list answers with or without its slash and under a doubled
// leading slash (an instance URL saved with a trailing slash); a version's
// resource lists its resources; a doubled slash inside a path is 404 as on
// Salesforce; Bulk 2.0 query starts at v47.0.
func TestEveryVersionAndPathForm(t *testing.T) {
	s, ts := startServer(t, Options{})
	token := s.IssueAccessToken()
	for _, path := range []string{"/services/data", "/services/data/", "//services/data", "//services/data/"} {
		resp, body := call(t, "GET", ts.URL+path, "", nil)
		var list []versionInfo
		if resp.StatusCode != 200 || json.Unmarshal(body, &list) != nil || len(list) != 32 ||
			list[0].Version != "31.0" || list[31].Version != "62.0" || list[20].URL != "/services/data/v51.0" {
			t.Fatalf("GET %s: %d %.200s", path, resp.StatusCode, body)
		}
	}
	user := s.defaultUser()
	for _, path := range []string{"/services/data/v51.0/sobjects/User/" + user, "//services/data/v31.0/limits"} {
		if resp, body := call(t, "GET", ts.URL+path, token, nil); resp.StatusCode != 200 {
			t.Errorf("GET %s: %d %s", path, resp.StatusCode, body)
		}
	}
	for _, path := range []string{"/services/data/v62.0", "/services/data/v62.0/", "//services/data/v50.0"} {
		resp, body := call(t, "GET", ts.URL+path, token, nil)
		var res map[string]string
		if resp.StatusCode != 200 || json.Unmarshal(body, &res) != nil || !strings.HasSuffix(res["sobjects"], "/sobjects") ||
			!strings.HasSuffix(res["query"], "/query") || !strings.HasSuffix(res["limits"], "/limits") {
			t.Errorf("GET %s: %d %.200s", path, resp.StatusCode, body)
		}
	}
	for _, path := range []string{"/services/data/v62.0//sobjects/Account", "/services/data/v30.0/limits", "/services/data/v63.0/limits"} {
		resp, body := call(t, "GET", ts.URL+path, token, nil)
		wantRESTError(t, resp, body, http.StatusNotFound, "NOT_FOUND", "The requested resource does not exist")
	}
	resp, body := call(t, "POST", ts.URL+"/services/data/v46.0/jobs/query", token, strings.NewReader(jobBody("query", "SELECT Id FROM Account")))
	wantRESTError(t, resp, body, http.StatusNotFound, "NOT_FOUND", "")
}
