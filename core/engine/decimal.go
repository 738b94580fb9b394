package engine

import (
	"strconv"
	"strings"
)

// canonicalDecimal rewrites a number as Salesforce prints it — plain in Bulk
// CSV ("99213206", "3.0"), in Java's double form in REST JSON
// ("9.9213206E7", "1234567.89"; forcedotcom/cli#3367) — as one plain
// decimal text, exactly, without passing through a float: the digits stay
// the digits Salesforce sent, with no exponent, no trailing fraction zeros
// and no "-0". ok is false for text that is not a decimal number.
func canonicalDecimal(s string) (string, bool) {
	neg := strings.HasPrefix(s, "-")
	body := strings.TrimPrefix(strings.TrimPrefix(s, "-"), "+")
	mant, exp := body, 0
	if i := strings.IndexAny(body, "eE"); i >= 0 {
		e, err := strconv.Atoi(body[i+1:])
		if err != nil || e > 400 || e < -400 {
			return s, false
		}
		mant, exp = body[:i], e
	}
	intPart, frac, _ := strings.Cut(mant, ".")
	digits := intPart + frac
	if digits == "" || strings.Trim(digits, "0123456789") != "" {
		return s, false
	}
	point := len(intPart) + exp // decimal point position within digits
	for point < 0 {
		digits, point = "0"+digits, point+1
	}
	for point > len(digits) {
		digits += "0"
	}
	ip := strings.TrimLeft(digits[:point], "0")
	fp := strings.TrimRight(digits[point:], "0")
	if ip == "" {
		ip = "0"
	}
	out := ip
	if fp != "" {
		out += "." + fp
	}
	if neg && out != "0" {
		out = "-" + out
	}
	return out, true
}
