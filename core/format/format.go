// Package format renders numbers for people the same way everywhere: the
// engine's messages, the CLI and the app (thousands separators, percents
// with a space before the sign, as the help pages write "80 %"); and it
// bounds values quoted from data in messages and logs (Quote, Clip).
package format

import (
	"strconv"
	"strings"
)

// Thousands formats n with comma thousands separators: 12100 → "12,100",
// -1234567 → "-1,234,567".
func Thousands(n int64) string {
	digits := strconv.FormatInt(n, 10)
	sign := ""
	if n < 0 {
		sign, digits = "-", digits[1:]
	}
	var b strings.Builder
	b.Grow(len(sign) + len(digits) + len(digits)/3)
	b.WriteString(sign)
	for i := 0; i < len(digits); i++ {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteByte(digits[i])
	}
	return b.String()
}

// Percent formats a percentage rounded to a whole number: 80 → "80 %",
// 79.6 → "80 %".
func Percent(p float64) string { return strconv.FormatFloat(p, 'f', 0, 64) + " %" }

// PercentTenths formats a percentage with one decimal, for small shares:
// 0.46 → "0.5 %".
func PercentTenths(p float64) string { return strconv.FormatFloat(p, 'f', 1, 64) + " %" }
