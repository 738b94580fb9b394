package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sfsync/sfsync/core/app"
	"github.com/sfsync/sfsync/core/engine"
	"github.com/sfsync/sfsync/core/secrets"
	"github.com/sfsync/sfsync/core/sfcli"
	"github.com/sfsync/sfsync/core/sfsim"
	"github.com/sfsync/sfsync/core/sfsim/simtest"
)

// realSF is the Salesforce CLI `make sf` installs (npm @salesforce/cli on
// Node 22, pinned in the Makefile), relative to this package.
const realSF = "../../.cache/sf/node_modules/.bin/sf"

// TestConnectThroughTheRealSalesforceCLI (issue 10): the real `sf`,
// logged in to the simulator, lists the org and gives its session to
// core/sfcli; `sfsync connect --sf-org` through it syncs with nothing in
// the keyring and says so; a new process syncs by asking sf again (here
// after sf was logged in with a new token and the old one expired); once
// sf is logged out, sync fails in one sentence naming `sf org login web`.
// No token reaches any output.
func TestConnectThroughTheRealSalesforceCLI(t *testing.T) {
	sfPath, err := filepath.Abs(realSF)
	if err == nil {
		_, err = os.Stat(sfPath)
	}
	if err != nil {
		t.Fatalf("the Salesforce CLI is not installed (%v): run `make sf` (part of `make test`)", err)
	}
	sim := sfsim.New(sfsim.Options{Seed: sfsim.SeedConfig{Users: 5, Accounts: 60, ContactsPerAccount: 1, OpportunitiesPerAccount: 1, Leads: 10, Seed: 3}})
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	home := t.TempDir()
	tokens := []string{sim.IssueAccessToken()}
	sfEnv := func() []string { return simtest.SalesforceCLIEnv(filepath.Dir(sfPath), home, tokens[len(tokens)-1]) }
	runSF := func(args ...string) {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, sfPath, append(args, "--json")...)
		cmd.Env, cmd.Dir = sfEnv(), home
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("sf %s: %v\n%s", strings.Join(args, " "), err, scrubTokens(string(out), tokens))
		}
	}
	runSF("org", "login", "access-token", "--instance-url", srv.URL, "--alias", "sim", "--no-prompt")

	checkSFCLI(t, &sfcli.CLI{Path: sfPath, Env: sfEnv()}, sim.Org().OrgID(), srv.URL, tokens[0])

	// sfsync as a person runs it.
	bin := buildApp(t)
	data := filepath.Join(t.TempDir(), "data")
	var outputs []string
	sfsync := func(want int, args ...string) string {
		t.Helper()
		cmd := exec.Command(bin, append([]string{"--data-dir", data}, args...)...)
		// sf's home, but not its PATH: sfsync finds the Node beside sf itself.
		cmd.Env = append(os.Environ(), sfcli.PathEnv+"="+sfPath)
		for _, kv := range sfEnv() {
			if !strings.HasPrefix(kv, "PATH=") {
				cmd.Env = append(cmd.Env, kv)
			}
		}
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		err := cmd.Run()
		outputs = append(outputs, out.String())
		if code := cmd.ProcessState.ExitCode(); code != want {
			t.Fatalf("sfsync %s: exit %d (%v), want %d:\n%s", strings.Join(args, " "), code, err, want, scrubTokens(out.String(), tokens))
		}
		return out.String()
	}
	out := sfsync(0, "connect", "--sf-org", "sim")
	if !strings.Contains(out, "Signed in through the Salesforce CLI (sim): sfsync stores no token") || !strings.Contains(out, "Sync finished") {
		t.Errorf("connect --sf-org:\n%s", scrubTokens(out, tokens))
	}
	nothingInKeyring(t, data)
	var st struct {
		Result struct {
			SFOrg  string         `json:"sf_org"`
			Counts map[string]int `json:"counts"`
		} `json:"result"`
	}
	if err := json.Unmarshal([]byte(sfsync(0, "status", "--json")), &st); err != nil || st.Result.SFOrg != "sim" || st.Result.Counts["Account"] != 60 {
		t.Fatalf("status --json: %+v, %v", st, err)
	}

	// sf gets a new session; the one sfsync last used is revoked.
	tokens = append(tokens, sim.IssueAccessToken())
	runSF("org", "login", "access-token", "--instance-url", srv.URL, "--alias", "sim", "--no-prompt")
	resp, err := http.PostForm(srv.URL+"/services/oauth2/revoke", url.Values{"token": {tokens[0]}})
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("revoke the first token: %v %v", resp, err)
	}
	resp.Body.Close()
	sfsync(0, "sync", "--once")

	runSF("org", "logout", "--target-org", "sim", "--no-prompt")
	out = sfsync(1, "sync", "--once")
	if !strings.Contains(out, "sf org login web") {
		t.Errorf("sync with sf logged out:\n%s", scrubTokens(out, tokens))
	}
	if joined := strings.Join(outputs, "\n"); scrubTokens(joined, tokens) != joined {
		t.Fatal("an sfsync output holds a token")
	}
}

// checkSFCLI: core/sfcli against the real CLI logged in to the org orgID
// at instance with token, alias "sim".
func checkSFCLI(t *testing.T, cli *sfcli.CLI, orgID, instance, token string) {
	t.Helper()
	orgs, err := cli.Orgs(context.Background())
	if err != nil || len(orgs) != 1 || orgs[0].Target() != "sim" || orgs[0].OrgID != orgID {
		t.Fatalf("sf org list through sfcli: %+v, %v", orgs, err)
	}
	s, err := cli.Session(context.Background(), "sim")
	if err != nil || s.AccessToken != token || s.InstanceURL != instance {
		t.Fatalf("sf's session through sfcli: %v, %v", s, err)
	}
}

// nothingInKeyring: the data directory's keyring holds no token.
func nothingInKeyring(t *testing.T, data string) {
	t.Helper()
	abs, _ := filepath.Abs(data)
	kr := app.Scoped(secrets.NewKeyring("", 0), abs)
	for _, key := range []string{engine.RefreshTokenKey, engine.AccessTokenKey} {
		if _, err := kr.Get(key); !errors.Is(err, secrets.ErrNotFound) {
			t.Errorf("%s in the keyring for a Salesforce CLI session: %v", key, err)
		}
	}
}

// scrubTokens hides tokens in failure messages.
func scrubTokens(s string, tokens []string) string {
	for _, tok := range tokens {
		s = strings.ReplaceAll(s, tok, "[token]")
	}
	return s
}
