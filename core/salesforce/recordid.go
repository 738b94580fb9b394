package salesforce

import "strings"

// LongID returns the 18-character form of a 15-character record Id (the API
// returns 18-character Ids; people copy 15-character ones from page URLs).
// The three suffix characters encode, five letters at a time, which of the
// 15 characters are upper case: bit i set when character i is 'A'..'Z', each
// 5-bit group indexing "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345" (Salesforce's
// CASESAFEID algorithm). Any other length is returned as is.
func LongID(id string) string {
	if len(id) != 15 {
		return id
	}
	suffix := make([]byte, 3)
	for chunk := range 3 {
		n := 0
		for i := range 5 {
			if c := id[chunk*5+i]; c >= 'A' && c <= 'Z' {
				n |= 1 << i
			}
		}
		suffix[chunk] = caseAlphabet[n]
	}
	return id + string(suffix)
}

// caseAlphabet maps a suffix character to five case bits (CASESAFEID).
const caseAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"

// CaseSafeID returns the record Id id names, in its 18-character form: a
// 15-character Id as LongID does, an 18-character one with the case of its
// first 15 characters restored from its suffix, which may itself have been
// folded to lower case. Systems that are not case-sensitive (spreadsheets,
// some databases) fold the case of the whole Id; Salesforce does not undo
// that and answers such an Id as not found (salesforce.stackexchange.com/q/
// 249063). ok is false for any other length and for a suffix no 15
// characters can have (a character outside A–Z0–5, or a digit marked upper
// case): a typo, not a record.
func CaseSafeID(id string) (string, bool) {
	switch len(id) {
	case 15:
		return LongID(id), true
	case 18:
	default:
		return "", false
	}
	out := []byte(id)
	for chunk := range 3 {
		s := out[15+chunk]
		if s >= 'a' && s <= 'z' {
			s -= 'a' - 'A'
			out[15+chunk] = s
		}
		bits := strings.IndexByte(caseAlphabet, s)
		if bits < 0 {
			return "", false
		}
		for i := range 5 {
			if !setCase(&out[chunk*5+i], bits&(1<<i) != 0) {
				return "", false
			}
		}
	}
	return string(out), true
}

// setCase makes the letter *c upper or lower case; a character that is not
// a letter cannot be upper case.
func setCase(c *byte, upper bool) bool {
	switch {
	case *c >= 'a' && *c <= 'z' && upper:
		*c -= 'a' - 'A'
	case *c >= 'A' && *c <= 'Z' && !upper:
		*c += 'a' - 'A'
	case (*c < 'A' || *c > 'Z') && (*c < 'a' || *c > 'z') && upper:
		return false
	}
	return true
}
