package ui

import (
	"bytes"
	"slices"
	"strings"
)

// Search shows only the rows containing q (case-insensitive, any column);
// "" shows all. It scans the search text once.
func (t *RecordTable) Search(q string) {
	t.ApplySearch(t.PrepareSearch(q).Run())
}

// SearchJob is a search prepared on the UI goroutine and run on another:
// it holds the table's search text and current order, which the table
// never changes in place (loading is over, sorting replaces the order).
type SearchJob struct {
	query    string
	haystack []byte
	starts   []int
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
	needle := appendLower(nil, []byte(strings.TrimSpace(j.query)))
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
		at := pos + i
		row, _ := slices.BinarySearch(j.starts, at)
		if row == len(j.starts) || j.starts[row] != at {
			row--
		}
		if row >= len(match) {
			break
		}
		match[row] = true
		pos = j.starts[row+1] // next row: one hit per row is enough
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
	if !sameOrder(r.order, t.order) {
		return false
	}
	t.query, t.view = r.query, r.view
	return true
}

// sameOrder reports whether a and b are the same order slice (orders are
// replaced, never changed in place).
func sameOrder(a, b []int32) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}
