package format

import (
	"strconv"
	"unicode/utf8"
)

// MaxQuoted is how many runes of a value Clip and Quote keep.
const MaxQuoted = 80

// Clip cuts a value taken from data (a record Id, a field value, a locator
// the server sent) to MaxQuoted runes, the last one "…", for a log line.
func Clip(s string) string {
	if utf8.RuneCountInString(s) <= MaxQuoted {
		return s
	}
	n := 0
	for i := range s {
		if n == MaxQuoted-1 {
			return s[:i] + "…"
		}
		n++
	}
	return s
}

// Quote renders a value taken from data for an error message: Go-quoted,
// clipped (see Clip) and followed by its full length when longer, so one
// odd value cannot turn a one-line message into 40 KB:
// `"001…" (40,000 characters)`.
func Quote(s string) string {
	c := Clip(s)
	if len(c) == len(s) {
		return strconv.Quote(s)
	}
	return strconv.Quote(c) + " (" + Thousands(int64(utf8.RuneCountInString(s))) + " characters)"
}
