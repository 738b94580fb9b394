package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sfsync/sfsync/core/sfsim/simtest"
	"github.com/sfsync/sfsync/core/store"
)

// TestRecoverADamagedStore: the damaged-store sentence tells the person to
// run `sfsync recover` (issue 11 case 6, "offer the way back"); that command
// must exist, set the cut file aside, keep the sign-in and the settings, and
// the next sync must bring every record back. A healthy store is not
// recovered without --force.
func TestRecoverADamagedStore(t *testing.T) {
	sim, srv := newSim(t, smallSeed)
	c := newCLI(t)
	c.must(0, sim.IssueAccessToken()+"\n", "connect", "--instance-url", srv.URL, "--access-token", "-")
	c.must(0, "", "fields", "select", "--object", "Account", "Phone")
	c.must(0, "", "sync", "--once")

	if r := c.run("", "recover"); r.code != ExitUsage || !strings.Contains(r.stderr, "is not damaged") {
		t.Errorf("recover of a healthy store: exit %d\n%s", r.code, r.stderr)
	}
	size := cutStore(t, c.dir)
	r := c.run("", "status")
	if r.code != ExitFailed || !strings.Contains(r.stderr, "run `sfsync recover`") {
		t.Fatalf("status of a cut store: exit %d\n%s", r.code, r.stderr)
	}

	rec := jsonResult[RecoverResult](t, c.must(0, "", "recover", "--json"))
	if !rec.SettingsKept || !strings.HasPrefix(filepath.Base(rec.DamagedPath), store.FileName+store.DamagedSuffix) {
		t.Errorf("recover: %+v", rec)
	}
	if aside, err := os.Stat(rec.DamagedPath); err != nil || aside.Size() != size/2 {
		t.Errorf("the damaged file is not kept aside as it was: %v", err)
	}
	if r := c.must(0, "", "fields", "list", "--object", "Account"); !strings.Contains(r.stdout, "[x]  Account Phone") {
		t.Errorf("the field selection was not kept:\n%s", r.stdout)
	}
	c.must(0, "", "sync", "--once")
	st := jsonResult[StatusResult](t, c.must(0, "", "status", "--json"))
	for _, obj := range []string{"Account", "Contact", "Lead", "Opportunity", "User"} {
		if want := len(simtest.Live(sim.Org(), obj)); st.Counts[obj] != want {
			t.Errorf("after recover and a sync: %d %s records, the org has %d", st.Counts[obj], obj, want)
		}
	}
}

// TestRecoverForceDoesNotCallAHealthyStoreDamaged: `recover --force` sets a
// healthy store aside; it said "The damaged store is set aside as …" and
// "(and 0 sync history entries)".
func TestRecoverForceDoesNotCallAHealthyStoreDamaged(t *testing.T) {
	c := newCLI(t)
	c.must(0, "", "settings", "--frequency", "4h")
	r := c.must(0, "", "recover", "--force")
	if strings.Contains(r.stdout, "damaged store") || strings.Contains(r.stdout, "0 sync history") || !strings.Contains(r.stdout, "set aside as") {
		t.Errorf("recover --force of a healthy store said:\n%s", r.stdout)
	}
}

// cutStore cuts the store file in dir to half its size, as a full disk or a
// crash mid-write may leave it, and returns the size it had.
func cutStore(t *testing.T, dir string) int64 {
	t.Helper()
	path := filepath.Join(dir, store.FileName)
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(path, info.Size()/2); err != nil {
		t.Fatal(err)
	}
	return info.Size()
}
