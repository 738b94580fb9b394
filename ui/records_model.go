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
	sorted  map[int]sortedColumn
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
	t.view = t.PrepareSearch(t.query).Run().view
}

// SearchJob is a search prepared on the UI goroutine and run on another:
// it holds the table's search text and current order, which the table
// never changes in place (loading is over, sorting replaces the order).
type SearchJob struct {
	query    string
	haystack []byte
	starts   []int32
	order    []int32
}

// SearchResult is a finished search, for ApplySearch.
type SearchResult struct {
	query       string
	order, view []int32
}

// PrepareSearch captures what a search for q needs (UI goroutine).
func (t *RecordTable) PrepareSearch(q string) SearchJob {
	return SearchJob{query: q, haystack: t.haystack, starts: t.starts, order: t.order}
}

// Run finds the rows containing the query, in the captured order. It only
// reads the job, so it may run on any goroutine.
func (j SearchJob) Run() SearchResult {
	res := SearchResult{query: j.query, order: j.order, view: j.order}
	needle := appendLower(nil, strings.TrimSpace(j.query))
	if len(needle) == 0 {
		return res
	}
	rows := len(j.starts) - 1
	match := make([]bool, max(rows, 0))
	hay := j.haystack
	pos := 0
	for {
		i := bytes.Index(hay[pos:], needle)
		if i < 0 {
			break
		}
		at := int32(pos + i)
		row, _ := slices.BinarySearch(j.starts, at)
		if row == len(j.starts) || j.starts[row] != at {
			row--
		}
		if row >= len(match) {
			break
		}
		match[row] = true
		pos = int(j.starts[row+1]) // next row: one hit per row is enough
	}
	view := make([]int32, 0, 64)
	for _, r := range j.order {
		if match[r] {
			view = append(view, r)
		}
	}
	res.view = view
	return res
}

// ApplySearch shows a finished search (UI goroutine). It refuses (false)
// a result computed on an order the table no longer has (sorted since).
func (t *RecordTable) ApplySearch(r SearchResult) bool {
	if len(r.order) != len(t.order) || (len(r.order) > 0 && &r.order[0] != &t.order[0]) {
		return false
	}
	t.query, t.view = r.query, r.view
	return true
}

// Query is the search the shown rows answer.
func (t *RecordTable) Query() string { return t.query }

// SortBy orders rows by column col (numbers numerically, text
// case-insensitively, empty values last), keeping the search. Sorting the
// same column again flips it. Each column is sorted once; later sorts of it
// reuse that order.
func (t *RecordTable) SortBy(col int) {
	if col == t.sortCol {
		t.sortAsc = !t.sortAsc
	} else {
		t.sortCol, t.sortAsc = col, true
	}
	asc, filled := t.ascending(col)
	if t.sortAsc {
		t.order = asc
	} else { // reverse the filled part, empties stay last
		order := make([]int32, 0, len(asc))
		for i := filled - 1; i >= 0; i-- {
			order = append(order, asc[i])
		}
		t.order = append(order, asc[filled:]...)
	}
	t.applySearch()
}

// ascending returns the rows in ascending order of col and how many of
// them are non-empty (those come first).
func (t *RecordTable) ascending(col int) ([]int32, int) {
	if c, ok := t.sorted[col]; ok {
		return c.order, c.filled
	}
	values := t.cols[col]
	order := make([]int32, 0, len(values))
	var empty []int32
	for r, v := range values {
		if v == "" {
			empty = append(empty, int32(r))
		} else {
			order = append(order, int32(r))
		}
	}
	filled := len(order)
	if t.numeric[col] {
		keys := make([]float64, len(values))
		for i, v := range values {
			keys[i], _ = strconv.ParseFloat(v, 64)
		}
		slices.SortFunc(order, func(a, b int32) int { return cmp.Or(cmp.Compare(keys[a], keys[b]), cmp.Compare(a, b)) })
	} else {
		keys := t.lowerColumn(col)
		slices.SortFunc(order, func(a, b int32) int { return cmp.Or(strings.Compare(keys[a], keys[b]), cmp.Compare(a, b)) })
	}
	order = append(order, empty...)
	if t.sorted == nil {
		t.sorted = map[int]sortedColumn{}
	}
	t.sorted[col] = sortedColumn{order: order, filled: filled}
	return order, filled
}

// sortedColumn is a column's ascending order, kept for the next sort.
type sortedColumn struct {
	order  []int32
	filled int
}

// lowerColumn cuts column col's lower-cased values out of the search text,
// so sorting compares bytes instead of folding case on every comparison.
func (t *RecordTable) lowerColumn(col int) []string {
	keys := make([]string, len(t.ids))
	for r := range keys {
		cell := t.haystack[t.starts[r]:t.starts[r+1]]
		for range col {
			cell = cell[bytes.IndexByte(cell, 0)+1:]
		}
		keys[r] = string(cell[:bytes.IndexByte(cell, 0)])
	}
	return keys
}

// Sorted reports the sort column (-1: none) and direction.
func (t *RecordTable) Sorted() (col int, asc bool) { return t.sortCol, t.sortAsc }
