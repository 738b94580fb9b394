package format

import (
	"math"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestThousands(t *testing.T) {
	cases := map[int64]string{
		0: "0", 7: "7", 999: "999", 1000: "1,000", 12100: "12,100", 100000: "100,000",
		1234567: "1,234,567", -1: "-1", -999: "-999", -1000: "-1,000", -1234567: "-1,234,567",
		math.MaxInt64: "9,223,372,036,854,775,807", math.MinInt64: "-9,223,372,036,854,775,808",
	}
	for n, want := range cases {
		if got := Thousands(n); got != want {
			t.Errorf("Thousands(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestPercent(t *testing.T) {
	for p, want := range map[float64]string{0: "0 %", 80: "80 %", 79.6: "80 %", 100: "100 %", 12.4: "12 %"} {
		if got := Percent(p); got != want {
			t.Errorf("Percent(%v) = %q, want %q", p, got, want)
		}
	}
	for p, want := range map[float64]string{0: "0.0 %", 0.46: "0.5 %", 12.34: "12.3 %", 100: "100.0 %"} {
		if got := PercentTenths(p); got != want {
			t.Errorf("PercentTenths(%v) = %q, want %q", p, got, want)
		}
	}
}

func TestQuoteBoundsLongValues(t *testing.T) {
	long := strings.Repeat("A", 40_000)
	got := Quote(long)
	if want := `"` + strings.Repeat("A", MaxQuoted-1) + `…" (40,000 characters)`; got != want {
		t.Errorf("Quote(40k) = %q", got)
	}
	if got := Quote("001\n"); got != `"001\n"` {
		t.Errorf("short value: %q", got)
	}
	exact := strings.Repeat("é", MaxQuoted)
	if got := Quote(exact); got != strconv.Quote(exact) {
		t.Errorf("value of exactly MaxQuoted runes was cut: %q", got)
	}
	if got := Quote(strings.Repeat("東", MaxQuoted+1)); utf8.RuneCountInString(got) > MaxQuoted+30 || !strings.Contains(got, "81 characters") {
		t.Errorf("multibyte: %q", got)
	}
}
