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
	i := 0
	for i < len(q) {
		c := q[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case isIdentStart(c):
			j := i
			for j < len(q) && (isIdentStart(q[j]) || isDigit(q[j]) || q[j] == '.') {
				j++
			}
			toks = append(toks, token{kind: tokIdent, text: q[i:j], pos: i})
			i = j
		case isDigit(c) || (c == '-' && i+1 < len(q) && isDigit(q[i+1])):
			j := i + 1
			for j < len(q) && (isDigit(q[j]) || strings.IndexByte("-:.+TZ", q[j]) >= 0) {
				j++
			}
			text := q[i:j]
			kind := tokNumber
			if len(text) >= 10 && text[4] == '-' && text[7] == '-' {
				kind = tokDateTime
			}
			toks = append(toks, token{kind: kind, text: text, pos: i})
			i = j
		case c == '\'':
			s, n, err := lexString(q[i:])
			if err != nil {
				return nil, err
			}
			toks = append(toks, token{kind: tokString, text: s, pos: i})
			i += n
		default:
			n := 1
			if i+1 < len(q) {
				switch q[i : i+2] {
				case "<=", ">=", "!=", "<>":
					n = 2
				}
			}
			if n == 1 && strings.IndexByte(",()=<>*:", c) < 0 {
				return nil, malformed("unexpected token: '%c'", c)
			}
			toks = append(toks, token{kind: tokPunct, text: q[i : i+n], pos: i})
			i += n
		}
	}
	return append(toks, token{kind: tokEOF, pos: len(q)}), nil
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
