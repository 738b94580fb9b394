package sfsim

import (
	"math"
	"slices"
	"sort"
)

// column stores one field of every row of a table, typed by kind. String
// columns of low cardinality (picklists, lookups, cities) are dictionary
// coded so a million rows cost four bytes a cell instead of a string header.
//
// Columns are copy-on-write: a snapshot keeps the slices as they were (capped
// at their length) and marks the column shared; the next in-place write
// clones it. Appends never touch the snapshot's part of the backing array.
type column struct {
	kind   valueKind
	coded  bool
	strs   []string
	codes  []uint32
	dict   []string          // code -> value; code 0 is "" (null)
	dictIx map[string]uint32 // writer-side reverse index, never read through a snapshot
	times  []int64
	nums   []float64
	bools  []bool
	shared bool
}

func newColumn(k valueKind, coded bool) *column {
	c := &column{kind: k, coded: coded && k == kindString}
	if c.coded {
		c.dict = []string{""}
		c.dictIx = map[string]uint32{"": 0}
	}
	return c
}

// get returns row i's value.
func (c *column) get(i int) cellValue {
	switch c.kind {
	case kindBool:
		return boolCell(c.bools[i])
	case kindNumber:
		n := c.nums[i]
		if math.IsNaN(n) {
			return nullCell(kindNumber)
		}
		return numberCell(n)
	case kindDateTime, kindDate:
		return timeCell(c.kind, c.times[i])
	}
	return stringCell(c.str(i))
}

// str returns row i of a string column without building a cellValue.
func (c *column) str(i int) string {
	if c.coded {
		return c.dict[c.codes[i]]
	}
	return c.strs[i]
}

func (c *column) code(s string) uint32 {
	if k, ok := c.dictIx[s]; ok {
		return k
	}
	k := uint32(len(c.dict))
	c.dict = append(c.dict, s)
	c.dictIx[s] = k
	return k
}

// push appends a value as a new last row.
func (c *column) push(v cellValue) {
	switch c.kind {
	case kindBool:
		c.bools = append(c.bools, v.b)
	case kindNumber:
		if v.null {
			v.n = math.NaN()
		}
		c.nums = append(c.nums, v.n)
	case kindDateTime, kindDate:
		if v.null {
			v.t = nullTime
		}
		c.times = append(c.times, v.t)
	default:
		if c.coded {
			c.codes = append(c.codes, c.code(v.s))
		} else {
			c.strs = append(c.strs, v.s)
		}
	}
}

// set overwrites row i, cloning the column first if a snapshot shares it.
func (c *column) set(i int, v cellValue) {
	c.unshare()
	switch c.kind {
	case kindBool:
		c.bools[i] = v.b
	case kindNumber:
		if v.null {
			v.n = math.NaN()
		}
		c.nums[i] = v.n
	case kindDateTime, kindDate:
		if v.null {
			v.t = nullTime
		}
		c.times[i] = v.t
	default:
		if c.coded {
			c.codes[i] = c.code(v.s)
		} else {
			c.strs[i] = v.s
		}
	}
}

// insert puts v before row i, cloning first if shared.
func (c *column) insert(i int, v cellValue) {
	c.unshare()
	c.push(v) // append in the right representation, then rotate it into place
	switch {
	case c.kind == kindBool:
		rotateLast(c.bools, i)
	case c.kind == kindNumber:
		rotateLast(c.nums, i)
	case c.kind == kindDateTime || c.kind == kindDate:
		rotateLast(c.times, i)
	case c.coded:
		rotateLast(c.codes, i)
	default:
		rotateLast(c.strs, i)
	}
}

// rotateLast moves s's last element to index i, shifting the rest right.
func rotateLast[T any](s []T, i int) {
	last := s[len(s)-1]
	copy(s[i+1:], s[i:len(s)-1])
	s[i] = last
}

// remove deletes row i (hard delete), cloning first if shared.
func (c *column) remove(i int) {
	c.unshare()
	c.strs = removeAt(c.strs, i)
	c.codes = removeAt(c.codes, i)
	c.times = removeAt(c.times, i)
	c.nums = removeAt(c.nums, i)
	c.bools = removeAt(c.bools, i)
}

func removeAt[T any](s []T, i int) []T {
	if len(s) == 0 {
		return s
	}
	return append(s[:i], s[i+1:]...)
}

func (c *column) unshare() {
	if !c.shared {
		return
	}
	c.strs = cloneSlice(c.strs)
	c.codes = cloneSlice(c.codes)
	c.times = cloneSlice(c.times)
	c.nums = cloneSlice(c.nums)
	c.bools = cloneSlice(c.bools)
	c.shared = false
}

func cloneSlice[T any](s []T) []T {
	if s == nil {
		return nil
	}
	return append(make([]T, 0, len(s)+len(s)/8+16), s...)
}

// frozen returns a read-only copy of the column for a snapshot of n rows.
func (c *column) frozen(n int) column {
	c.shared = true
	f := column{kind: c.kind, coded: c.coded, dict: c.dict[:len(c.dict):len(c.dict)]}
	switch c.kind {
	case kindBool:
		f.bools = c.bools[:n:n]
	case kindNumber:
		f.nums = c.nums[:n:n]
	case kindDateTime, kindDate:
		f.times = c.times[:n:n]
	default:
		if c.coded {
			f.codes = c.codes[:n:n]
		} else {
			f.strs = c.strs[:n:n]
		}
	}
	return f
}

// table holds one sObject's rows, kept in Id order (column 0 is Id).
type table struct {
	obj  *objectDef
	cols []*column
	n    int
}

func newTable(obj *objectDef) *table {
	t := &table{obj: obj, cols: make([]*column, obj.ncols())}
	for _, f := range obj.fields() {
		if f.col >= 0 {
			t.cols[f.col] = newColumn(f.kind, codedField(f))
		}
	}
	return t
}

// codedField says which string fields repeat enough to dictionary-code.
func codedField(f *fieldDef) bool {
	switch f.Type {
	case "picklist":
		return true
	case "reference":
		// Few users own many records; Account and Contact ids are shared
		// strings already, and a dictionary of a million ids would cost more.
		return slices.Contains(f.ReferenceTo, "User")
	}
	switch f.Name {
	case "BillingCity", "BillingState", "BillingCountry", "ShippingCity", "ShippingState", "ShippingCountry",
		"MailingCity", "MailingState", "MailingCountry", "City", "State", "Country", "Description", "Title",
		"Department", "BillingPostalCode", "ShippingPostalCode", "MailingPostalCode", "PostalCode", "Sic", "Site",
		"Logo__c", "NextStep", "CompanyName", "Division":
		return true
	}
	return false
}

// reserve sizes every column for n more rows: seeding a million rows
// otherwise spends most of its time copying growing slices.
func (t *table) reserve(n int) {
	for _, c := range t.cols {
		switch {
		case c.kind == kindBool:
			c.bools = grow(c.bools, n)
		case c.kind == kindNumber:
			c.nums = grow(c.nums, n)
		case c.kind == kindDateTime || c.kind == kindDate:
			c.times = grow(c.times, n)
		case c.coded:
			c.codes = grow(c.codes, n)
		default:
			c.strs = grow(c.strs, n)
		}
	}
}

func grow[T any](s []T, n int) []T {
	if cap(s)-len(s) >= n {
		return s
	}
	return append(make([]T, 0, len(s)+n), s...)
}

// find returns the row index of id, or -1.
func (t *table) find(id string) int {
	ids := t.cols[0]
	i := sort.Search(t.n, func(i int) bool { return ids.strs[i] >= id })
	if i < t.n && ids.strs[i] == id {
		return i
	}
	return -1
}

// view freezes the table into a read-only snapshot.
func (t *table) view() *tableView {
	v := &tableView{obj: t.obj, n: t.n, cols: make([]column, len(t.cols))}
	for i, c := range t.cols {
		v.cols[i] = c.frozen(t.n)
	}
	return v
}

// tableView is an immutable snapshot of a table.
type tableView struct {
	obj  *objectDef
	org  *orgView
	cols []column
	n    int
	hide map[int]bool // rows sharing hides from the user (sharing.go), nil when none
}

// cell reads field f of row i: stored, derived (formula, name) or null for a
// compound field, whose JSON form is built from its parts.
func (v *tableView) cell(f *fieldDef, i int) cellValue {
	if f.col >= len(v.cols) { // added (Org.AddField) after this snapshot
		return nullCell(f.kind)
	}
	if f.col >= 0 {
		return v.cols[f.col].get(i)
	}
	if f.derive != nil {
		return f.derive(v.org, v, i)
	}
	return nullCell(kindString)
}

func (v *tableView) id(i int) string { return v.cols[0].strs[i] }

// find returns the row index of id in the snapshot, or -1.
func (v *tableView) find(id string) int {
	ids := v.cols[0].strs
	i := sort.SearchStrings(ids, id)
	if i < len(ids) && ids[i] == id {
		return i
	}
	return -1
}

// orgView is a consistent snapshot of every table, taken under the read lock.
type orgView struct {
	tables       map[*objectDef]*tableView
	schema       *schema
	plainNumbers bool // REST JSON prints numbers as plain decimals
}

// parent returns the table and row a lookup field of row i points at, or
// (nil, -1) when the lookup is empty or dangling.
func (v *orgView) parent(t *tableView, ref *fieldDef, i int) (*tableView, int) {
	id := t.cols[ref.col].str(i)
	if id == "" {
		return nil, -1
	}
	target := ref.targetFor(id)
	if target == nil {
		return nil, -1
	}
	p := v.tables[target]
	j := p.find(id)
	if j < 0 {
		return nil, -1
	}
	return p, j
}

// parentCell reads a field (by lower-case name) of the record that lookup
// ref of row i points at.
func (v *orgView) parentCell(t *tableView, ref *fieldDef, i int, lowerName string) cellValue {
	p, j := v.parent(t, ref, i)
	f := ref.target.lookup(lowerName)
	if p == nil {
		return nullCell(f.kind)
	}
	return parentField(p, f, j)
}
