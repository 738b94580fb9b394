package cli

import (
	"regexp"
	"strings"
	"testing"
)

// goDuration matches Go's time.Duration text ("1h0m0s", "59m0s", "3h12m0s").
var goDuration = regexp.MustCompile(`\d+[hm]\d+m?\d*s\b|\b\d+m0s\b`)

// TestStatusSaysTimesInWords: status says the next sync and the update
// frequency as the window and `sfsync settings` do ("every hour", "in about
// 1 hour"), not Go's "every 1h0m0s" and "(in 1h0m0s)".
func TestStatusSaysTimesInWords(t *testing.T) {
	sim, srv := newSim(t, smallSeed)
	c := newCLI(t)
	c.must(0, sim.IssueAccessToken()+"\n", "connect", "--instance-url", srv.URL, "--access-token", "-")
	out := c.must(0, "", "status").stdout
	if goDuration.MatchString(out) || !strings.Contains(out, "every hour") || !strings.Contains(out, "(in about 1 hour)") {
		t.Errorf("status says times as Go durations, or not in words:\n%s", out)
	}
}
