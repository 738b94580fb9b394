package ui

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/sfsync/sfsync/core/export"
	"github.com/sfsync/sfsync/core/lookup"
	"github.com/sfsync/sfsync/core/store"
)

// RecordTable is the Records view's in-memory model of one object: the
// displayed columns, each held as one byte buffer with offsets, plus one
// lower-cased search text for all rows. It is built once from the store and
// answers searches and sorts over a million rows without touching the store
// again. It has no Fyne dependency and is not safe for concurrent use: the
// UI builds it off the UI goroutine and then hands it over; searches and
// sorts run on other goroutines as jobs that only read it.
type RecordTable struct {
	Object  string
	Columns []string // displayed columns (API names), Id first
	Labels  []string // their labels as the field picker shows them (nil: API names)
	// Kinds say how each column is shown (display); nil: all as text.
	Kinds   []cellKind
	cols    []column // cols[0] is the Id
	numeric []bool   // column sorts as numbers
	rows    int
	expect  int  // rows announced by grow, to size the buffers
	tooBig  bool // a column passed maxColumnBytes

	// haystack holds every row's lower-cased values, each followed by
	// 0x00; row r spans haystack[starts[r]:starts[r+1]]. Finish builds it,
	// sized once.
	haystack []byte
	starts   []int

	order   []int32 // rows in the current sort order
	sorted  map[int]sortedColumn
	view    []int32 // order filtered by the current search
	query   string
	sortCol int // requested sort column, -1: store (Id) order
	sortAsc bool
}

// column is one column's values end to end in one buffer: row r is
// data[ends[r-1]:ends[r]]. One buffer and one 4-byte offset per cell instead
// of a string per cell: no string headers, no allocation per value, and
// nothing of the store's decoded records kept alive.
type column struct {
	data []byte
	ends []uint32
}

// maxColumnBytes is what a column's uint32 offsets can address.
const maxColumnBytes = math.MaxUint32

func (c *column) cell(r int) []byte {
	var start uint32
	if r > 0 {
		start = c.ends[r-1]
	}
	return c.data[start:c.ends[r]]
}

// errTableTooBig: a column does not fit its 32-bit offsets.
var errTableTooBig = errors.New("a column holds more than 4 GiB")

// hiddenColumns are synced for bookkeeping, not shown.
var hiddenColumns = map[string]bool{"IsDeleted": true, "SystemModstamp": true}

// NewRecordTable starts an empty table with the given columns (hidden
// bookkeeping columns are dropped, Id is put first).
func NewRecordTable(object string, columns []string) *RecordTable {
	cols := []string{"Id"}
	for _, c := range columns {
		if c != "Id" && !hiddenColumns[c] {
			cols = append(cols, c)
		}
	}
	t := &RecordTable{Object: object, Columns: cols, cols: make([]column, len(cols)),
		numeric: make([]bool, len(cols)), sortCol: -1, sortAsc: true}
	for i := range t.numeric {
		t.numeric[i] = i > 0 // proven otherwise by the first non-numeric value
	}
	return t
}

// LoadRecordTable builds the table of object from the store: the columns
// of the stored selection (Id first) with their labels, every lookup
// resolved from the locally synced User and Queue rows exactly as the CSV
// export writes it (core/lookup, through export.Columns).
func LoadRecordTable(st *store.Store, object string) (*RecordTable, error) {
	cols, err := export.Columns(st, object, nil)
	if err != nil {
		return nil, fmt.Errorf("load %s records: %w", object, err)
	}
	res, err := export.LoadResolver(st)
	if err != nil {
		return nil, fmt.Errorf("load %s records: %w", object, err)
	}
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.Name
	}
	t := NewRecordTable(object, names)
	t.Labels = make([]string, len(t.Columns))
	for i, name := range t.Columns {
		t.Labels[i] = cols[slices.IndexFunc(cols, func(c lookup.Column) bool { return c.Name == name })].Label
	}
	if n, err := st.Count(object); err == nil {
		t.grow(n)
	}
	cells := res.Reader(cols)
	row, nulls := make([]string, len(cols)), make([]bool, len(cols))
	err = st.Scan(object, func(r *store.Record) bool {
		cells.Row(r, row, nulls)
		t.Append(row)
		return !t.tooBig
	})
	if err == nil && t.tooBig {
		err = errTableTooBig
	}
	if err != nil {
		return nil, fmt.Errorf("load %s records: %w", object, err)
	}
	t.Finish()
	return t, nil
}

// grow announces n rows: offsets are sized now, value buffers once a sample
// of rows shows their average size.
func (t *RecordTable) grow(n int) {
	t.expect = n
	for i := range t.cols {
		t.cols[i].ends = slices.Grow(t.cols[i].ends, n)
	}
}

// sizeSample is how many rows Append reads before sizing the value
// buffers for the announced rows.
const sizeSample = 1024

// Append adds one row (values aligned with Columns, Id first, lookups
// already resolved). The values are copied.
func (t *RecordTable) Append(values []string) {
	if t.rows == sizeSample && t.expect > t.rows {
		for i := range t.cols {
			c := &t.cols[i]
			want := len(c.data) * t.expect / sizeSample * 9 / 8
			c.data = slices.Grow(c.data, want-len(c.data))
		}
	}
	for i, v := range values {
		c := &t.cols[i]
		if uint64(len(c.data))+uint64(len(v)) > maxColumnBytes {
			t.tooBig = true
			v = ""
		}
		c.data = append(c.data, v...)
		c.ends = append(c.ends, uint32(len(c.data)))
		if t.numeric[i] && v != "" {
			if _, err := strconv.ParseFloat(v, 64); err != nil {
				t.numeric[i] = false
			}
		}
	}
	t.rows++
}

// Finish ends loading: it trims the value buffers, builds the search text
// and shows all rows in store order.
func (t *RecordTable) Finish() {
	size := 0
	for i := range t.cols {
		c := &t.cols[i]
		if cap(c.data)-len(c.data) > len(c.data)/16 {
			c.data = slices.Clip(append([]byte(nil), c.data...))
		}
		c.ends = slices.Clip(c.ends)
		if isASCII(c.data) {
			size += len(c.data) + t.rows
			continue
		}
		for r := range t.rows {
			size += lowerLen(c.cell(r)) + 1
		}
	}
	t.haystack = make([]byte, 0, size)
	t.starts = make([]int, t.rows+1)
	for r := range t.rows {
		t.starts[r] = len(t.haystack)
		for i := range t.cols {
			t.haystack = appendLower(t.haystack, t.cols[i].cell(r))
			t.haystack = append(t.haystack, 0)
		}
	}
	t.starts[t.rows] = len(t.haystack)
	t.order = make([]int32, t.rows)
	for i := range t.order {
		t.order[i] = int32(i)
	}
	t.view = t.order
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// lowerLen is the length of b lower-cased (it can differ outside ASCII).
func lowerLen(b []byte) int {
	if isASCII(b) {
		return len(b)
	}
	return len(bytes.ToLower(b))
}

// appendLower appends b lower-cased (ASCII fast path).
func appendLower(dst, b []byte) []byte {
	if !isASCII(b) {
		return append(dst, bytes.ToLower(b)...)
	}
	n := len(dst)
	dst = append(dst, b...)
	for i := n; i < len(dst); i++ {
		if c := dst[i]; 'A' <= c && c <= 'Z' {
			dst[i] = c + 'a' - 'A'
		}
	}
	return dst
}

// footprint is the bytes the table's buffers hold (for the benchmarks).
func (t *RecordTable) footprint() int {
	n := cap(t.haystack) + 8*cap(t.starts) + 4*(cap(t.order)+cap(t.view))
	for _, c := range t.cols {
		n += cap(c.data) + 4*cap(c.ends)
	}
	return n
}

// Len is the number of rows shown (after search).
func (t *RecordTable) Len() int { return len(t.view) }

// Total is the number of rows loaded.
func (t *RecordTable) Total() int { return t.rows }

// Cell is the value of column col in shown row i.
func (t *RecordTable) Cell(i, col int) string { return string(t.cols[col].cell(int(t.view[i]))) }

// Display is the value of column col in shown row i as the grid shows it
// in loc (display: dates, numbers and check marks); Cell is the stored
// text.
func (t *RecordTable) Display(i, col int, loc Locale) string {
	k := kindText
	if col < len(t.Kinds) {
		k = t.Kinds[col]
	}
	return display(t.Cell(i, col), k, loc)
}

// Kind is how column col is shown.
func (t *RecordTable) Kind(col int) cellKind {
	if col < len(t.Kinds) {
		return t.Kinds[col]
	}
	return kindText
}

// Rows yields the stored cells of cols for the shown rows (all=false: the
// search's rows) or every row (all=true), in the current sort order. It
// captures the order when called, so it may be ranged over on another
// goroutine while the UI searches or sorts again.
func (t *RecordTable) Rows(all bool, cols []int) func(yield func([]string) bool) {
	rows := t.view
	if all {
		rows = t.order
	}
	return func(yield func([]string) bool) {
		out := make([]string, len(cols))
		for _, r := range rows {
			for i, c := range cols {
				out[i] = string(t.cols[c].cell(int(r)))
			}
			if !yield(out) {
				return
			}
		}
	}
}

// ID is the record Id of shown row i.
func (t *RecordTable) ID(i int) string { return t.Cell(i, 0) }

// Query is the search the shown rows answer.
func (t *RecordTable) Query() string { return t.query }

// Sorted reports the requested sort column (-1: none) and direction; the
// rows follow once the sort is applied (ApplySort).
func (t *RecordTable) Sorted() (col int, asc bool) { return t.sortCol, t.sortAsc }
