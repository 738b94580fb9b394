package cli

import (
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/sfsync/sfsync/core/sfsim"
	"github.com/sfsync/sfsync/core/wording"
)

// TestStatusSaysWhenUsageWasSeen (issue 8: "the last known usage and its
// time are saved in the store, shown by status … and status --json"):
// status showed the figure of the last process as "API calls today"
// without its time, so a figure from days ago read as today's.
func TestStatusSaysWhenUsageWasSeen(t *testing.T) {
	sim, srv := newSim(t, smallSeed)
	c := newCLI(t)
	before := time.Now().Add(-time.Second)
	c.must(0, sim.IssueAccessToken()+"\n", "connect", "--instance-url", srv.URL, "--access-token", "-")
	st := jsonResult[StatusResult](t, c.must(0, "", "status", "--json"))
	if st.QuotaUsed == nil || st.QuotaAt == nil || st.QuotaAt.Before(before) || st.QuotaAt.After(time.Now()) {
		t.Fatalf("status --json: quota_used %v, quota_at %v (want a time since %s)", st.QuotaUsed, st.QuotaAt, before)
	}
	r := c.must(0, "", "status")
	if !strings.Contains(r.stdout, "as of "+st.QuotaAt.Local().Format("2006-01-02 15:04")) {
		t.Errorf("status does not say when the usage was seen:\n%s", r.stdout)
	}
}

// TestPausedFirstSyncSpendsNoEstimate (issue 8: the quota guard sees every
// call): while the source is paused for the quota before its first sync,
// each `sync --once` still counted the org's records for the estimate, one
// unguarded call, on top of the one /limits call that checks whether usage
// dropped.
func TestPausedFirstSyncSpendsNoEstimate(t *testing.T) {
	sim := sfsim.New(sfsim.Options{Seed: smallSeed, DailyAPIMax: 1000, NoLimitHeader: true})
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	sim.SetUsage(870)
	c := newCLI(t)
	c.must(1, sim.IssueAccessToken()+"\n", "connect", "--instance-url", srv.URL, "--access-token", "-")
	before, _ := sim.Usage()
	r := c.must(1, "", "sync", "--once")
	if after, _ := sim.Usage(); after-before != 1 {
		t.Errorf("sync --once while paused took %d API calls, want 1 (/limits)\n%s", after-before, r.stdout)
	}
	if !strings.Contains(r.stdout+r.stderr, wording.PausedQuota) {
		t.Errorf("sync --once does not say it is paused:\n%s%s", r.stdout, r.stderr)
	}
}
