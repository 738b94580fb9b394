package cli

import (
	"strings"
	"testing"
	"time"
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
