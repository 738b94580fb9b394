package sfsim

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// accessor reads one selected path from a row: a field of the queried object,
// or (ref != nil) a field of the record a lookup points at.
type accessor struct {
	name string    // canonical path: "Name", "Owner.Email"
	ref  *fieldDef // lookup on the queried object, nil for a direct field
	f    *fieldDef // field read (on the parent when ref != nil)
}

func (a accessor) value(v *orgView, t *tableView, i int) cellValue {
	if a.ref == nil {
		return t.cell(a.f, i)
	}
	p, j := v.parent(t, a.ref, i)
	if p == nil {
		return nullCell(a.f.kind)
	}
	return parentField(p, a.f, j)
}

// plan is a query checked against the schema, ready to run on a snapshot.
type plan struct {
	obj   *objectDef
	count bool
	cols  []accessor
	conds []planCond
	order *planOrder
	limit int
}

type planCond struct {
	acc accessor
	op  string
	lit cellValue
	set []cellValue // op "IN"
}

type planOrder struct {
	acc             accessor
	desc, nullsLast bool
}

// alphabetical returns a copy of the plan with its columns sorted by name.
func (p *plan) alphabetical() *plan {
	c := *p
	c.cols = append([]accessor(nil), p.cols...)
	sort.SliceStable(c.cols, func(a, b int) bool { return c.cols[a].name < c.cols[b].name })
	return &c
}

// compileSOQL parses q and resolves it against the schema.
func compileSOQL(s *schema, q string) (*plan, error) {
	sq, err := parseSOQL(q)
	if err != nil {
		return nil, err
	}
	obj := s.readable(sq.object.text)
	if obj == nil {
		return nil, &queryError{code: "INVALID_TYPE", message: positioned(q, sq.object.pos, fmt.Sprintf(
			"sObject type '%s' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.", sq.object.text))}
	}
	p := &plan{obj: obj, count: sq.count, limit: sq.limit}
	seen := map[string]bool{}
	for _, t := range sq.fields {
		a, err := resolvePath(s, obj, q, t)
		if err != nil {
			return nil, err
		}
		key := strings.ToLower(a.name)
		if seen[key] {
			return nil, malformed("duplicate field selected: %s", a.name)
		}
		seen[key] = true
		p.cols = append(p.cols, a)
	}
	for _, c := range sq.where {
		a, err := resolvePath(s, obj, q, c.field)
		if err != nil {
			return nil, err
		}
		pc := planCond{acc: a, op: c.op}
		vals := c.set
		if c.op != "IN" {
			vals = []token{c.value}
		}
		for _, v := range vals {
			lit, err := literalFor(a.f, v, q)
			if err != nil {
				return nil, err
			}
			pc.lit, pc.set = lit, append(pc.set, lit)
		}
		p.conds = append(p.conds, pc)
	}
	if sq.order != nil {
		a, err := resolvePath(s, obj, q, sq.order.field)
		if err != nil {
			return nil, err
		}
		p.order = &planOrder{acc: a, desc: sq.order.desc, nullsLast: sq.order.nullsLast}
	}
	return p, nil
}

// resolvePath resolves Field or Relationship.Field (one level) case-insensitively.
func resolvePath(s *schema, obj *objectDef, q string, t token) (accessor, error) {
	parts := strings.Split(t.text, ".")
	if len(parts) > 1 && strings.EqualFold(parts[0], obj.Name) { // SELECT Account.Name FROM Account
		parts = parts[1:]
	}
	switch len(parts) {
	case 1:
		f := obj.field(parts[0])
		if f == nil {
			return accessor{}, noSuchColumn(q, t, parts[0], obj.Name)
		}
		return accessor{name: f.Name, f: f}, nil
	case 2:
		ref := obj.relationship(parts[0])
		if ref == nil {
			return accessor{}, invalidField(q, t,
				"Didn't understand relationship '%s' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.", parts[0])
		}
		parent := ref.target
		f := parent.field(parts[1])
		if f == nil {
			return accessor{}, noSuchColumn(q, t, parts[1], parent.Name)
		}
		return accessor{name: ref.RelationshipName + "." + f.Name, ref: ref, f: f}, nil
	}
	return accessor{}, malformed("unsupported relationship path: %s", t.text)
}

func noSuchColumn(q string, t token, field, object string) *queryError {
	return invalidField(q, t,
		"No such column '%s' on entity '%s'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.", field, object)
}

// positioned prefixes a message with Salesforce's echo of the query, a caret
// and "ERROR at Row:r:Column:c".
func positioned(q string, pos int, msg string) string {
	row, col := 1, 1
	lineStart := 0
	for i := 0; i < pos && i < len(q); i++ {
		if q[i] == '\n' {
			row++
			lineStart = i + 1
		}
	}
	col = pos - lineStart + 1
	line := q[lineStart:]
	if k := strings.IndexByte(line, '\n'); k >= 0 {
		line = line[:k]
	}
	return "\n" + line + "\n" + strings.Repeat(" ", col-1) + "^\nERROR at Row:" + strconv.Itoa(row) +
		":Column:" + strconv.Itoa(col) + "\n" + msg
}

// literalFor type-checks a WHERE literal against the field it filters.
func literalFor(f *fieldDef, v token, q string) (cellValue, error) {
	if v.is("null") {
		return nullCell(f.kind), nil
	}
	if !f.filterable() {
		return cellValue{}, invalidField(q, v, "field '%s' can not be filtered in a query call", f.Name)
	}
	if c, ok := typedLiteral(f.kind, v); ok {
		return c, nil
	}
	want, unquoted := unquotedLiteralTypes[f.kind]
	if !unquoted {
		return cellValue{}, invalidField(q, v,
			"value of filter criterion for field '%s' must be of type string and should be enclosed in quotes", f.Name)
	}
	return cellValue{}, invalidField(q, v,
		"value of filter criterion for field '%s' must be of type %s and should not be enclosed in quotes", f.Name, want)
}

// unquotedLiteralTypes names, for the kinds whose literals SOQL writes
// without quotes, the type Salesforce's error asks for; string literals
// are quoted.
var unquotedLiteralTypes = map[valueKind]string{
	kindBool: "boolean", kindNumber: "double", kindDateTime: "dateTime", kindDate: "date",
}

// typedLiteral reads v as a value of kind; ok is false when v is not one
// (true/false, a number, a datetime with a time, a date, a quoted string).
func typedLiteral(kind valueKind, v token) (c cellValue, ok bool) {
	switch kind {
	case kindBool:
		return boolCell(v.is("true")), v.is("true") || v.is("false")
	case kindNumber:
		n, err := strconv.ParseFloat(v.text, 64)
		return numberCell(n), v.kind == tokNumber && err == nil
	case kindDateTime:
		return timeLiteral(kind, v, strings.Contains(v.text, "T"))
	case kindDate:
		return timeLiteral(kind, v, len(v.text) == 10)
	}
	return stringCell(v.text), v.kind == tokString
}

// timeLiteral reads an unquoted date or datetime literal of the right shape.
func timeLiteral(kind valueKind, v token, shaped bool) (cellValue, bool) {
	if v.kind != tokDateTime || !shaped {
		return cellValue{}, false
	}
	t, err := parseDateTimeLiteral(v.text)
	if err != nil {
		return cellValue{}, false
	}
	return timeCell(kind, t.UnixMilli()), true
}

// invalidField is an INVALID_FIELD error that points at token t of query q.
func invalidField(q string, t token, format string, args ...any) *queryError {
	return &queryError{code: "INVALID_FIELD", message: positioned(q, t.pos, fmt.Sprintf(format, args...))}
}

func (c planCond) match(v *orgView, t *tableView, i int) bool {
	x := c.acc.value(v, t, i)
	if c.op == "IN" {
		return !x.null && slices.ContainsFunc(c.set, func(l cellValue) bool { return !l.null && x.compare(l) == 0 })
	}
	if c.lit.null || x.null { // SQL-ish null semantics: only = null / != null match
		switch c.op {
		case "=":
			return x.null == c.lit.null
		case "!=":
			return x.null != c.lit.null
		}
		return false
	}
	r := x.compare(c.lit)
	switch c.op {
	case "=":
		return r == 0
	case "!=":
		return r != 0
	case "<":
		return r < 0
	case "<=":
		return r <= 0
	case ">":
		return r > 0
	}
	return r >= 0
}

// run selects the plan's rows from a snapshot. Without ORDER BY rows come in
// Id order, which keeps paging stable.
func (p *plan) run(v *orgView, includeDeleted bool) []int32 {
	t := v.tables[p.obj]
	var deleted []bool
	if f := p.obj.deletedField(); f != nil {
		deleted = t.cols[f.col].bools
	}
	var rows []int32
	for i := 0; i < t.n; i++ {
		if !includeDeleted && deleted != nil && deleted[i] || t.hidden(i) {
			continue
		}
		ok := true
		for _, c := range p.conds {
			if !c.match(v, t, i) {
				ok = false
				break
			}
		}
		if ok {
			rows = append(rows, int32(i))
		}
	}
	if p.order != nil {
		o := p.order
		sort.SliceStable(rows, func(a, b int) bool {
			x, y := o.acc.value(v, t, int(rows[a])), o.acc.value(v, t, int(rows[b]))
			if x.null != y.null {
				return x.null != o.nullsLast
			}
			r := x.compare(y)
			if o.desc {
				return r > 0
			}
			return r < 0
		})
	}
	if p.limit >= 0 && len(rows) > p.limit {
		rows = rows[:p.limit]
	}
	return rows
}
