package wording

import (
	"strings"
	"testing"

	"github.com/sfsync/sfsync/core/salesforce"
)

// TestQuotaUsageSaysATinyShareAsTheEstimateDoes: 9 of 1,000,000 requests
// used is "less than 0.1 %", as the estimate says a share that small; it
// was "0.0 %", read as none. None used stays 0.0 %.
func TestQuotaUsageSaysATinyShareAsTheEstimateDoes(t *testing.T) {
	if got := QuotaUsage(salesforce.Quota{Used: 9, Max: 1_000_000}, 80); !strings.Contains(got, "(less than 0.1 %)") {
		t.Errorf("QuotaUsage(9 of 1,000,000) = %q", got)
	}
	if got := QuotaUsage(salesforce.Quota{Used: 0, Max: 15_000}, 80); !strings.Contains(got, "(0.0 %)") {
		t.Errorf("QuotaUsage(0 of 15,000) = %q", got)
	}
	if got := QuotaUsage(salesforce.Quota{Used: 26, Max: 15_000}, 80); !strings.Contains(got, "(0.2 %)") {
		t.Errorf("QuotaUsage(26 of 15,000) = %q", got)
	}
}
