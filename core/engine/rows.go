package engine

import (
	"fmt"
	"io"
	"strings"
	"time"
	"unsafe"

	"github.com/sfsync/sfsync/core/fields"
	"github.com/sfsync/sfsync/core/salesforce"
)

// valueForm says how a column's text is normalised, so that a value reads
// the same whether it came from Bulk CSV or REST JSON.
type valueForm uint8

const (
	formText     valueForm = iota
	formDateTime           // canonical 2006-01-02T15:04:05.000Z
	formNumber             // exact plain decimal, no exponent: "3.0" -> "3", "9.9213206E7" -> "99213206"
)

func formOf(fieldType string) valueForm {
	switch fieldType {
	case "datetime":
		return formDateTime
	case "double", "currency", "percent", "int", "long":
		return formNumber
	}
	return formText
}

// objectPlan is how one object's rows are stored: its columns, how each is
// normalised, and its SOQL (built by core/fields).
type objectPlan struct {
	object string
	cols   []string
	forms  []valueForm
	cat    *fields.Catalog
	sel    fields.Selection
}

// newObjectPlan validates obj's selection against the catalog and takes
// the columns in the order the query selects them.
func newObjectPlan(cat *fields.Catalog, sel fields.Selection, obj string) (*objectPlan, error) {
	cols, err := cat.Columns(obj, sel)
	if err != nil {
		return nil, err
	}
	p := &objectPlan{object: obj, cols: cols, forms: make([]valueForm, len(cols)), cat: cat, sel: sel}
	o := cat.Object(obj)
	for i, c := range cols {
		f, _ := o.Field(c)
		p.forms[i] = formOf(f.Type)
	}
	return p, nil
}

// soql is the object's query; since adds the incremental filter.
func (p *objectPlan) soql(since *time.Time) (string, error) {
	return p.cat.SelectSOQL(p.object, p.sel, since)
}

// canonicalDateTime is how the store keeps datetimes (UTC, milliseconds).
const canonicalDateTime = "2006-01-02T15:04:05.000Z"

// normalize returns s in the column's canonical form.
func normalize(form valueForm, s string) string {
	switch form {
	case formDateTime:
		if len(s) == len(canonicalDateTime) && s[len(s)-1] == 'Z' {
			return s
		}
		for _, layout := range []string{"2006-01-02T15:04:05.000-0700", "2006-01-02T15:04:05.000Z07:00", time.RFC3339Nano} {
			if t, err := time.Parse(layout, s); err == nil {
				return t.UTC().Format(canonicalDateTime)
			}
		}
	case formNumber:
		if strings.ContainsAny(s, ".eE") {
			if d, ok := canonicalDecimal(s); ok {
				return d
			}
		}
	}
	return s
}

// bulkRows streams a Bulk results page as a store.RowSource in the plan's
// column order, matching the page's header by name on every page.
type bulkRows struct {
	plan  *objectPlan
	page  *salesforce.ResultPage
	idx   []int // page column of each plan column, -1 if absent
	next  int
	vals  []string
	nulls []bool
}

func newBulkRows(plan *objectPlan, page *salesforce.ResultPage) (*bulkRows, error) {
	b := &bulkRows{plan: plan, page: page, idx: make([]int, len(plan.cols)),
		vals: make([]string, len(plan.cols)), nulls: make([]bool, len(plan.cols))}
	if page.Len() == 0 {
		return b, nil
	}
	byName := make(map[string]int, len(page.Columns()))
	for i, c := range page.Columns() {
		byName[strings.ToLower(c)] = i
	}
	for i, c := range plan.cols {
		j, ok := byName[strings.ToLower(c)]
		if !ok {
			return nil, fmt.Errorf("bulk page of %s has no column %s", plan.object, c)
		}
		b.idx[i] = j
	}
	return b, nil
}

func (b *bulkRows) NextRow() ([]string, []bool, error) {
	if b.next >= b.page.Len() {
		return nil, nil, io.EOF
	}
	row := b.page.Row(b.next)
	b.next++
	for i, j := range b.idx {
		if row.IsNull(j) {
			b.vals[i], b.nulls[i] = "", true
			continue
		}
		v := row.Bytes(j)
		// The store copies values inside ApplyPage, which runs while the page
		// (and so v) is alive: no need to copy each value here.
		b.vals[i], b.nulls[i] = normalize(b.plan.forms[i], unsafe.String(unsafe.SliceData(v), len(v))), false
	}
	return b.vals, b.nulls, nil
}

// recordRows streams REST records as a store.RowSource in plan order. A
// dotted column whose parent is null comes back under the relationship name
// alone: it is null.
type recordRows struct {
	plan    *objectPlan
	recs    []salesforce.Record
	next    int
	shape   []string
	idx     []int
	vals    []string
	nulls   []bool
	scratch map[string]int
}

func newRecordRows(plan *objectPlan, recs []salesforce.Record) *recordRows {
	return &recordRows{plan: plan, recs: recs, idx: make([]int, len(plan.cols)),
		vals: make([]string, len(plan.cols)), nulls: make([]bool, len(plan.cols)), scratch: map[string]int{}}
}

func (r *recordRows) NextRow() ([]string, []bool, error) {
	if r.next >= len(r.recs) {
		return nil, nil, io.EOF
	}
	rec := r.recs[r.next]
	r.next++
	if !sameShape(rec.Names, r.shape) {
		r.reshape(rec.Names)
	}
	for i, j := range r.idx {
		if j < 0 || rec.Values[j].Null {
			r.vals[i], r.nulls[i] = "", true
			continue
		}
		r.vals[i], r.nulls[i] = normalize(r.plan.forms[i], rec.Values[j].Text), false
	}
	return r.vals, r.nulls, nil
}

// sameShape is cheap for records of one page: the decoder shares Names.
func sameShape(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	if len(a) > 0 && unsafe.SliceData(a) == unsafe.SliceData(b) {
		return true
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func (r *recordRows) reshape(names []string) {
	r.shape = names
	clear(r.scratch)
	for i, n := range names {
		r.scratch[strings.ToLower(n)] = i
	}
	for i, c := range r.plan.cols {
		j, ok := r.scratch[strings.ToLower(c)]
		if !ok {
			j = -1
		}
		r.idx[i] = j
	}
}
