package cli

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/sfsync/sfsync/core/sfsim"
)

// TestConnectSaysWhichLookupsMayStayUnresolved (issue 7: "connect checks
// View All Users and, without it, says which lookups may stay
// unresolved"): the engine knew (State.UsersNote) but the command line said
// nothing, neither at connect nor in status; the export then showed User
// Ids where names were expected, unexplained.
func TestConnectSaysWhichLookupsMayStayUnresolved(t *testing.T) {
	sim := sfsim.New(sfsim.Options{Seed: smallSeed, DailyAPIMax: 1_000_000, NoViewAllUsers: true})
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	c := newCLI(t)
	const want = "lacks View All Users"
	r := c.must(0, sim.IssueAccessToken()+"\n", "connect", "--instance-url", srv.URL, "--access-token", "-")
	if !strings.Contains(r.stdout, want) || !strings.Contains(r.stdout, "Account Owner") {
		t.Errorf("connect does not say which lookups may stay unresolved:\n%s", r.stdout)
	}
	if r := c.must(0, "", "status"); !strings.Contains(r.stdout, want) {
		t.Errorf("status does not say it:\n%s", r.stdout)
	}
	if st := jsonResult[StatusResult](t, c.must(0, "", "status", "--json")); !strings.Contains(st.UsersNote, want) {
		t.Errorf("status --json users_note: %q", st.UsersNote)
	}
	if res := jsonResult[ConnectResult](t, c.must(0, sim.IssueAccessToken()+"\n", "connect", "--instance-url", srv.URL,
		"--access-token", "-", "--no-sync", "--json")); !strings.Contains(res.UsersNote, want) {
		t.Errorf("connect --json users_note: %q", res.UsersNote)
	}
}
