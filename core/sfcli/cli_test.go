package sfcli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fakeSF writes an sf stand-in that answers each command ("org list",
// "org display", "org auth") with the canned reply in answers (exit status
// 1 when the reply's status is not 0) and records its arguments. It stands
// in for the CLI's output formats; sfcli_real_test.go runs the real one.
func fakeSF(t *testing.T, answers map[string]string) (*CLI, string) {
	t.Helper()
	dir := t.TempDir()
	for cmd, body := range answers {
		if err := os.WriteFile(filepath.Join(dir, strings.ReplaceAll(cmd, " ", "_")+".json"), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	script := `#!/bin/sh
echo "$@" >> "` + dir + `/args"
f="` + dir + `/$1_$2.json"
[ -f "` + dir + `/sleep" ] && sleep 30
[ -f "$f" ] || { echo '{"status":1,"name":"UnknownCommand","message":"no such command"}'; exit 1; }
cat "$f"
grep -q '"status": *0' "$f" || exit 1
`
	path := filepath.Join(dir, "sf")
	if err := os.WriteFile(path, []byte(script), 0o700); err != nil {
		t.Fatal(err)
	}
	return &CLI{Path: path, Timeout: 5 * time.Second}, dir
}

const token = "00DTEST!AQ0AQFakeAccessTokenValue.forTests"

func TestOrgsListsEachOrgOnce(t *testing.T) {
	c, _ := fakeSF(t, map[string]string{"org list": `{"status":0,"result":{
	 "other":[{"alias":"acme","username":"me@acme.com","orgId":"00DA","instanceUrl":"https://acme.my.salesforce.com","accessToken":"` + token + `","connectedStatus":"Connected"}],
	 "sandboxes":[{"username":"me@acme.com.dev","orgId":"00DB","instanceUrl":"https://acme--dev.sandbox.my.salesforce.com","isSandbox":true}],
	 "nonScratchOrgs":[{"alias":"acme","username":"me@acme.com"},{"username":"me@acme.com.dev"}],
	 "devHubs":[],
	 "scratchOrgs":[{"alias":"old","username":"x@scratch","isExpired":true},{"alias":"so","username":"y@scratch","orgId":"00DC"}]}}`})
	orgs, err := c.Orgs(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, o := range orgs {
		got = append(got, fmt.Sprintf("%s=%s sb=%v sc=%v", o.Label(), o.Target(), o.Sandbox, o.Scratch))
	}
	want := []string{"acme (me@acme.com)=acme sb=false sc=false", "me@acme.com.dev=me@acme.com.dev sb=true sc=false", "so (y@scratch)=so sb=false sc=true"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("orgs %v, want %v", got, want)
	}
	if strings.Contains(fmt.Sprintf("%+v", orgs), token) {
		t.Fatal("an org holds the token org list printed")
	}
}

func TestSession(t *testing.T) {
	display := func(tok, status string) string {
		return `{"status":0,"result":{"id":"00DA","accessToken":"` + tok + `","instanceUrl":"https://acme.my.salesforce.com/","username":"me@acme.com","alias":"acme","connectedStatus":"` + status + `"}}`
	}
	t.Run("token in org display", func(t *testing.T) {
		c, dir := fakeSF(t, map[string]string{"org display": display(token, "Connected")})
		s, err := c.Session(context.Background(), "acme")
		if err != nil || s.AccessToken != token || s.InstanceURL != "https://acme.my.salesforce.com" || s.OrgID != "00DA" {
			t.Fatalf("session %v, %v", s, err)
		}
		if strings.Contains(fmt.Sprintf("%v %+v %s", s, s, s), token) {
			t.Error("printing a Session shows its token")
		}
		args, _ := os.ReadFile(filepath.Join(dir, "args"))
		if strings.TrimSpace(string(args)) != "org display --target-org acme --json" {
			t.Errorf("sf called with %q", args)
		}
	})
	t.Run("redacted in org display", func(t *testing.T) {
		c, dir := fakeSF(t, map[string]string{
			"org display": display("[REDACTED] Use 'sf org auth show-access-token' to view", "Connected"),
			"org auth":    `{"status":0,"result":{"accessToken":"` + token + `"},"warnings":["This command exposes a sensitive Access Token"]}`,
		})
		s, err := c.Session(context.Background(), "acme")
		if err != nil || s.AccessToken != token {
			t.Fatalf("session %v, %v", s, err)
		}
		args, _ := os.ReadFile(filepath.Join(dir, "args"))
		if !strings.Contains(string(args), "org auth show-access-token --target-org acme --json") {
			t.Errorf("sf called with %q", args)
		}
	})
	t.Run("signed out", func(t *testing.T) {
		for name, answer := range map[string]string{
			"unknown alias":  `{"status":1,"name":"NamedOrgNotFoundError","message":"No authorization information found for acme."}`,
			"refresh failed": display(token, "Unable to refresh session due to: Error authenticating with the refresh token due to: expired access/refresh token"),
		} {
			c, _ := fakeSF(t, map[string]string{"org display": answer})
			_, err := c.Session(context.Background(), "acme")
			if !errors.Is(err, ErrSignedOut) || strings.Contains(err.Error(), token) {
				t.Errorf("%s: %v", name, err)
			}
		}
	})
	t.Run("no answer in time", func(t *testing.T) {
		c, dir := fakeSF(t, map[string]string{"org display": display(token, "Connected")})
		if err := os.WriteFile(filepath.Join(dir, "sleep"), nil, 0o600); err != nil {
			t.Fatal(err)
		}
		c.Timeout = 300 * time.Millisecond
		start := time.Now()
		_, err := c.Session(context.Background(), "acme")
		if err == nil || !strings.Contains(err.Error(), "no answer within") || time.Since(start) > 10*time.Second {
			t.Fatalf("err %v after %s", err, time.Since(start))
		}
	})
	t.Run("no JSON", func(t *testing.T) {
		c, dir := fakeSF(t, nil)
		if err := os.WriteFile(filepath.Join(dir, "org_display.json"), []byte("accessToken "+token+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := c.Session(context.Background(), "acme")
		if err == nil || strings.Contains(err.Error(), token) {
			t.Fatalf("err %v", err)
		}
	})
}

func TestFind(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	t.Setenv(PathEnv, "")
	if _, err := Find(); !errors.Is(err, ErrNotInstalled) {
		t.Fatalf("no sf anywhere: %v", err)
	}
	c, _ := fakeSF(t, nil)
	t.Setenv(PathEnv, c.Path)
	if got, err := Find(); err != nil || got.Path != c.Path {
		t.Fatalf("Find with $%s: %v, %v", PathEnv, got, err)
	}
}

// TestSFFindsTheNodeBesideIt: sf runs with its own directory first on
// PATH, where an npm install keeps the Node it needs (the system's may be
// too old: the launcher runs `env node`).
func TestSFFindsTheNodeBesideIt(t *testing.T) {
	c, dir := fakeSF(t, nil)
	script := "#!/bin/sh\necho \"$PATH\" > \"" + dir + "/path\"\necho '{\"status\":0,\"result\":{}}'\n"
	if err := os.WriteFile(c.Path, []byte(script), 0o700); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", "/usr/bin:/bin")
	if _, err := c.Orgs(context.Background()); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(filepath.Join(dir, "path"))
	if !strings.HasPrefix(string(got), filepath.Dir(c.Path)+string(os.PathListSeparator)) {
		t.Errorf("sf ran with PATH %q", got)
	}
}
