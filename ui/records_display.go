package ui

import (
	"math"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
)

// cellKind is how a column's values are shown, from the field's describe
// type. Formatting is display only: the table keeps the stored text, which
// search, sort, the record page and the export read.
type cellKind int

const (
	kindText cellKind = iota
	kindInteger
	kindDecimal
	kindPercent
	kindMoney
	kindDate
	kindDateTime
	kindBoolean
)

// kindOf maps a describe type to its cellKind.
func kindOf(describeType string) cellKind {
	switch describeType {
	case "int", "long":
		return kindInteger
	case "double":
		return kindDecimal
	case "percent":
		return kindPercent
	case "currency":
		return kindMoney
	case "date":
		return kindDate
	case "datetime":
		return kindDateTime
	case "boolean":
		return kindBoolean
	}
	return kindText
}

// numeric kinds are right-aligned.
func (k cellKind) numeric() bool {
	return k == kindInteger || k == kindDecimal || k == kindPercent || k == kindMoney
}

// alignment is where a column's cells sit: numbers right, the rest left,
// check marks centred.
func (k cellKind) alignment() fyne.TextAlign {
	switch {
	case k.numeric():
		return fyne.TextAlignTrailing
	case k == kindBoolean:
		return fyne.TextAlignCenter
	}
	return fyne.TextAlignLeading
}

// Check marks of a boolean cell (false shows nothing, as an unticked box).
const checkMark = "✓"

// display is a stored value as the Records view shows it in loc: dates and
// datetimes in the person's layout and time zone, money with two decimals
// and grouping, numbers grouped, booleans as a check mark, and every
// value on one line. A value that does not parse as its kind is shown as
// stored.
func display(v string, k cellKind, loc Locale) string {
	if v == "" {
		return ""
	}
	switch k {
	case kindBoolean:
		if v == "true" {
			return checkMark
		}
		if v == "false" {
			return ""
		}
	case kindDate:
		if t, err := time.Parse(time.DateOnly, v); err == nil {
			return t.Format(loc.Date)
		}
	case kindDateTime:
		if t, ok := parseDateTime(v); ok {
			return t.Local().Format(loc.DateTime)
		}
	case kindInteger, kindDecimal, kindPercent, kindMoney:
		if s, ok := number(v, k, loc); ok {
			return s
		}
	}
	return oneLine(v)
}

// parseDateTime reads Salesforce's datetimes: REST's
// 2024-01-02T03:04:05.000+0000 and Bulk's 2024-01-02T03:04:05.000Z.
func parseDateTime(v string) (time.Time, bool) {
	for _, layout := range []string{"2006-01-02T15:04:05.000Z0700", time.RFC3339Nano} {
		if t, err := time.Parse(layout, v); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// number groups a decimal number's integer part with loc's marks; money
// gets two decimals, a percent its sign.
func number(v string, k cellKind, loc Locale) (string, bool) {
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return "", false
	}
	digits := v
	if k == kindMoney {
		digits = strconv.FormatFloat(f, 'f', 2, 64)
	} else if strings.ContainsAny(v, "eE") {
		digits = strconv.FormatFloat(f, 'f', -1, 64)
	}
	sign := ""
	if strings.HasPrefix(digits, "-") || strings.HasPrefix(digits, "+") {
		if digits[0] == '-' {
			sign = "-"
		}
		digits = digits[1:]
	}
	whole, frac, hasFrac := strings.Cut(digits, ".")
	var b strings.Builder
	b.WriteString(sign)
	for i := 0; i < len(whole); i++ {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteString(loc.Group)
		}
		b.WriteByte(whole[i])
	}
	if hasFrac {
		b.WriteString(loc.Decimal + frac)
	}
	if k == kindPercent {
		b.WriteString(" %")
	}
	return b.String(), true
}

// oneLine puts a multi-line value on one line: each line break becomes
// " ⏎ ", so the grid keeps one row height and still shows where lines
// broke (the record page shows the value as it is).
func oneLine(v string) string {
	if !strings.ContainsAny(v, "\r\n") {
		return v
	}
	v = strings.ReplaceAll(v, "\r\n", "\n")
	v = strings.ReplaceAll(v, "\r", "\n")
	return strings.ReplaceAll(strings.TrimRight(v, "\n"), "\n", " ⏎ ")
}
