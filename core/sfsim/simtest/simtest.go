// Package simtest is the test oracle shared by the engine's and the CLI's
// tests: it compares what sfsync stored with the simulator's own data, field
// by field, independently of the engine's value conversion.
package simtest

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/sfsync/sfsync/core/lookup"
	"github.com/sfsync/sfsync/core/sfsim"
	"github.com/sfsync/sfsync/core/store"
)

// Live indexes obj's rows that are not in the Recycle Bin by Id.
func Live(org *sfsim.Org, obj string) map[string]map[string]any {
	return LiveRows(org.Snapshot(obj))
}

// LiveRows indexes the rows of a Snapshot (or of the admin API's GET
// /_sim/records/{Object}) that are not in the Recycle Bin by Id.
func LiveRows(rows []map[string]any) map[string]map[string]any {
	out := map[string]map[string]any{}
	for _, row := range rows {
		if row["IsDeleted"] != true {
			out[row["Id"].(string)] = row
		}
	}
	return out
}

// CSVDiff lists every difference between a Bulk CSV result (header row
// first, "Id" among the columns) and the org's rows want (indexed by Id):
// each cell against Text of the org's value (Value for a dotted column,
// read through users), an empty cell for a null, and rows missing or extra.
func CSVDiff(csv [][]string, want, users map[string]map[string]any) []string {
	if len(csv) == 0 {
		return []string{"no header row"}
	}
	header := csv[0]
	idCol := slices.Index(header, "Id")
	if idCol < 0 {
		return []string{fmt.Sprintf("no Id column in %v", header)}
	}
	var diffs []string
	seen := map[string]bool{}
	for _, rec := range csv[1:] {
		id := rec[idCol]
		row, ok := want[id]
		if !ok || seen[id] {
			diffs = append(diffs, fmt.Sprintf("row %s is not a live org row, or repeated", id))
			continue
		}
		seen[id] = true
		for i, col := range header {
			exp, null := Text(Value(row, users, col))
			if null && rec[i] != "" || !null && rec[i] != exp {
				diffs = append(diffs, fmt.Sprintf("%s.%s = %q, org has %q (null %v)", id, col, rec[i], exp, null))
			}
		}
	}
	if len(seen) != len(want) {
		diffs = append(diffs, fmt.Sprintf("CSV has %d of the org's %d live rows", len(seen), len(want)))
	}
	return diffs
}

// Users indexes every record a lookup or an owner may point at by Id: every
// User row, deleted or not, and every queue (a Group of Type Queue) as a
// Lead's Owner reads it: Id, Name and Type, every User field such as Email
// absent, so null (docs/salesforce-api.md §9).
func Users(org *sfsim.Org) map[string]map[string]any {
	users := map[string]map[string]any{}
	for _, u := range org.Snapshot("User") {
		users[u["Id"].(string)] = u
	}
	for _, g := range org.Snapshot("Group") {
		if g["Type"] == "Queue" {
			users[g["Id"].(string)] = map[string]any{"Id": g["Id"], "Name": g["Name"], "Type": "Queue"}
		}
	}
	return users
}

// idField is the Id field a relationship name reads through: Owner →
// OwnerId, CSM__r → CSM__c (Salesforce's naming rule for standard and
// custom relationships, docs/salesforce-api.md §6).
func idField(rel string) string {
	if base, ok := strings.CutSuffix(rel, "__r"); ok {
		return base + "__c"
	}
	return rel + "Id"
}

// Value is column col of a Snapshot row; a dotted column (Owner.Name,
// CSM__r.Email) is read from the User or Queue the lookup points at (see
// Users).
func Value(row map[string]any, users map[string]map[string]any, col string) any {
	rel, field, dotted := strings.Cut(col, ".")
	if !dotted {
		return row[col]
	}
	id, _ := row[idField(rel)].(string)
	u, ok := users[id]
	if !ok {
		return nil
	}
	return u[field]
}

// Text renders a Snapshot value as the store keeps it: datetimes in UTC with
// milliseconds and Z, numbers in shortest form, booleans as words; null
// reports a null.
func Text(v any) (text string, null bool) {
	switch x := v.(type) {
	case nil:
		return "", true
	case bool:
		return strconv.FormatBool(x), false
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), false
	case string:
		if t, err := time.Parse("2006-01-02T15:04:05.000-0700", x); err == nil {
			return t.UTC().Format("2006-01-02T15:04:05.000Z"), false
		}
		return x, false
	}
	return fmt.Sprint(v), false
}

// Diff lists every difference between what a person sees of obj in the
// store and the org's live rows, comparing the fields cols (a literal list,
// not the sync's own selection code); rows whose Id is in skip are left out.
// A plain field is compared as stored; a dotted one (Owner.Email) as the
// Records view and the export resolve it from the stored User and Queue
// rows (core/lookup), against the org's own join. An empty result means
// the store holds exactly the org's live rows.
func Diff(st *store.Store, org *sfsim.Org, obj string, cols []string, skip map[string]bool) ([]string, error) {
	want := Live(org, obj)
	users := Users(org)
	res, err := lookup.Load(st, false)
	if err != nil {
		return nil, err
	}
	shown := make([]lookup.Column, len(cols))
	for i, c := range cols {
		shown[i] = lookup.Column{Name: c, Source: c}
		if rel, target, dotted := strings.Cut(c, "."); dotted {
			shown[i].Source, shown[i].Target = idField(rel), target
		}
	}
	cells := res.Reader(shown)
	vals, nulls := make([]string, len(cols)), make([]bool, len(cols))
	var diffs []string
	got := 0
	err = st.Scan(obj, func(r *store.Record) bool {
		if skip[r.ID] {
			return true
		}
		got++
		row, ok := want[r.ID]
		if !ok {
			diffs = append(diffs, fmt.Sprintf("%s %s is in the store but not live in the org", obj, r.ID))
			return true
		}
		cells.Row(r, vals, nulls)
		for i, c := range shown {
			if !slices.Contains(r.Columns, c.Source) {
				diffs = append(diffs, fmt.Sprintf("%s %s: column %s not stored (columns %v)", obj, r.ID, c.Source, r.Columns))
				continue
			}
			exp, expNull := Text(Value(row, users, c.Name))
			if nulls[i] != expNull || (!expNull && vals[i] != exp) {
				diffs = append(diffs, fmt.Sprintf("%s %s.%s = %q (null %v), org has %q (null %v)",
					obj, r.ID, c.Name, vals[i], nulls[i], exp, expNull))
			}
		}
		return true
	})
	if err != nil {
		return nil, fmt.Errorf("scan %s: %w", obj, err)
	}
	if got != len(want) {
		diffs = append(diffs, fmt.Sprintf("%s: store has %d rows, org has %d live rows", obj, got, len(want)))
	}
	return diffs, nil
}
