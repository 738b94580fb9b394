package sfsim

import (
	"bytes"
	"math"
	"strconv"
)

// Numbers in REST JSON. Salesforce keeps double, currency and percent
// values as Java doubles and prints them as Java's Double.toString does:
// values from 10^-3 up to 10^7 as a decimal with at least one fraction
// digit (1234567 -> 1234567.0, 1234567.89 -> 1234567.89), larger (and
// smaller) ones in exponent form (12345678 -> 1.2345678E7, 99213206 ->
// 9.9213206E7): Salesforce knowledge articles 000221617 and 000385889 ("8
// digits or more ... returned with scientific notation ... Working as
// Design"), forcedotcom/cli#3367, RoseSilverSoftware/IlluminatedCloud#3004.
// The digits are the shortest that read back as the same double, so a
// value with cents (1234567.89) keeps them exactly. int fields print as
// integers. Bulk CSV prints the same values as plain decimals (appendNumber).

// appendJavaDouble appends x as Java's Double.toString prints it.
func appendJavaDouble(b []byte, x float64) []byte {
	if x == 0 {
		if math.Signbit(x) {
			return append(b, "-0.0"...)
		}
		return append(b, "0.0"...)
	}
	if a := math.Abs(x); a >= 1e-3 && a < 1e7 {
		start := len(b)
		b = strconv.AppendFloat(b, x, 'f', -1, 64)
		if bytes.IndexByte(b[start:], '.') < 0 {
			b = append(b, ".0"...)
		}
		return b
	}
	var tmp [32]byte
	e := strconv.AppendFloat(tmp[:0], x, 'e', -1, 64) // e.g. 9.9213206e+07
	k := bytes.IndexByte(e, 'e')
	b = append(b, e[:k]...)
	if bytes.IndexByte(e[:k], '.') < 0 {
		b = append(b, ".0"...)
	}
	b = append(b, 'E')
	exp := e[k+1:]
	if exp[0] == '-' {
		b = append(b, '-')
	}
	exp = bytes.TrimLeft(exp[1:], "0")
	return append(b, exp...)
}

// appendNumberJSON appends a number field's value as REST JSON prints it:
// an int as an integer, anything else as a Java double unless plain (the
// org prints plain decimals, Org.SetPlainJSONNumbers).
func appendNumberJSON(b []byte, fieldType string, n float64, plain bool) []byte {
	if fieldType == "int" || plain {
		return appendNumber(b, n)
	}
	return appendJavaDouble(b, n)
}

// SetPlainJSONNumbers makes REST JSON print every number as a plain
// decimal in shortest form (9.9213206E7 as 99213206, 3.0 as 3) instead of
// Salesforce's Java double form, for clients that cannot read the real
// thing yet; false (the default) is real behaviour. Queries answered from
// an earlier snapshot keep the form they started with.
func (o *Org) SetPlainJSONNumbers(plain bool) { o.plainNumbers.Store(plain) }
