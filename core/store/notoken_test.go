package store

import (
	"bytes"
	"os"
	"testing"
	"time"

	"github.com/sfsync/sfsync/core/secrets"
)

// TestNoTokenInTheFile runs a connect-like flow: the refresh token goes to
// the secrets store, everything else to the store, and the raw database
// file must contain the settings and records but never the token.
func TestNoTokenInTheFile(t *testing.T) {
	const token = "5Aep861FAKErefreshTOKENxyzzy0123456789"
	dir := t.TempDir()
	s, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	keys := secrets.NewMemory()
	if err := keys.Set("00D000000000001:refresh", token); err != nil {
		t.Fatal(err)
	}
	got, err := keys.Get("00D000000000001:refresh")
	if err != nil || got != token {
		t.Fatal("token did not round-trip through the secrets store")
	}
	set := SourceSettings{LoginHost: LoginDemo, InstanceURL: "http://127.0.0.1:1", OrgID: "00D000000000001",
		OrgName: "Known Org Name", UserName: "ann@acme.test", ClientID: "sfsync-demo", Enabled: true,
		Fields: map[string][]string{"Account": {"Id", "Name"}}, Status: "active", UpdatedAt: time.Now()}
	if err := s.PutSettings(set); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ApplyPage(Page{Object: "Account", Columns: []string{"Id", "Name"},
		Rows: CSVRows([][]string{{"00100000000000000A", "Known Record Value"}})}); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveRun(&Run{Start: time.Now(), Result: "error", Error: "refresh: invalid_grant"}); err != nil {
		t.Fatal(err)
	}
	s.Close()

	raw, err := os.ReadFile(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	// The scan finds what was stored, so its silence about the token means something.
	for _, present := range []string{"Known Org Name", "Known Record Value", "invalid_grant"} {
		if !bytes.Contains(raw, []byte(present)) {
			t.Fatalf("raw file lacks %q: the scan would not see a token either", present)
		}
	}
	if bytes.Contains(raw, []byte(token)) {
		t.Fatal("the refresh token is in the database file")
	}

	// Disconnect and delete leaves none of the org's data in the file.
	s, err = Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.DeleteSourceData(); err != nil {
		t.Fatal(err)
	}
	raw, err = os.ReadFile(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	for _, gone := range []string{"Known Org Name", "Known Record Value"} {
		if bytes.Contains(raw, []byte(gone)) {
			t.Errorf("%q still in the file after DeleteSourceData", gone)
		}
	}
}
