package cli

import (
	"bytes"
	"encoding/json"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/sfsync/sfsync/core/app"
	"github.com/sfsync/sfsync/core/engine"
	"github.com/sfsync/sfsync/core/salesforce"
	"github.com/sfsync/sfsync/core/secrets"
	"github.com/sfsync/sfsync/core/sfsim"
)

// childArgsEnv makes the test binary act as sfsync: TestMain runs Main with
// these JSON-encoded arguments and exits with its code.
const childArgsEnv = "SFSYNC_CLI_TEST_CHILD_ARGS"

func TestMain(m *testing.M) {
	if raw := os.Getenv(childArgsEnv); raw != "" {
		var args []string
		if err := json.Unmarshal([]byte(raw), &args); err != nil {
			os.Exit(99)
		}
		os.Exit(run(args, IO{In: os.Stdin, Out: os.Stdout, Err: os.Stderr}, func(Desktop) int { return 42 }, testTune))
	}
	os.Exit(m.Run())
}

// testTune is every test run's app options: a faster client, then what the
// running test adds (tuneMore).
func testTune(o *appOptions) {
	o.engine = fastClient
	if tuneMore != nil {
		tuneMore(o)
	}
}

// tuneMore lets one in-process test change the app options (nil: none).
var tuneMore func(*appOptions)

// fastClient shortens the client's retry and poll delays in tests.
func fastClient(cfg *engine.Config) {
	cfg.Retry = salesforce.RetryPolicy{Attempts: 4, Base: time.Millisecond, Max: 20 * time.Millisecond}
	cfg.Poll = salesforce.PollPolicy{Initial: 5 * time.Millisecond, Max: 50 * time.Millisecond}
}

// child returns the test binary as an sfsync process.
func child(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	raw, err := json.Marshal(args)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childArgsEnv+"="+string(raw))
	return cmd
}

// result is one in-process sfsync invocation.
type result struct {
	code           int
	stdout, stderr string
}

// cliRun runs sfsync in this process; every output is kept for the token
// leak scan.
type cliRun struct {
	t       *testing.T
	dir     string
	outputs *[]string
}

func newCLI(t *testing.T) *cliRun {
	return &cliRun{t: t, dir: t.TempDir(), outputs: new([]string)}
}

func (c *cliRun) run(stdin string, args ...string) result {
	c.t.Helper()
	var out, errb bytes.Buffer
	full := append([]string{"--data-dir", c.dir}, args...)
	code := run(full, IO{In: strings.NewReader(stdin), Out: &out, Err: &errb}, func(Desktop) int {
		c.t.Errorf("desktop started by %q", args)
		return 1
	}, testTune)
	*c.outputs = append(*c.outputs, out.String(), errb.String())
	return result{code: code, stdout: out.String(), stderr: errb.String()}
}

// must runs and fails the test unless the exit code is want.
func (c *cliRun) must(want int, stdin string, args ...string) result {
	c.t.Helper()
	r := c.run(stdin, args...)
	if r.code != want && strings.Contains(r.stderr, "in the system keyring, but") {
		c.t.Fatalf("sfsync %s: this test needs a usable Secret Service; run it with `make test` (.ci/session starts a D-Bus session with an unlocked gnome-keyring). sfsync said:\n%s",
			strings.Join(args, " "), r.stderr)
	}
	if r.code != want {
		c.t.Fatalf("sfsync %s: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), r.code, want, r.stdout, r.stderr)
	}
	return r
}

// newSim serves a simulated org on loopback.
func newSim(t *testing.T, seed sfsim.SeedConfig) (*sfsim.Server, *httptest.Server) {
	t.Helper()
	sim := sfsim.New(sfsim.Options{Seed: seed, DailyAPIMax: 1_000_000})
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	return sim, srv
}

// smallSeed spans several objects and pages yet stays quick under -race.
var smallSeed = sfsim.SeedConfig{Users: 6, Accounts: 120, ContactsPerAccount: 1, OpportunitiesPerAccount: 1, Leads: 30, Seed: 3}

// result decodes a --json run's document into T (the command's result).
func jsonResult[T any](t *testing.T, r result) T {
	t.Helper()
	var doc struct {
		Status int `json:"status"`
		Result T   `json:"result"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil || doc.Status != 0 {
		t.Fatalf("not a --json success document (%v):\n%s", err, r.stdout)
	}
	return doc.Result
}

// keyringOf is the data directory's keyring, as the commands see it.
func keyringOf(dir string) secrets.Store { return app.Scoped(secrets.NewKeyring("", 0), dir) }
