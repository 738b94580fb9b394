package cli

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sfsync/sfsync/core/engine"
	"github.com/sfsync/sfsync/core/secrets"
	"github.com/sfsync/sfsync/core/sfcli"
)

// stubSF writes an sf stand-in whose `org display --target-org acme`
// answers with token on instance (other targets: not logged in), and
// points $SFSYNC_SF at it. The real CLI is cmd/sfsync's test.
func stubSF(t *testing.T, instance, token string) {
	t.Helper()
	dir := t.TempDir()
	script := `#!/bin/sh
case "$*" in
*"org display --target-org acme"*) echo '{"status":0,"result":{"id":"00D","accessToken":"` + token + `","instanceUrl":"` + instance + `","username":"me@acme.example","alias":"acme","connectedStatus":"Connected"}}' ;;
*) echo '{"status":1,"name":"NamedOrgNotFoundError","message":"No authorization information found for this org."}'; exit 1 ;;
esac
`
	path := filepath.Join(dir, "sf")
	if err := os.WriteFile(path, []byte(script), 0o700); err != nil {
		t.Fatal(err)
	}
	t.Setenv(sfcli.PathEnv, path)
}

// TestConnectThroughSalesforceCLI (issue 10): `sfsync connect --sf-org
// ALIAS` uses the CLI's session, says it stores no token, leaves nothing
// in the keyring, and status says so; an org the CLI is not logged in to
// is one sentence naming `sf org login web`.
func TestConnectThroughSalesforceCLI(t *testing.T) {
	sim, srv := newSim(t, smallSeed)
	token := sim.IssueAccessToken()
	stubSF(t, srv.URL, token)
	c := newCLI(t)
	r := c.must(ExitFailed, "", "connect", "--sf-org", "unknown")
	if !strings.Contains(r.stderr, "not logged in to this org") || !strings.Contains(r.stderr, "sf org login web") {
		t.Errorf("unknown org: %s", r.stderr)
	}
	r = c.must(ExitOK, "", "connect", "--sf-org", "acme")
	if !strings.Contains(r.stderr+r.stdout, "Signed in through the Salesforce CLI (acme): sfsync stores no token") {
		t.Errorf("connect does not say whose session it uses:\n%s%s", r.stdout, r.stderr)
	}
	kr := keyringOf(c.dir)
	for _, key := range []string{engine.RefreshTokenKey, engine.AccessTokenKey} {
		if _, err := kr.Get(key); !errors.Is(err, secrets.ErrNotFound) {
			t.Errorf("%s in the keyring: %v", key, err)
		}
	}
	st := c.must(ExitOK, "", "status")
	if !strings.Contains(st.stdout, "Sign-in:     Signed in through the Salesforce CLI (acme)") {
		t.Errorf("status:\n%s", st.stdout)
	}
	if got := jsonResult[StatusResult](t, c.must(ExitOK, "", "status", "--json")); got.SFOrg != "acme" {
		t.Errorf("status --json sf_org = %q", got.SFOrg)
	}
	c.must(ExitOK, "", "sync", "--once")
	for _, out := range *c.outputs {
		if strings.Contains(out, token) {
			t.Fatal("an output holds the CLI's token")
		}
	}
	if r := c.run("", "connect", "--sf-org", "acme", "--demo"); r.code != ExitUsage {
		t.Errorf("--sf-org with --demo: exit %d", r.code)
	}
}
