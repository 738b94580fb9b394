package sfsim

import (
	"strconv"
	"strings"
)

// soqlQuery is the parsed subset of SOQL the simulator serves:
// SELECT fields|COUNT() FROM obj [WHERE c AND c ...] [ORDER BY f [ASC|DESC] [NULLS FIRST|LAST]] [LIMIT n].
type soqlQuery struct {
	text   string
	count  bool
	fields []token // identifiers, possibly dotted
	object token
	where  []soqlCond
	order  *soqlOrder
	limit  int // -1: none
}

type soqlCond struct {
	field token
	op    string
	value token   // tokString, tokNumber, tokDateTime, or tokIdent for true/false/null
	set   []token // op "IN": the listed values
}

type soqlOrder struct {
	field     token
	desc      bool
	nullsLast bool
}

// clauses and constructs outside the subset: rejected as MALFORMED_QUERY.
var unsupportedWords = map[string]bool{
	"OR": true, "NOT": true, "GROUP": true, "HAVING": true, "OFFSET": true, "TYPEOF": true, "FIELDS": true,
	"LIKE": true, "INCLUDES": true, "EXCLUDES": true, "WITH": true, "FOR": true, "USING": true,
	"ROLLUP": true, "CUBE": true, "FORMAT": true, "TOLABEL": true, "CONVERTCURRENCY": true,
}

// reservedWords may not be used as field names.
var reservedWords = map[string]bool{"SELECT": true, "FROM": true, "WHERE": true, "AND": true, "IN": true, "ORDER": true,
	"BY": true, "LIMIT": true, "ASC": true, "DESC": true, "NULLS": true}

// objectNamedGroup tells FROM Group (the Group object, queues) apart from
// the GROUP BY clause the subset does not serve.
func objectNamedGroup(toks []token, i int) bool {
	return strings.EqualFold(toks[i].text, "Group") && i > 0 && toks[i-1].is("FROM")
}

type parser struct {
	toks []token
	i    int
}

func (p *parser) peek() token { return p.toks[p.i] }
func (p *parser) next() token { t := p.toks[p.i]; p.i = min(p.i+1, len(p.toks)-1); return t }

func (p *parser) expect(word string) error {
	t := p.next()
	if !t.is(word) {
		return unexpected(t)
	}
	return nil
}

func unexpected(t token) *queryError {
	if t.kind == tokEOF {
		return malformed("unexpected token: <EOF>")
	}
	if t.kind == tokString {
		return malformed("unexpected token: '%s'", t.text)
	}
	return malformed("unexpected token: %s", t.text)
}

// parseSOQL parses q; errors are MALFORMED_QUERY. Field and object names
// are checked later against the schema.
func parseSOQL(q string) (*soqlQuery, error) {
	toks, err := lex(q)
	if err != nil {
		return nil, err
	}
	if err := rejectUnsupported(toks); err != nil {
		return nil, err
	}
	p := &parser{toks: toks}
	sq := &soqlQuery{text: q, limit: -1}
	// The clauses in the order SOQL requires them.
	for _, clause := range []func(*soqlQuery) error{
		p.selectClause,
		p.fromClause,
		p.optional("WHERE", p.conditions),
		p.optional("ORDER", p.orderBy),
		p.optional("LIMIT", p.limitClause),
		p.end,
	} {
		if err := clause(sq); err != nil {
			return nil, err
		}
	}
	return sq, nil
}

// rejectUnsupported fails on the first word of a construct outside the subset.
func rejectUnsupported(toks []token) error {
	for i, t := range toks {
		if t.kind == tokIdent && unsupportedWords[strings.ToUpper(t.text)] && !objectNamedGroup(toks, i) {
			return malformed("unexpected token: %s", t.text)
		}
	}
	return nil
}

// optional parses a clause with parse when the next token is its keyword.
func (p *parser) optional(keyword string, parse func(*soqlQuery) error) func(*soqlQuery) error {
	return func(sq *soqlQuery) error {
		if !p.peek().is(keyword) {
			return nil
		}
		p.next()
		return parse(sq)
	}
}

func (p *parser) selectClause(sq *soqlQuery) error {
	if err := p.expect("SELECT"); err != nil {
		return err
	}
	return p.selectList(sq)
}

// fromClause parses "FROM object": one plain name, not a relationship path.
func (p *parser) fromClause(sq *soqlQuery) error {
	if err := p.expect("FROM"); err != nil {
		return err
	}
	obj := p.next()
	if obj.kind != tokIdent || reservedWords[strings.ToUpper(obj.text)] || strings.Contains(obj.text, ".") {
		return unexpected(obj)
	}
	sq.object = obj
	return nil
}

// limitClause parses the row count after LIMIT: a whole number, 0 or more.
func (p *parser) limitClause(sq *soqlQuery) error {
	t := p.next()
	n, err := strconv.Atoi(t.text)
	if t.kind != tokNumber || err != nil || n < 0 {
		return unexpected(t)
	}
	sq.limit = n
	return nil
}

// end fails unless every token has been read.
func (p *parser) end(*soqlQuery) error {
	if t := p.peek(); t.kind != tokEOF {
		return unexpected(t)
	}
	return nil
}

func (p *parser) selectList(sq *soqlQuery) error {
	if p.peek().is("COUNT") && p.toks[p.i+1].is("(") {
		p.next()
		p.next()
		if err := p.expect(")"); err != nil {
			return malformed("unexpected token: COUNT") // COUNT(field) is an aggregate we do not serve
		}
		sq.count = true
		return nil
	}
	for {
		t := p.next()
		if t.kind != tokIdent || reservedWords[strings.ToUpper(t.text)] {
			return unexpected(t)
		}
		if p.peek().is("(") { // functions and aggregates: MAX(x), toLabel(x), ...
			return malformed("unexpected token: '('")
		}
		sq.fields = append(sq.fields, t)
		if !p.peek().is(",") {
			return nil
		}
		p.next()
	}
}

func (p *parser) conditions(sq *soqlQuery) error {
	for {
		f := p.next()
		if f.is("(") {
			return malformed("unexpected token: '('") // grouping only matters with OR/NOT, which we do not serve
		}
		if f.kind != tokIdent || reservedWords[strings.ToUpper(f.text)] {
			return unexpected(f)
		}
		c, err := p.condition(f)
		if err != nil {
			return err
		}
		sq.where = append(sq.where, c)
		if !p.peek().is("AND") {
			return nil
		}
		p.next()
	}
}

// condition parses "op value" or "IN (value, …)" after field f.
func (p *parser) condition(f token) (soqlCond, error) {
	op := p.next()
	if op.is("IN") {
		set, err := p.valueList()
		return soqlCond{field: f, op: "IN", set: set}, err
	}
	switch op.text {
	case "=", "!=", "<>", "<", "<=", ">", ">=":
	default:
		return soqlCond{}, unexpected(op)
	}
	v, err := p.value()
	if op.text == "<>" {
		op.text = "!="
	}
	return soqlCond{field: f, op: op.text, value: v}, err
}

// value parses one literal.
func (p *parser) value() (token, error) {
	v := p.next()
	switch {
	case v.kind == tokString || v.kind == tokNumber || v.kind == tokDateTime:
	case v.is("true") || v.is("false") || v.is("null"):
	default:
		return v, unexpected(v)
	}
	return v, nil
}

// valueList parses "(v, v, …)", the list of an IN condition (SOQL's
// "IN (…)": a field equal to any listed value; the SOQL and SOSL
// reference, Comparison Operators).
func (p *parser) valueList() ([]token, error) {
	if err := p.expect("("); err != nil {
		return nil, err
	}
	var set []token
	for {
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		set = append(set, v)
		switch t := p.next(); {
		case t.is(")"):
			return set, nil
		case !t.is(","):
			return nil, unexpected(t)
		}
	}
}

func (p *parser) orderBy(sq *soqlQuery) error {
	if err := p.expect("BY"); err != nil {
		return err
	}
	f := p.next()
	if f.kind != tokIdent || reservedWords[strings.ToUpper(f.text)] {
		return unexpected(f)
	}
	o := &soqlOrder{field: f}
	switch {
	case p.peek().is("ASC"):
		p.next()
	case p.peek().is("DESC"):
		p.next()
		o.desc, o.nullsLast = true, true // Salesforce: DESC puts nulls last by default
	}
	if p.peek().is("NULLS") {
		p.next()
		switch t := p.next(); {
		case t.is("FIRST"):
			o.nullsLast = false
		case t.is("LAST"):
			o.nullsLast = true
		default:
			return unexpected(t)
		}
	}
	if p.peek().is(",") {
		return malformed("unexpected token: ','") // one sort key is enough for the client
	}
	sq.order = o
	return nil
}
