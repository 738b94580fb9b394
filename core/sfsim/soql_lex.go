package sfsim

import (
	"fmt"
	"strings"
)

// tokenKind classifies SOQL tokens.
type tokenKind uint8

const (
	tokEOF tokenKind = iota
	tokIdent
	tokString
	tokNumber
	tokDateTime
	tokPunct
)

// token is one lexeme with its offset, for Salesforce's Row:Column errors.
type token struct {
	kind tokenKind
	text string // identifiers as written; strings unescaped
	pos  int
}

// is reports whether t is the keyword or punctuation s (case-insensitive).
func (t token) is(s string) bool {
	return (t.kind == tokIdent || t.kind == tokPunct) && strings.EqualFold(t.text, s)
}

// queryError is a SOQL rejection: errorCode MALFORMED_QUERY, INVALID_FIELD or INVALID_TYPE.
type queryError struct {
	code, message string
}

func (e *queryError) Error() string { return e.code + ": " + e.message }

func malformed(format string, args ...any) *queryError {
	return &queryError{code: "MALFORMED_QUERY", message: fmt.Sprintf(format, args...)}
}

// lex splits a SOQL string into tokens. Dotted paths (Owner.Name) are one
// identifier; unquoted datetime literals (2024-01-01T00:00:00.000+00:00) are
// one token.
func lex(q string) ([]token, error) {
	var toks []token
	for i := 0; i < len(q); {
		if isSpace(q[i]) {
			i++
			continue
		}
		t, n, err := lexToken(q, i)
		if err != nil {
			return nil, err
		}
		toks = append(toks, t)
		i += n
	}
	return append(toks, token{kind: tokEOF, pos: len(q)}), nil
}

// lexToken reads the token that starts at q[i]; it returns the token and
// the number of bytes it spans.
func lexToken(q string, i int) (token, int, error) {
	c := q[i]
	switch {
	case isIdentStart(c):
		j := spanWhile(q, i, isIdentByte)
		return token{kind: tokIdent, text: q[i:j], pos: i}, j - i, nil
	case isDigit(c) || (c == '-' && i+1 < len(q) && isDigit(q[i+1])):
		return lexNumber(q, i)
	case c == '\'':
		s, n, err := lexString(q[i:])
		return token{kind: tokString, text: s, pos: i}, n, err
	}
	return lexPunct(q, i)
}

// lexNumber reads a number, or an unquoted date or datetime literal (a
// number whose 5th and 8th bytes are '-'), from q[i], which is a digit or a
// '-' before one.
func lexNumber(q string, i int) (token, int, error) {
	j := spanWhile(q, i+1, func(c byte) bool { return isDigit(c) || strings.IndexByte("-:.+TZ", c) >= 0 })
	text := q[i:j]
	kind := tokNumber
	if len(text) >= 10 && text[4] == '-' && text[7] == '-' {
		kind = tokDateTime
	}
	return token{kind: kind, text: text, pos: i}, j - i, nil
}

// lexPunct reads an operator or punctuation mark from q[i]: one of
// <= >= != <> or one byte of ,()=<>*:
func lexPunct(q string, i int) (token, int, error) {
	n := 1
	if i+1 < len(q) {
		switch q[i : i+2] {
		case "<=", ">=", "!=", "<>":
			n = 2
		}
	}
	if n == 1 && strings.IndexByte(",()=<>*:", q[i]) < 0 {
		return token{}, 0, malformed("unexpected token: '%c'", q[i])
	}
	return token{kind: tokPunct, text: q[i : i+n], pos: i}, n, nil
}

// spanWhile returns the index of the first byte of q at or after j that ok
// rejects, or len(q).
func spanWhile(q string, j int, ok func(byte) bool) int {
	for j < len(q) && ok(q[j]) {
		j++
	}
	return j
}

// lexString reads a single-quoted literal with backslash escapes; it returns
// the value and the number of bytes consumed.
func lexString(s string) (string, int, error) {
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			if i+1 >= len(s) {
				return "", 0, malformed("unterminated string literal")
			}
			i++
			switch s[i] {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case 'r':
				b.WriteByte('\r')
			default:
				b.WriteByte(s[i])
			}
		case '\'':
			return b.String(), i + 1, nil
		default:
			b.WriteByte(s[i])
		}
	}
	return "", 0, malformed("unterminated string literal")
}

func isIdentStart(c byte) bool { return c == '_' || (c|0x20 >= 'a' && c|0x20 <= 'z') }
func isDigit(c byte) bool      { return c >= '0' && c <= '9' }

// isIdentByte is a byte inside an identifier: dotted paths are one identifier.
func isIdentByte(c byte) bool { return isIdentStart(c) || isDigit(c) || c == '.' }
func isSpace(c byte) bool     { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
