package store

import (
	"fmt"
	"slices"
	"testing"
)

func id18(n int) string { return fmt.Sprintf("001%015d", n) }

func seedRows(t *testing.T, s *Store, n int, stamp string) {
	t.Helper()
	var rows [][]string
	for i := range n {
		rows = append(rows, []string{id18(i), "false", stamp, fmt.Sprintf("Acme %d", i), "old@example.com"})
	}
	_, err := s.ApplyPage(Page{Object: "Account", Columns: []string{"Id", "IsDeleted", "SystemModstamp", "Name", "Owner_Email__c"}, Rows: CSVRows(rows)})
	if err != nil {
		t.Fatal(err)
	}
}

func TestDeleteAbsentRemovesOnlyWhatTheOrgNoLongerHas(t *testing.T) {
	s := openTemp(t)
	seedRows(t, s, 10, "2026-01-01T00:00:00.000Z")
	var live IDSet
	for i := range 10 {
		if i != 3 && i != 7 {
			if err := live.Add(id18(i)); err != nil {
				t.Fatal(err)
			}
		}
	}
	live.Seal()
	gone, err := s.DeleteAbsent("Account", &live)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(gone, []string{id18(3), id18(7)}) {
		t.Errorf("gone %v", gone)
	}
	if n, _ := s.Count("Account"); n != 8 {
		t.Errorf("count %d, want 8", n)
	}
	for _, id := range []string{id18(0), id18(4), id18(8)} {
		if r, _ := s.Get("Account", id); r == nil {
			t.Errorf("%s removed", id)
		}
	}
}

func TestIDSetRefusesShortIds(t *testing.T) {
	var set IDSet
	if err := set.Add("001000000000001"); err == nil {
		t.Fatal("a 15-character Id was accepted: the sweep would compare unlike forms")
	}
}

func TestUpdateColumnsRewritesOnlyChangedStoredRecords(t *testing.T) {
	s := openTemp(t)
	seedRows(t, s, 3, "2026-01-01T00:00:00.000Z")
	rows := CSVRows([][]string{
		{id18(0), "new@example.com"},
		{id18(1), "old@example.com"},
		{id18(2), ""},
		{id18(50), "nobody@example.com"},
	})
	n, err := s.UpdateColumns("Account", []string{"Id", "Owner_Email__c"}, rows)
	if err != nil {
		t.Fatal(err)
	}
	if n != 2 {
		t.Errorf("changed %d, want 2", n)
	}
	want := map[string][2]string{id18(0): {"new@example.com", "false"}, id18(1): {"old@example.com", "false"}, id18(2): {"", "true"}}
	for id, w := range want {
		r, err := s.Get("Account", id)
		if err != nil || r == nil {
			t.Fatalf("get %s: %v", id, err)
		}
		v, ok := r.Field("Owner_Email__c")
		if v != w[0] || fmt.Sprint(!ok) != w[1] {
			t.Errorf("%s formula = %q (null %v), want %v", id, v, !ok, w)
		}
		if name, _ := r.Field("Name"); name == "" {
			t.Errorf("%s lost its Name", id)
		}
	}
	if r, _ := s.Get("Account", id18(50)); r != nil {
		t.Error("a record the store did not have was created")
	}
}

func TestMissingWalksBothSides(t *testing.T) {
	s := openTemp(t)
	seedRows(t, s, 5, "2026-01-01T00:00:00.000Z")
	var org IDSet
	for _, i := range []int{0, 2, 4, 7, 9} {
		if err := org.Add(id18(i)); err != nil {
			t.Fatal(err)
		}
	}
	org.Seal()
	got, err := s.Missing("Account", &org, 0)
	if err != nil || !slices.Equal(got, []string{id18(7), id18(9)}) {
		t.Errorf("missing %v %v, want the two Ids the store lacks", got, err)
	}
	if got, _ := s.Missing("Account", &org, 1); len(got) != 1 {
		t.Errorf("limit 1 gave %v", got)
	}
	if got, _ := s.Missing("Contact", &org, 0); len(got) != 5 {
		t.Errorf("an object never stored misses everything, got %v", got)
	}
}
