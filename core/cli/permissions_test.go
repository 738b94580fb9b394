package cli

import (
	"errors"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/sfsync/sfsync/core/engine"
	"github.com/sfsync/sfsync/core/secrets"
	"github.com/sfsync/sfsync/core/sfsim"
)

// TestConnectNamesMissingPermissions: a user who lacks permissions gets the
// engine's one sentence naming every one of them, exit code 1, and nothing
// is kept (no token in the keyring, the source not connected).
func TestConnectNamesMissingPermissions(t *testing.T) {
	cases := []struct {
		name    string
		opts    sfsim.Options
		missing string // the list in the sentence, in the engine's order
	}{
		{"no View Setup, no Read on Lead", sfsim.Options{NoViewSetup: true, NoReadAccess: []string{"Lead"}}, "View Setup and Configuration; Read on Lead"},
		{"API disabled", sfsim.Options{APIDisabled: true}, "API Enabled"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tc.opts.Seed = smallSeed
			sim := sfsim.New(tc.opts)
			srv := httptest.NewServer(sim)
			defer srv.Close()
			token := sim.IssueAccessToken()
			c := newCLI(t)

			r := c.must(ExitFailed, token+"\n", "connect", "--instance-url", srv.URL, "--access-token", "-")
			line := strings.TrimSuffix(r.stderr, "\n")
			if strings.Contains(line, "\n") || !strings.HasPrefix(line, "sfsync: The Salesforce user ") ||
				!strings.Contains(line, " is missing: "+tc.missing+". Ask your Salesforce admin to grant") {
				t.Errorf("stderr is not one sentence naming %q:\n%s", tc.missing, r.stderr)
			}
			if strings.Contains(r.stdout, "is missing") {
				t.Errorf("the permission error is repeated on stdout:\n%s", r.stdout)
			}
			if _, err := keyringOf(c.dir).Get(engine.AccessTokenKey); !errors.Is(err, secrets.ErrNotFound) {
				t.Errorf("a refused connect left an access token in the keyring (err %v)", err)
			}
			if r = c.must(0, "", "status"); !strings.Contains(r.stdout, "Salesforce: Not connected") {
				t.Errorf("status after a refused connect:\n%s", r.stdout)
			}
			checkNoToken(t, token, c)
		})
	}
}
