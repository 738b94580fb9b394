package store

import (
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"testing"
	"time"
)

var accountCols = []string{"Id", "Name", "IsDeleted", "SystemModstamp"}

func applyCSV(t *testing.T, s *Store, obj string, cols []string, rows [][]string, deletes ...string) Counts {
	t.Helper()
	c, err := s.ApplyPage(Page{Object: obj, Columns: cols, Rows: CSVRows(rows), Deletes: deletes})
	if err != nil {
		t.Fatalf("apply: %v", err)
	}
	return c
}

func ids(t *testing.T, s *Store, obj string) []string {
	t.Helper()
	var out []string
	if err := s.Scan(obj, func(r *Record) bool { out = append(out, r.ID); return true }); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestApplyPageCounts(t *testing.T) {
	seed := [][]string{
		{"00100000000000000A", "Acme", "false", "2026-01-01T00:00:00.000Z"},
		{"00100000000000000B", "Beta", "false", "2026-01-01T00:00:00.000Z"},
	}
	cases := []struct {
		name    string
		rows    [][]string
		deletes []string
		want    Counts
		wantIDs []string
	}{
		{"new rows are added", [][]string{{"00100000000000000C", "Gamma", "false", ""}}, nil,
			Counts{Added: 1}, []string{"00100000000000000A", "00100000000000000B", "00100000000000000C"}},
		{"known rows are updated", [][]string{{"00100000000000000A", "Acme 2", "false", ""}, {"00100000000000000B", "B", "false", ""}}, nil,
			Counts{Updated: 2}, []string{"00100000000000000A", "00100000000000000B"}},
		{"IsDeleted true removes", [][]string{{"00100000000000000A", "Acme", "true", ""}, {"00100000000000000C", "New", "false", ""}}, nil,
			Counts{Added: 1, Deleted: 1}, []string{"00100000000000000B", "00100000000000000C"}},
		{"unknown deleted row changes nothing", [][]string{{"00100000000000000Z", "Gone", "TRUE", ""}}, nil,
			Counts{}, []string{"00100000000000000A", "00100000000000000B"}},
		{"explicit deletes", nil, []string{"00100000000000000B", "00100000000000000Q"},
			Counts{Deleted: 1}, []string{"00100000000000000A"}},
		{"mixed", [][]string{{"00100000000000000B", "B", "false", ""}, {"00100000000000000D", "D", "false", ""}}, []string{"00100000000000000A"},
			Counts{Added: 1, Updated: 1, Deleted: 1}, []string{"00100000000000000B", "00100000000000000D"}},
		// Keys past the last stored one are new without a lookup; the
		// ones after them still are looked up.
		{"past the end, then a known row", [][]string{{"00100000000000000C", "C", "false", ""}, {"00100000000000000D", "D", "false", ""}, {"00100000000000000A", "A", "false", ""}}, nil,
			Counts{Added: 2, Updated: 1}, []string{"00100000000000000A", "00100000000000000B", "00100000000000000C", "00100000000000000D"}},
		{"a new row twice in a page", [][]string{{"00100000000000000C", "C", "false", ""}, {"00100000000000000C", "C 2", "false", ""}}, nil,
			Counts{Added: 1, Updated: 1}, []string{"00100000000000000A", "00100000000000000B", "00100000000000000C"}},
		// The lookback reads recent changes again: a row as stored is no
		// update, one with a changed value is.
		{"a row read again as stored", [][]string{{"00100000000000000A", "Acme", "false", "2026-01-01T00:00:00.000Z"}, {"00100000000000000B", "Beta", "false", "2026-01-02T00:00:00.000Z"}}, nil,
			Counts{Updated: 1, Unchanged: 1}, []string{"00100000000000000A", "00100000000000000B"}},
		{"the last row deleted and added again", [][]string{{"00100000000000000B", "B", "true", ""}, {"00100000000000000B", "B 2", "false", ""}}, nil,
			Counts{Added: 1, Deleted: 1}, []string{"00100000000000000A", "00100000000000000B"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := openTemp(t)
			applyCSV(t, s, "Account", accountCols, seed)
			got := applyCSV(t, s, "Account", accountCols, tc.rows, tc.deletes...)
			if got != tc.want {
				t.Errorf("counts %+v, want %+v", got, tc.want)
			}
			if g := ids(t, s, "Account"); !slices.Equal(g, tc.wantIDs) {
				t.Errorf("ids %v, want %v", g, tc.wantIDs)
			}
			if n, _ := s.Count("Account"); n != len(tc.wantIDs) {
				t.Errorf("Count %d, want %d", n, len(tc.wantIDs))
			}
		})
	}
}

func TestRecordValuesNullsAndOrder(t *testing.T) {
	s := openTemp(t)
	cols := []string{"Name", "Id", "Website", "Description"}
	rows := [][]string{
		{"Zed", "00100000000000000C", "", "multi\nline, \"quoted\""},
		{"Ann", "00100000000000000A", "https://a.test", ""},
		{"Émile ✓", "00100000000000000B", "x", "y"},
	}
	nulls := [][]bool{{false, false, true, false}, {false, false, false, false}, {false, false, false, false}}
	i := 0
	src := RowFunc(func() ([]string, []bool, error) {
		if i == len(rows) {
			return nil, nil, io.EOF
		}
		i++
		return rows[i-1], nulls[i-1], nil
	})
	if _, err := s.ApplyPage(Page{Object: "Account", Columns: cols, Rows: src}); err != nil {
		t.Fatal(err)
	}
	if g := ids(t, s, "Account"); !slices.Equal(g, []string{"00100000000000000A", "00100000000000000B", "00100000000000000C"}) {
		t.Errorf("scan order %v", g)
	}
	r, err := s.Get("Account", "00100000000000000C")
	if err != nil || r == nil {
		t.Fatalf("get: %v %v", r, err)
	}
	if !slices.Equal(r.Columns, cols) || r.Values[1] != "00100000000000000C" || r.Values[3] != rows[0][3] {
		t.Errorf("record %+v", r)
	}
	if _, ok := r.Field("Website"); ok || !r.Nulls[2] {
		t.Errorf("Website should be null: %+v", r)
	}
	a, _ := s.Get("Account", "00100000000000000A")
	if v, ok := a.Field("Description"); !ok || v != "" {
		t.Errorf("empty (not null) Description lost: %q %v", v, ok)
	}
	b, _ := s.Get("Account", "00100000000000000B")
	if v, _ := b.Field("Name"); v != "Émile ✓" {
		t.Errorf("Name %q", v)
	}
	if missing, err := s.Get("Account", "00100000000000000X"); err != nil || missing != nil {
		t.Errorf("missing record: %v %v", missing, err)
	}
	var from []string
	s.ScanFrom("Account", "00100000000000000B", func(r *Record) bool { from = append(from, r.ID); return true })
	if !slices.Equal(from, []string{"00100000000000000B", "00100000000000000C"}) {
		t.Errorf("ScanFrom %v", from)
	}
}

func TestFieldSetChangeKeepsOldRecordsReadable(t *testing.T) {
	s := openTemp(t)
	applyCSV(t, s, "Contact", []string{"Id", "Email"}, [][]string{{"00300000000000000A", "a@x.test"}, {"00300000000000000B", "b@x.test"}})
	newCols := []string{"Id", "Email", "Title"}
	applyCSV(t, s, "Contact", newCols, [][]string{{"00300000000000000B", "b2@x.test", "CEO"}})
	if cols, _ := s.Columns("Contact"); !slices.Equal(cols, newCols) {
		t.Errorf("Columns %v", cols)
	}
	old, _ := s.Get("Contact", "00300000000000000A")
	if len(old.Columns) != 2 {
		t.Errorf("old record columns %v", old.Columns)
	}
	if v, _ := old.Field("Email"); v != "a@x.test" {
		t.Errorf("old Email %q", v)
	}
	nw, _ := s.Get("Contact", "00300000000000000B")
	if v, _ := nw.Field("Title"); v != "CEO" {
		t.Errorf("new Title %q", v)
	}
	// Writing again with the first list reuses nothing wrongly: values follow the list given.
	applyCSV(t, s, "Contact", []string{"Id", "Email"}, [][]string{{"00300000000000000C", "c@x.test"}})
	c, _ := s.Get("Contact", "00300000000000000C")
	if v, _ := c.Field("Email"); v != "c@x.test" || len(c.Columns) != 2 {
		t.Errorf("record %+v", c)
	}
}

func TestApplyPageIsAtomic(t *testing.T) {
	s := openTemp(t)
	cp1 := Checkpoint{JobID: "750A", Locator: "L1", Rows: 2}
	if _, err := s.ApplyPage(Page{Object: "Lead", Columns: []string{"Id", "Company"},
		Rows: CSVRows([][]string{{"00Q00000000000000A", "A"}, {"00Q00000000000000B", "B"}}), Progress: Progress{Checkpoint: &cp1}}); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("connection reset")
	n := 0
	failing := RowFunc(func() ([]string, []bool, error) {
		n++
		if n > 3 {
			return nil, nil, boom
		}
		return []string{fmt.Sprintf("00QZ%014d", n), "new"}, nil, nil
	})
	bm := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	cp2 := Checkpoint{JobID: "750A", Locator: "L2", Rows: 5}
	_, err := s.ApplyPage(Page{Object: "Lead", Columns: []string{"Id", "Company"}, Rows: failing,
		Deletes: []string{"00Q00000000000000A"}, Progress: Progress{Checkpoint: &cp2, Bookmark: &bm}})
	if !errors.Is(err, boom) {
		t.Fatalf("error %v does not wrap the row source's", err)
	}
	if g := ids(t, s, "Lead"); !slices.Equal(g, []string{"00Q00000000000000A", "00Q00000000000000B"}) {
		t.Errorf("records after failed page %v", g)
	}
	if cnt, _ := s.Count("Lead"); cnt != 2 {
		t.Errorf("count %d after failed page", cnt)
	}
	if cp, ok, _ := s.Checkpoint("Lead"); !ok || !reflect.DeepEqual(cp, cp1) {
		t.Errorf("checkpoint %+v after failed page, want %+v", cp, cp1)
	}
	if _, ok, _ := s.Bookmark("Lead"); ok {
		t.Error("bookmark set by a failed page")
	}
}

func TestApplyPageRejectsBadInput(t *testing.T) {
	s := openTemp(t)
	cases := []struct {
		name string
		page Page
	}{
		{"no Id column", Page{Object: "Account", Columns: []string{"Name"}, Rows: CSVRows([][]string{{"x"}})}},
		{"repeated column", Page{Object: "Account", Columns: []string{"Id", "Id"}, Rows: CSVRows(nil)}},
		{"short row", Page{Object: "Account", Columns: []string{"Id", "Name"}, Rows: CSVRows([][]string{{"00100000000000000A"}})}},
		{"no object", Page{Columns: []string{"Id"}, Rows: CSVRows(nil)}},
		{"checkpoint and clear", Page{Object: "Account", Progress: Progress{Checkpoint: &Checkpoint{}, ClearCheckpoint: true}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := s.ApplyPage(tc.page); err == nil {
				t.Error("accepted")
			}
			if n, _ := s.Count("Account"); n != 0 {
				t.Errorf("count %d", n)
			}
		})
	}
}

func TestProgressAndClear(t *testing.T) {
	s := openTemp(t)
	bm := time.Date(2026, 3, 1, 12, 0, 0, 0, time.FixedZone("x", 3600))
	cp := Checkpoint{JobID: "750B", Locator: "MTAwMDA", Rows: 10000, Bookmark: bm.UTC()}
	if _, err := s.ApplyPage(Page{Object: "Opportunity", Columns: []string{"Id", "Amount"},
		Rows: CSVRows([][]string{{"00600000000000000A", "10"}}), Progress: Progress{Checkpoint: &cp}}); err != nil {
		t.Fatal(err)
	}
	if got, ok, _ := s.Checkpoint("Opportunity"); !ok || !reflect.DeepEqual(got, cp) {
		t.Errorf("checkpoint %+v", got)
	}
	// Last page: job done, bookmark moves, checkpoint goes — together.
	if _, err := s.ApplyPage(Page{Object: "Opportunity", Columns: []string{"Id", "Amount"},
		Rows: CSVRows([][]string{{"00600000000000000B", "20"}}), Progress: Progress{ClearCheckpoint: true, Bookmark: &bm}}); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := s.Checkpoint("Opportunity"); ok {
		t.Error("checkpoint kept after ClearCheckpoint")
	}
	if got, ok, _ := s.Bookmark("Opportunity"); !ok || !got.Equal(bm) {
		t.Errorf("bookmark %v %v, want %v", got, ok, bm)
	}
	later := bm.Add(time.Hour)
	if err := s.SetProgress("Opportunity", Progress{Bookmark: &later}); err != nil {
		t.Fatal(err)
	}
	if got, _, _ := s.Bookmark("Opportunity"); !got.Equal(later) {
		t.Errorf("bookmark %v after SetProgress", got)
	}

	applyCSV(t, s, "Account", accountCols, [][]string{{"00100000000000000A", "A", "false", ""}})
	if err := s.Clear("Opportunity"); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.Count("Opportunity"); n != 0 {
		t.Errorf("count %d after Clear", n)
	}
	if g := ids(t, s, "Opportunity"); len(g) != 0 {
		t.Errorf("records after Clear %v", g)
	}
	if _, ok, _ := s.Bookmark("Opportunity"); ok {
		t.Error("bookmark kept after Clear")
	}
	if cols, _ := s.Columns("Opportunity"); cols != nil {
		t.Errorf("columns %v after Clear", cols)
	}
	if n, _ := s.Count("Account"); n != 1 {
		t.Errorf("Clear touched Account: count %d", n)
	}
}

func TestDeleteSourceData(t *testing.T) {
	s := openTemp(t)
	applyCSV(t, s, "Account", accountCols, [][]string{{"00100000000000000A", "A", "false", ""}})
	if err := s.PutSettings(SourceSettings{OrgName: "Acme"}); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveRun(&Run{Result: "ok"}); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteSourceData(); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.Count("Account"); n != 0 {
		t.Errorf("count %d", n)
	}
	if _, found, _ := s.Settings(); found {
		t.Error("settings survived")
	}
	if runs, _ := s.Runs(0); len(runs) != 0 {
		t.Errorf("runs survived: %v", runs)
	}
	// The store is usable afterwards.
	applyCSV(t, s, "Account", accountCols, [][]string{{"00100000000000000B", "B", "false", ""}})
	if g := ids(t, s, "Account"); !slices.Equal(g, []string{"00100000000000000B"}) {
		t.Errorf("ids %v", g)
	}
}
