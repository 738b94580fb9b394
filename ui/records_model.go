package ui

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/sfsync/sfsync/core/store"
)

// RecordTable is the Records view's in-memory model of one object: the
// displayed columns held column by column, plus one lower-cased search text
// for all rows. It is built once from the store and answers searches and
// sorts over a million rows without touching the store again. It has no Fyne
// dependency and is not safe for concurrent use: the UI builds it off the UI
// goroutine and then hands it over.
type RecordTable struct {
	Object  string
	Columns []string // displayed columns (API names), Id first
	ids     []string
	cols    [][]string // cols[c][row]
	numeric []bool     // column sorts as numbers

	// haystack holds every row's lower-cased values separated by 0x00; row
	// r spans haystack[starts[r]:starts[r+1]].
	haystack []byte
	starts   []int32

	order   []int32 // rows in the current sort order
	view    []int32 // order filtered by the current search
	query   string
	sortCol int // -1: store (Id) order
	sortAsc bool
}

// hiddenColumns are synced for bookkeeping, not shown.
var hiddenColumns = map[string]bool{"IsDeleted": true, "SystemModstamp": true}

// userNames maps User Ids to names so lookup columns (OwnerId, CSM__c …)
// read as people.
type userNames map[string]string

// resolve returns the user's name for a value that is a known User Id.
func (u userNames) resolve(v string) string {
	if len(v) >= 15 && strings.HasPrefix(v, "005") {
		if n, ok := u[v]; ok {
			return n
		}
	}
	return v
}

// LoadUserNames reads User Id → Name from the store.
func LoadUserNames(src RecordStore) (map[string]string, error) {
	names := map[string]string{}
	err := src.Scan("User", func(r *store.Record) bool {
		if n, ok := r.Field("Name"); ok {
			names[r.ID] = n
		}
		return true
	})
	if err != nil {
		return nil, fmt.Errorf("load user names: %w", err)
	}
	return names, nil
}

// NewRecordTable starts an empty table with the given columns (hidden
// bookkeeping columns are dropped, Id is put first).
func NewRecordTable(object string, columns []string) *RecordTable {
	cols := []string{"Id"}
	for _, c := range columns {
		if c != "Id" && !hiddenColumns[c] {
			cols = append(cols, c)
		}
	}
	t := &RecordTable{Object: object, Columns: cols, cols: make([][]string, len(cols)),
		numeric: make([]bool, len(cols)), sortCol: -1, sortAsc: true}
	for i := range t.numeric {
		t.numeric[i] = i > 0 // proven otherwise by the first non-numeric value
	}
	return t
}

// LoadRecordTable builds the table of object from the store with the
// columns of its latest field set, user lookups resolved through users.
func LoadRecordTable(src RecordStore, object string, users map[string]string) (*RecordTable, error) {
	cols, err := src.Columns(object)
	if err != nil {
		return nil, err
	}
	t := NewRecordTable(object, cols)
	if n, err := src.Count(object); err == nil {
		t.grow(n)
	}
	row := make([]string, len(t.Columns))
	err = src.Scan(object, func(r *store.Record) bool {
		for i, c := range t.Columns {
			row[i], _ = r.Field(c)
		}
		row[0] = r.ID
		t.Append(row, users)
		return true
	})
	if err != nil {
		return nil, fmt.Errorf("load %s records: %w", object, err)
	}
	t.Finish()
	return t, nil
}

func (t *RecordTable) grow(n int) {
	for i := range t.cols {
		t.cols[i] = slices.Grow(t.cols[i], n)
	}
	t.starts = slices.Grow(t.starts, n+1)
}

// Append adds one row (values aligned with Columns, Id first), resolving
// User Ids to names. The strings are kept, the slice is not.
func (t *RecordTable) Append(values []string, users map[string]string) {
	names := userNames(users)
	t.starts = append(t.starts, int32(len(t.haystack)))
	t.ids = append(t.ids, values[0])
	for i, v := range values {
		if i > 0 {
			v = names.resolve(v)
		}
		t.cols[i] = append(t.cols[i], v)
		if t.numeric[i] && v != "" {
			if _, err := strconv.ParseFloat(v, 64); err != nil {
				t.numeric[i] = false
			}
		}
		t.haystack = appendLower(t.haystack, v)
		t.haystack = append(t.haystack, 0)
	}
}

// Finish ends loading and shows all rows in store order.
func (t *RecordTable) Finish() {
	t.starts = append(t.starts, int32(len(t.haystack)))
	t.order = make([]int32, len(t.ids))
	for i := range t.order {
		t.order[i] = int32(i)
	}
	t.view = t.order
}

// appendLower appends s lower-cased (ASCII fast path).
func appendLower(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return append(dst, strings.ToLower(s)...)
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// Len is the number of rows shown (after search).
func (t *RecordTable) Len() int { return len(t.view) }

// Total is the number of rows loaded.
func (t *RecordTable) Total() int { return len(t.ids) }

// Cell is the value of column col in shown row i.
func (t *RecordTable) Cell(i, col int) string { return t.cols[col][t.view[i]] }

// ID is the record Id of shown row i.
func (t *RecordTable) ID(i int) string { return t.ids[t.view[i]] }

// Search shows only the rows containing q (case-insensitive, any column);
// "" shows all. It scans the search text once.
func (t *RecordTable) Search(q string) {
	t.query = q
	t.applySearch()
}

func (t *RecordTable) applySearch() {
	needle := appendLower(nil, strings.TrimSpace(t.query))
	if len(needle) == 0 {
		t.view = t.order
		return
	}
	match := make([]bool, len(t.ids))
	hay := t.haystack
	pos := 0
	for {
		i := bytes.Index(hay[pos:], needle)
		if i < 0 {
			break
		}
		at := int32(pos + i)
		row, _ := slices.BinarySearch(t.starts, at)
		if row == len(t.starts) || t.starts[row] != at {
			row--
		}
		if row >= len(match) {
			break
		}
		match[row] = true
		pos = int(t.starts[row+1]) // next row: one hit per row is enough
	}
	view := make([]int32, 0, 64)
	for _, r := range t.order {
		if match[r] {
			view = append(view, r)
		}
	}
	t.view = view
}

// SortBy orders rows by column col (numbers numerically, empty values
// last), keeping the search. Sorting the same column again flips it.
func (t *RecordTable) SortBy(col int) {
	if col == t.sortCol {
		t.sortAsc = !t.sortAsc
	} else {
		t.sortCol, t.sortAsc = col, true
	}
	values := t.cols[col]
	var keys []float64
	if t.numeric[col] {
		keys = make([]float64, len(values))
		for i, v := range values {
			keys[i], _ = strconv.ParseFloat(v, 64)
		}
	}
	asc := t.sortAsc
	order := slices.Clone(t.order)
	slices.SortFunc(order, func(a, b int32) int {
		va, vb := values[a], values[b]
		if (va == "") != (vb == "") { // empty last in both directions
			if va == "" {
				return 1
			}
			return -1
		}
		var c int
		if keys != nil {
			c = cmp.Compare(keys[a], keys[b])
		} else {
			c = compareFold(va, vb)
		}
		if !asc {
			c = -c
		}
		return cmp.Or(c, cmp.Compare(a, b)) // ties keep store order
	})
	t.order = order
	t.applySearch()
}

// Sorted reports the sort column (-1: none) and direction.
func (t *RecordTable) Sorted() (col int, asc bool) { return t.sortCol, t.sortAsc }

// compareFold compares case-insensitively, ASCII fast.
func compareFold(a, b string) int {
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		ca, cb := a[i], b[i]
		if ca >= utf8.RuneSelf || cb >= utf8.RuneSelf {
			return strings.Compare(strings.ToLower(a[i:]), strings.ToLower(b[i:]))
		}
		if 'A' <= ca && ca <= 'Z' {
			ca += 'a' - 'A'
		}
		if 'A' <= cb && cb <= 'Z' {
			cb += 'a' - 'A'
		}
		if ca != cb {
			return cmp.Compare(ca, cb)
		}
	}
	return cmp.Compare(len(a), len(b))
}
