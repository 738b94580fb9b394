package engine

import (
	"math/big"
	"testing"
)

func TestCanonicalDecimal(t *testing.T) {
	for in, want := range map[string]string{
		"9.9213206E7": "99213206", "99213206": "99213206", "1.2345678E7": "12345678",
		"1234567.89": "1234567.89", "1234567.0": "1234567", "3.0": "3", "3": "3",
		"-0.0": "0", "-1.5E-3": "-0.0015", "1.0E-4": "0.0001", "0.000": "0",
		"12345678901234567.89": "12345678901234567.89", "1.234567890123456789E18": "1234567890123456789",
		"007.50": "7.5", "+4": "4",
	} {
		if got, ok := canonicalDecimal(in); !ok || got != want {
			t.Errorf("canonicalDecimal(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, bad := range []string{"", "abc", "1.2.3", "1e", "E5", "1e999", "--1", "0x10"} {
		if _, ok := canonicalDecimal(bad); ok {
			t.Errorf("canonicalDecimal(%q) accepted", bad)
		}
	}
}

// FuzzCanonicalDecimal: whatever a number's form, its canonical text has
// the same exact value (math/big), and the canonical form is a fixed point.
func FuzzCanonicalDecimal(f *testing.F) {
	for _, s := range []string{"9.9213206E7", "1234567.89", "-0.0", "1.0E-4", "12345678901234567.89"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := canonicalDecimal(s)
		if !ok {
			return
		}
		want, wok := new(big.Rat).SetString(s)
		have, hok := new(big.Rat).SetString(got)
		if !wok || !hok || want.Cmp(have) != 0 {
			t.Fatalf("canonicalDecimal(%q) = %q: value changed", s, got)
		}
		if again, _ := canonicalDecimal(got); again != got {
			t.Fatalf("not a fixed point: %q -> %q -> %q", s, got, again)
		}
	})
}
