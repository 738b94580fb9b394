package ui

import (
	"bytes"
	"cmp"
	"slices"
	"strconv"
)

// SortBy orders rows by column col (numbers numerically, text
// case-insensitively, empty values last), keeping the search. Sorting the
// same column again flips it. It sorts on the calling goroutine; the view
// sorts on another with PrepareSort, Run and ApplySort.
func (t *RecordTable) SortBy(col int) {
	t.ApplySort(t.PrepareSort(col).Run())
}

// SortJob is a sort prepared on the UI goroutine and run on another: the
// column's values (never changed after loading), the direction, the column's
// ascending order when an earlier sort computed it, and the search to apply
// to the new order.
type SortJob struct {
	col     int
	asc     bool
	values  column
	numeric bool
	known   *sortedColumn // nil: not sorted before
	search  SearchJob     // order filled in by Run
}

// SortResult is a finished sort, for ApplySort.
type SortResult struct {
	col       int
	asc       bool
	ascending sortedColumn
	order     []int32
	search    SearchResult
}

// sortedColumn is a column's ascending order, kept for the next sort.
type sortedColumn struct {
	order  []int32
	filled int // non-empty values, which come first
}

// PrepareSort records col as the requested sort (the same column again
// flips the direction) and captures what sorting needs (UI goroutine).
func (t *RecordTable) PrepareSort(col int) SortJob {
	if col == t.sortCol {
		t.sortAsc = !t.sortAsc
	} else {
		t.sortCol, t.sortAsc = col, true
	}
	j := SortJob{col: col, asc: t.sortAsc, values: t.cols[col], numeric: t.numeric[col],
		search: t.PrepareSearch(t.query)}
	if c, ok := t.sorted[col]; ok {
		j.known = &c
	}
	return j
}

// Run sorts and searches the new order. It only reads the job, so it may
// run on any goroutine.
func (j SortJob) Run() SortResult {
	res := SortResult{col: j.col, asc: j.asc}
	if j.known != nil {
		res.ascending = *j.known
	} else {
		res.ascending = j.ascending()
	}
	asc, filled := res.ascending.order, res.ascending.filled
	if j.asc {
		res.order = asc
	} else { // reverse the filled part, empties stay last
		order := make([]int32, 0, len(asc))
		for i := filled - 1; i >= 0; i-- {
			order = append(order, asc[i])
		}
		res.order = append(order, asc[filled:]...)
	}
	search := j.search
	search.order = res.order
	res.search = search.Run()
	return res
}

// ApplySort shows a finished sort (UI goroutine), with the search it was
// prepared with. It refuses (false) a result of a sort no longer requested.
func (t *RecordTable) ApplySort(r SortResult) bool {
	if r.col != t.sortCol || r.asc != t.sortAsc {
		return false
	}
	if t.sorted == nil {
		t.sorted = map[int]sortedColumn{}
	}
	t.sorted[r.col] = r.ascending
	t.order = r.order
	t.query, t.view = r.search.query, r.search.view
	return true
}

// ascending orders the rows by the job's column: non-empty values first,
// ties in store order.
func (j SortJob) ascending() sortedColumn {
	values := j.values
	rows := len(values.ends)
	order := make([]int32, 0, rows)
	var empty []int32
	for r := range rows {
		if len(values.cell(r)) == 0 {
			empty = append(empty, int32(r))
		} else {
			order = append(order, int32(r))
		}
	}
	filled := len(order)
	if j.numeric {
		keys := make([]float64, rows)
		for r := range rows {
			keys[r], _ = strconv.ParseFloat(string(values.cell(r)), 64)
		}
		slices.SortFunc(order, func(a, b int32) int { return cmp.Or(cmp.Compare(keys[a], keys[b]), cmp.Compare(a, b)) })
	} else {
		keys := lowerColumn(values)
		slices.SortFunc(order, func(a, b int32) int {
			return cmp.Or(bytes.Compare(keys.cell(int(a)), keys.cell(int(b))), cmp.Compare(a, b))
		})
	}
	return sortedColumn{order: append(order, empty...), filled: filled}
}

// lowerColumn is c lower-cased, so sorting compares bytes instead of
// folding case on every comparison. An ASCII column keeps its offsets.
func lowerColumn(c column) column {
	if isASCII(c.data) {
		return column{data: appendLower(make([]byte, 0, len(c.data)), c.data), ends: c.ends}
	}
	out := column{data: make([]byte, 0, len(c.data)), ends: make([]uint32, len(c.ends))}
	for r := range c.ends {
		out.data = appendLower(out.data, c.cell(r))
		out.ends[r] = uint32(len(out.data))
	}
	return out
}
