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

// TestCaseSafeID: an 18-character Id whose letters lost their case (an
// upper-casing spreadsheet or database) gets it back from its suffix, which
// Salesforce itself does not do (it answers such an Id as not found:
// salesforce.stackexchange.com/q/249063); a suffix no 15 characters can
// have is refused.
func TestCaseSafeID(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{"a0D30000001n7PiEAI", "a0D30000001n7PiEAI", true},
		{"A0D30000001N7PIEAI", "a0D30000001n7PiEAI", true},
		{"a0d30000001n7pieai", "a0D30000001n7PiEAI", true},
		{"0019000000b98DEaab", "0019000000B98deAAB", true},
		{"a0D30000001n7Pi", "a0D30000001n7PiEAI", true}, // 15: case-sensitive as given
		{"0019000000B98de5AB", "", false},               // '5': all five upper, but "00190" are digits
		{"0019000000B98de!AB", "", false},               // not a suffix character
		{"001000000000000AAB", "", false},               // a digit marked upper case
		{"short", "", false},
	} {
		got, ok := CaseSafeID(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("CaseSafeID(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}
