package lookup

import (
	"strings"
	"testing"

	"github.com/sfsync/sfsync/core/store"
)

const (
	ada   = "005000000000001AAA"
	ghost = "005000000000009AAA"
	queue = "00G000000000001AAA"
)

// newStore holds one User (Ada, no Phone) and one Queue.
func newStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(t.TempDir(), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	pages := []store.Page{
		{Object: UserObject, Columns: []string{"Id", "Name", "Email", "Phone"},
			Rows: store.CSVRows([][]string{{ada, "Ada Lovelace", "ada@example.com", ""}})},
		{Object: GroupObject, Columns: []string{"Id", "Name", "Type"},
			Rows: store.CSVRows([][]string{{queue, "EMEA Leads", "Queue"}})},
		{Object: "Lead", Columns: []string{"Id", "Name", "OwnerId"},
			Rows: store.CSVRows([][]string{{"00Q000000000001AAA", "Lee", ada}, {"00Q000000000002AAA", "Kim", queue},
				{"00Q000000000003AAA", "Joe", ghost}, {"00Q000000000004AAA", "Nobody", ""}})},
	}
	for _, p := range pages {
		if _, err := st.ApplyPage(p); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

// TestResolve: a User reads as its fields (a null Phone stays null), a
// Queue as its name with no Email or Phone (as Salesforce answers
// Owner.Email for a queue owner), and an Id the store cannot resolve as
// the Id itself with the reason — which names View All Users when the
// signed-in user lacks it.
func TestResolve(t *testing.T) {
	st := newStore(t)
	for _, hidden := range []bool{false, true} {
		r, err := Load(st, hidden)
		if err != nil {
			t.Fatal(err)
		}
		cases := []struct {
			id, target, text string
			null             bool
			why              string
		}{
			{ada, "Name", "Ada Lovelace", false, ""},
			{ada, "Email", "ada@example.com", false, ""},
			{ada, "Phone", "", true, ""},
			{queue, "Name", "EMEA Leads", false, ""},
			{queue, "Email", "", true, ""},
			{ghost, "Name", ghost, false, "not among the synced Users"},
			{"00G000000000009AAA", "Name", "00G000000000009AAA", false, "not among the synced Queues"},
			{"001000000000001AAA", "Name", "001000000000001AAA", false, "not the Id of a User or a Queue"},
		}
		for _, c := range cases {
			text, null, why := r.Resolve(c.id, c.target)
			if text != c.text || null != c.null || !strings.Contains(why, c.why) || (c.why == "") != (why == "") {
				t.Errorf("hidden=%v Resolve(%s, %s) = %q %v %q; want %q %v %q", hidden, c.id, c.target, text, null, why, c.text, c.null, c.why)
			}
		}
		if _, _, why := r.Resolve(ghost, "Name"); strings.Contains(why, "View All Users") != hidden {
			t.Errorf("hidden=%v: reason %q", hidden, why)
		}
	}
}

// TestReaderCells: the Reader fills each column from its source, resolves
// lookups, reads a missing or null lookup as null and explains only the
// cells that show a raw Id.
func TestReaderCells(t *testing.T) {
	st := newStore(t)
	r, err := Load(st, false)
	if err != nil {
		t.Fatal(err)
	}
	cols := []Column{{Name: "Id", Source: "Id"}, {Name: "Name", Source: "Name"},
		{Name: "Owner.Name", Source: "OwnerId", Target: "Name"}, {Name: "Owner.Email", Source: "OwnerId", Target: "Email"},
		{Name: "Region__c", Source: "Region__c"}}
	x := r.Reader(cols)
	want := map[string][]string{
		"00Q000000000001AAA": {"00Q000000000001AAA", "Lee", "Ada Lovelace", "ada@example.com", "∅"},
		"00Q000000000002AAA": {"00Q000000000002AAA", "Kim", "EMEA Leads", "∅", "∅"},
		"00Q000000000003AAA": {"00Q000000000003AAA", "Joe", ghost, ghost, "∅"},
		"00Q000000000004AAA": {"00Q000000000004AAA", "Nobody", "∅", "∅", "∅"},
	}
	vals, nulls := make([]string, len(cols)), make([]bool, len(cols))
	seen := 0
	err = st.Scan("Lead", func(rec *store.Record) bool {
		seen++
		x.Row(rec, vals, nulls)
		for i := range cols {
			got := vals[i]
			if nulls[i] {
				got = "∅"
			}
			if got != want[rec.ID][i] {
				t.Errorf("%s %s = %q, want %q", rec.ID, cols[i].Name, got, want[rec.ID][i])
			}
			if why := x.Reason(rec, i); (why != "") != (rec.ID == "00Q000000000003AAA" && cols[i].Resolved()) {
				t.Errorf("%s %s reason %q", rec.ID, cols[i].Name, why)
			}
		}
		return true
	})
	if err != nil || seen != len(want) {
		t.Fatalf("scanned %d Leads: %v", seen, err)
	}
}
