package ui

import (
	"testing"

	"github.com/sfsync/sfsync/core/salesforce"
)

func TestQuotaTextShowsSmallSharesToATenth(t *testing.T) {
	cases := []struct {
		q    salesforce.Quota
		want string
	}{
		{salesforce.Quota{Used: 37, Max: 15000}, "API calls today: 37 / 15,000 (0.2 %) · syncing pauses at 80 %"},
		{salesforce.Quota{Used: 12100, Max: 15000}, "API calls today: 12,100 / 15,000 (80.7 %) · syncing pauses at 80 %"},
		{salesforce.Quota{}, "API usage: not known yet · syncing pauses at 80 %"},
	}
	for _, c := range cases {
		if got := QuotaText(c.q, 80); got != c.want {
			t.Errorf("QuotaText(%+v) = %q, want %q", c.q, got, c.want)
		}
	}
}
