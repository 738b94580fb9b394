package fields_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"testing"

	"github.com/sfsync/sfsync/core/fields"
	"github.com/sfsync/sfsync/core/salesforce"
	"github.com/sfsync/sfsync/core/sfsim"
)

// TestPresetsAgainstDemoOrg builds the catalog from the simulator's describe
// over HTTP, applies every shipped preset, and has the simulator run each
// resulting query: the Demo org must offer everything the presets name, and
// the SOQL built from them must be accepted.
func TestPresetsAgainstDemoOrg(t *testing.T) {
	sim := sfsim.New(sfsim.Options{})
	srv := httptest.NewServer(sim)
	defer srv.Close()
	token := sim.IssueAccessToken()
	get := func(path string, into any) {
		t.Helper()
		req, err := http.NewRequest(http.MethodGet, srv.URL+"/services/data/v"+salesforce.APIVersion+path, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %s", path, resp.Status)
		}
		if err := json.NewDecoder(resp.Body).Decode(into); err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
	}

	var describes []salesforce.SObjectDescribe
	for _, obj := range fields.Objects {
		var d salesforce.SObjectDescribe
		get("/sobjects/"+obj+"/describe", &d)
		describes = append(describes, d)
	}
	catalog, err := fields.NewCatalog(describes)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile("../../assets/presets.json")
	if err != nil {
		t.Fatal(err)
	}
	presets, err := fields.ParsePresets(data)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range presets.Presets {
		sel, skipped := catalog.ApplyPreset(fields.Selection{}, p)
		if len(skipped) != 0 {
			t.Errorf("%s: the Demo org lacks %v", p.Name, skipped)
		}
		for _, obj := range fields.Objects {
			q, err := catalog.SelectSOQL(obj, sel, nil)
			if err != nil {
				t.Fatalf("%s %s: %v", p.Name, obj, err)
			}
			var res struct {
				TotalSize int               `json:"totalSize"`
				Records   []json.RawMessage `json:"records"`
			}
			get("/query?q="+url.QueryEscape(q+" LIMIT 1"), &res)
			if len(res.Records) != 1 {
				t.Errorf("%s: %q returned %d records", p.Name, q, len(res.Records))
			}
		}
	}
}
