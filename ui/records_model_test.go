package ui

import (
	"slices"
	"testing"
)

func modelOf(rows ...[]string) *RecordTable {
	t := NewRecordTable("Account", []string{"Id", "IsDeleted", "Name", "AnnualRevenue", "OwnerId"})
	users := map[string]string{"005000000000001AAA": "Ada Lovelace"}
	for _, r := range rows {
		t.Append(r, users)
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
		[]string{"001A", "Émile Zola SA", "900", "005000000000001AAA"},
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
		m.Append([]string{"001" + string(rune('a'+i)), name}, nil)
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
