package export

import (
	"regexp"
	"strings"
)

// Neutralize returns v as a spreadsheet will show it but not run it: a
// value that would start a formula gets a leading apostrophe, which Excel,
// LibreOffice Calc and Google Sheets read as "text follows" and do not
// display. That is OWASP's rule against CSV Injection
// (owasp.org/www-community/attacks/CSV_Injection: cells starting with =, +,
// -, @, TAB or CR) and ASVS 5.0 V1.2.10 (which adds NUL); line feeds, the
// full-width forms of = + - @ (formula starts in CJK Excel) and those four
// behind leading spaces are treated alike.
//
// A value that is a plain decimal number ("-12.5", "+3", "-1e-7") is kept:
// a spreadsheet reads it as a number constant, which cannot call a function,
// reference a cell or reach DDE, while "'-12.5" would be text and break the
// sums over an Amount column. This holds in any column, so the rule needs no
// field types. Apache Superset's and Oracle APEX's exporters make the same
// exception ("sign characters are only escaped if they are not part of
// numbers").
func Neutralize(v string) string {
	if !startsFormula(v) || plainNumber.MatchString(v) {
		return v
	}
	return "'" + v
}

// plainNumber is a decimal number with an optional sign and exponent.
var plainNumber = regexp.MustCompile(`^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$`)

// startsFormula looks at the first byte only, in the common case: it runs
// for every cell of an export.
func startsFormula(v string) bool {
	if v == "" {
		return false
	}
	switch v[0] {
	case '=', '+', '-', '@', '\t', '\r', '\n', 0:
		return true
	case ' ':
		return startsFormula(strings.TrimLeft(v, " "))
	case 0xEF: // the UTF-8 lead byte of the full-width forms
		for _, lead := range []string{"＝", "＋", "－", "＠"} {
			if strings.HasPrefix(v, lead) {
				return true
			}
		}
	}
	return false
}
