package ui

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func modelOf(rows ...[]string) *RecordTable {
	t := NewRecordTable("Account", []string{"Id", "IsDeleted", "Name", "AnnualRevenue", "OwnerId"})
	for _, r := range rows {
		t.Append(r)
	}
	t.Finish()
	return t
}

func shownIDs(t *RecordTable) []string {
	var out []string
	for i := range t.Len() {
		out = append(out, t.ID(i))
	}
	return out
}

func TestRecordTableSearchMatchesWithinOneCellOnly(t *testing.T) {
	m := modelOf(
		[]string{"001A", "Émile Zola SA", "900", "Ada Lovelace"}, // the owner as LoadRecordTable resolves it
		[]string{"001B", "Acme", "10", ""},
		[]string{"001C", "acm", "e", ""},
	)
	if !slices.Equal(m.Columns, []string{"Id", "Name", "AnnualRevenue", "OwnerId"}) {
		t.Fatalf("columns %v: bookkeeping columns must be hidden", m.Columns)
	}
	for q, want := range map[string][]string{
		"ACME":     {"001B"}, // not "acm" + "e" across cells
		"émile":    {"001A"}, // non-ASCII folds too
		"lovelace": {"001A"}, // owners are searched by name
		"":         {"001A", "001B", "001C"},
		"zz":       nil,
	} {
		m.Search(q)
		if got := shownIDs(m); !slices.Equal(got, want) {
			t.Errorf("search %q = %v, want %v", q, got, want)
		}
	}
	m.Search("")
	if got := m.Cell(0, 3); got != "Ada Lovelace" {
		t.Errorf("owner shown as %q", got)
	}
}

func TestRecordTableSortsNumbersNumericallyAndEmptiesLast(t *testing.T) {
	m := modelOf(
		[]string{"001A", "beta", "900", ""},
		[]string{"001B", "Alpha", "", ""},
		[]string{"001C", "", "10000", ""},
		[]string{"001D", "gamma", "85", ""},
	)
	m.SortBy(2) // AnnualRevenue
	if got := shownIDs(m); !slices.Equal(got, []string{"001D", "001A", "001C", "001B"}) {
		t.Errorf("revenue ascending %v", got)
	}
	m.SortBy(2)
	if got := shownIDs(m); !slices.Equal(got, []string{"001C", "001A", "001D", "001B"}) {
		t.Errorf("revenue descending %v", got)
	}
	m.SortBy(1) // Name
	if got := shownIDs(m); !slices.Equal(got, []string{"001B", "001A", "001D", "001C"}) {
		t.Errorf("name ascending %v", got)
	}
	m.Search("a") // the search keeps the sort
	if got := shownIDs(m); !slices.Equal(got, []string{"001B", "001A", "001D"}) {
		t.Errorf("name ascending, searched %v", got)
	}
	if col, asc := m.Sorted(); col != 1 || !asc {
		t.Errorf("Sorted() = %d %v", col, asc)
	}
}

// TestRecordTableRefusesASearchOfAnOlderOrder: a search prepared before a
// sort is not applied to the sorted table.
func TestRecordTableRefusesASearchOfAnOlderOrder(t *testing.T) {
	m := NewRecordTable("Account", []string{"Id", "Name"})
	for i, name := range []string{"beta", "alpha", "alpine"} {
		m.Append([]string{"001" + string(rune('a'+i)), name})
	}
	m.Finish()
	job := m.PrepareSearch("al")
	m.SortBy(1)
	if m.ApplySearch(job.Run()) {
		t.Fatal("a search of the unsorted order was applied to the sorted table")
	}
	res := m.PrepareSearch("al").Run()
	if !m.ApplySearch(res) || m.Len() != 2 || m.Cell(0, 1) != "alpha" || m.Query() != "al" {
		t.Fatalf("search after sort: applied rows %d, first %q, query %q", m.Len(), m.Cell(0, 1), m.Query())
	}
}

// TestRecordTableRefusesASupersededSort: a sort result is applied only
// while it is still the requested sort.
func TestRecordTableRefusesASupersededSort(t *testing.T) {
	m := modelOf(
		[]string{"001A", "beta", "", ""},
		[]string{"001B", "alpha", "", ""},
		[]string{"001C", "gamma", "", ""},
	)
	asc := m.PrepareSort(1).Run()
	desc := m.PrepareSort(1).Run()
	if m.ApplySort(asc) {
		t.Fatal("the ascending sort was applied after descending was requested")
	}
	if got := shownIDs(m); !slices.Equal(got, []string{"001A", "001B", "001C"}) {
		t.Fatalf("rows %v changed by a refused sort", got)
	}
	if !m.ApplySort(desc) {
		t.Fatal("the requested sort was refused")
	}
	if got := shownIDs(m); !slices.Equal(got, []string{"001C", "001A", "001B"}) {
		t.Fatalf("descending by name: %v", got)
	}
}

// TestRecordTableMatchesStringsOverRandomRows checks cells, search and
// sort of the byte-buffer model against plain strings on random rows with
// empty, mixed-case and non-ASCII values (some change length when
// lower-cased).
func TestRecordTableMatchesStringsOverRandomRows(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	parts := []string{"", "a", "B", "é", "É", "İ", "ß", "z", "Zürich", "0", "ǅ", "ok"}
	word := func() string {
		var b strings.Builder
		for range r.IntN(4) {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		return b.String()
	}
	m := NewRecordTable("Account", []string{"Id", "Name", "City"})
	m.grow(3000)
	var rows [][]string
	for i := range 3000 {
		row := []string{fmt.Sprintf("001%06d", i), word(), word()}
		rows = append(rows, row)
		m.Append(row)
	}
	m.Finish()
	for i, row := range rows {
		for c, want := range row {
			if got := m.Cell(i, c); got != want {
				t.Fatalf("cell %d,%d = %q, want %q", i, c, got, want)
			}
		}
	}
	for _, q := range []string{"é", "i̇", "zü", "ss", "b", "ǆ", "ok0"} {
		m.Search(q)
		var want []string
		for _, row := range rows {
			if strings.Contains(strings.ToLower(row[1]), q) || strings.Contains(strings.ToLower(row[2]), q) ||
				strings.Contains(strings.ToLower(row[0]), q) {
				want = append(want, row[0])
			}
		}
		if got := shownIDs(m); !slices.Equal(got, want) {
			t.Fatalf("search %q: %d rows, want %d", q, len(got), len(want))
		}
	}
	m.Search("")
	m.SortBy(2)
	want := slices.Clone(rows)
	slices.SortStableFunc(want, func(a, b []string) int {
		if (a[2] == "") != (b[2] == "") {
			return map[bool]int{true: 1, false: -1}[a[2] == ""]
		}
		return strings.Compare(strings.ToLower(a[2]), strings.ToLower(b[2]))
	})
	for i, row := range want {
		if m.ID(i) != row[0] {
			t.Fatalf("sorted by City: row %d is %s (%q), want %s (%q)", i, m.ID(i), m.Cell(i, 2), row[0], row[2])
		}
	}
}
