package sfsim

import (
	"fmt"
	"math"
	"strconv"
	"time"
)

// valueKind is how a field's values are stored and rendered.
type valueKind uint8

const (
	kindString valueKind = iota
	kindBool
	kindNumber
	kindDateTime
	kindDate
)

// kindOf maps a Salesforce field type to its storage kind.
func kindOf(fieldType string) valueKind {
	switch fieldType {
	case "boolean":
		return kindBool
	case "double", "currency", "percent", "int":
		return kindNumber
	case "datetime":
		return kindDateTime
	case "date":
		return kindDate
	default:
		return kindString
	}
}

// nullTime marks a null datetime/date cell.
const nullTime = math.MinInt64

// cellValue is one field value of one row. Times are Unix milliseconds (UTC);
// a date is its midnight UTC.
type cellValue struct {
	kind valueKind
	null bool
	s    string
	n    float64
	t    int64
	b    bool
}

func nullCell(k valueKind) cellValue { return cellValue{kind: k, null: true} }
func stringCell(s string) cellValue  { return cellValue{kind: kindString, s: s, null: s == ""} }
func boolCell(b bool) cellValue      { return cellValue{kind: kindBool, b: b} }
func numberCell(n float64) cellValue { return cellValue{kind: kindNumber, n: n} }
func timeCell(k valueKind, ms int64) cellValue {
	return cellValue{kind: k, t: ms, null: ms == nullTime}
}

// appendRESTDateTime appends a datetime as REST JSON renders it: 2020-10-22T21:03:23.000+0000.
func appendRESTDateTime(b []byte, ms int64) []byte {
	return append(appendDateTimeBase(b, ms), "+0000"...)
}

// appendBulkDateTime appends a datetime as Bulk CSV renders it: 2020-10-22T21:03:23.000Z.
func appendBulkDateTime(b []byte, ms int64) []byte {
	return append(appendDateTimeBase(b, ms), 'Z')
}

// appendDateTimeBase writes yyyy-mm-ddThh:mm:ss.SSS by hand: time.Format is
// measurably slower on the million-row CSV path.
func appendDateTimeBase(b []byte, ms int64) []byte {
	t := time.UnixMilli(ms).UTC()
	b = appendDate(b, t)
	h, m, s := t.Clock()
	milli := int(ms % 1000)
	if milli < 0 {
		milli += 1000
	}
	b = append(b, 'T', byte('0'+h/10), byte('0'+h%10), ':', byte('0'+m/10), byte('0'+m%10), ':',
		byte('0'+s/10), byte('0'+s%10), '.', byte('0'+milli/100), byte('0'+milli/10%10), byte('0'+milli%10))
	return b
}

func appendDate(b []byte, t time.Time) []byte {
	y, mo, d := t.Date()
	return append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-',
		byte('0'+int(mo)/10), byte('0'+int(mo)%10), '-', byte('0'+d/10), byte('0'+d%10))
}

// appendDateOnly appends a date as 2020-11-16.
func appendDateOnly(b []byte, ms int64) []byte { return appendDate(b, time.UnixMilli(ms).UTC()) }

// appendNumber renders a number the way Salesforce's CSV does for our fields:
// integral values without a fraction.
func appendNumber(b []byte, n float64) []byte { return strconv.AppendFloat(b, n, 'f', -1, 64) }

// jsonValue converts a cell into the JSON-typed value REST returns and
// Snapshot exposes: string, float64, bool or nil.
func (c cellValue) jsonValue() any {
	if c.null {
		return nil
	}
	switch c.kind {
	case kindBool:
		return c.b
	case kindNumber:
		return c.n
	case kindDateTime:
		return string(appendRESTDateTime(nil, c.t))
	case kindDate:
		return string(appendDateOnly(nil, c.t))
	default:
		return c.s
	}
}

// cellFromAny converts a mutation value (string, bool, numbers, time.Time,
// nil) into a cell of kind k. Strings are accepted for every kind in the
// formats the REST API accepts.
func cellFromAny(k valueKind, v any) (cellValue, error) {
	if v == nil {
		return nullCell(k), nil
	}
	switch k {
	case kindString:
		if s, ok := v.(string); ok {
			return stringCell(s), nil
		}
	case kindBool:
		switch x := v.(type) {
		case bool:
			return boolCell(x), nil
		case string:
			b, err := strconv.ParseBool(x)
			if err == nil {
				return boolCell(b), nil
			}
		}
	case kindNumber:
		switch x := v.(type) {
		case float64:
			return numberCell(x), nil
		case int:
			return numberCell(float64(x)), nil
		case int64:
			return numberCell(float64(x)), nil
		case string:
			n, err := strconv.ParseFloat(x, 64)
			if err == nil {
				return numberCell(n), nil
			}
		}
	case kindDateTime, kindDate:
		switch x := v.(type) {
		case time.Time:
			return timeCell(k, x.UnixMilli()), nil
		case string:
			t, err := parseDateTimeLiteral(x)
			if err == nil {
				return timeCell(k, t.UnixMilli()), nil
			}
		}
	}
	return cellValue{}, fmt.Errorf("value %v (%T) does not fit the field", v, v)
}

// compare orders two cells of the same kind; nulls sort first.
func (c cellValue) compare(d cellValue) int {
	switch {
	case c.null && d.null:
		return 0
	case c.null:
		return -1
	case d.null:
		return 1
	}
	switch c.kind {
	case kindBool:
		switch {
		case c.b == d.b:
			return 0
		case !c.b:
			return -1
		}
		return 1
	case kindNumber:
		switch {
		case c.n < d.n:
			return -1
		case c.n > d.n:
			return 1
		}
		return 0
	case kindDateTime, kindDate:
		switch {
		case c.t < d.t:
			return -1
		case c.t > d.t:
			return 1
		}
		return 0
	}
	switch {
	case c.s < d.s:
		return -1
	case c.s > d.s:
		return 1
	}
	return 0
}

// parseDateTimeLiteral parses the datetime forms SOQL and the REST API accept:
// 2024-01-01T00:00:00Z, with optional .SSS, and Z, +hh:mm, -hh:mm or +hhmm;
// a bare date 2024-01-01 is midnight UTC.
func parseDateTimeLiteral(s string) (time.Time, error) {
	for _, layout := range []string{
		"2006-01-02T15:04:05Z07:00", "2006-01-02T15:04:05.000Z07:00",
		"2006-01-02T15:04:05Z0700", "2006-01-02T15:04:05.000Z0700", "2006-01-02",
	} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("invalid datetime %q", s)
}
