package wording

import (
	"regexp"
	"strings"
	"testing"

	"github.com/sfsync/sfsync/core/salesforce"
)

// TestQuotaPauseAndUsageSayTheSameShare: the paused card shows the pause
// sentence above the usage line; both give the org's share of its daily
// requests, and they must read alike. Under Xvfb the card said "(90 %)"
// in the sentence and "(90.0 %)" in the usage line for 13,501 of 15,000.
func TestQuotaPauseAndUsageSayTheSameShare(t *testing.T) {
	share := regexp.MustCompile(`\(([0-9.]+ %)\)`)
	for _, used := range []int64{12000, 13501, 14999} {
		pause := QuotaThresholdPause(used, 15000, 80)
		usage := QuotaUsage(salesforce.Quota{Used: used, Max: 15000}, 80)
		p, u := share.FindStringSubmatch(pause), share.FindStringSubmatch(usage)
		if p == nil || u == nil || p[1] != u[1] {
			t.Errorf("%d of 15,000: the pause says %q, the usage line %q", used, pause, usage)
		}
		if !strings.Contains(pause, "at or above your 80 % threshold") {
			t.Errorf("pause sentence %q", pause)
		}
	}
}
