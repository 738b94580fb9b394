package salesforce

import "testing"

func TestLongID(t *testing.T) {
	for in, want := range map[string]string{
		// Published pairs (CASESAFEID walk-throughs: gammone.com's
		// "How to convert Salesforce ID from 15 to 18 chars" and
		// theblogreaders.com's 15 vs 18 digit Id article).
		"a0D30000001n7Pi":    "a0D30000001n7PiEAI",
		"0019000000B98de":    "0019000000B98deAAB",
		"001000000000000":    "001000000000000AAA",
		"001000000000000AAA": "001000000000000AAA",
		"short":              "short",
	} {
		if got := LongID(in); got != want {
			t.Errorf("LongID(%q) = %q, want %q", in, got, want)
		}
	}
}
