package ui

import (
	"bytes"
	"context"
	"encoding/csv"
	"testing"

	"github.com/sfsync/sfsync/core/export"
	"github.com/sfsync/sfsync/core/fields"
)

// TestRecordsAndExportAgreeOnEveryCell: the Records table and the CSV
// export read lookups through the same resolver, so for every object, row
// and column they show the same text (issue 7: before, the view showed
// names where the export wrote Ids). The export is Raw: its default
// neutralising of spreadsheet formulas is a CSV encoding, not a value.
func TestRecordsAndExportAgreeOnEveryCell(t *testing.T) {
	env, _, _ := openRecords(t)
	for _, obj := range fields.Objects {
		table, err := LoadRecordTable(env.st, obj)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if _, err := export.Write(context.Background(), env.st, &buf, export.Options{Object: obj, Raw: true}); err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(&buf).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		byID := map[string][]string{}
		for _, r := range rows[1:] {
			byID[r[0]] = r
		}
		if len(byID) != table.Total() || table.Total() == 0 {
			t.Fatalf("%s: export has %d rows, the table %d", obj, len(byID), table.Total())
		}
		at := map[string]int{}
		for i, h := range rows[0] {
			at[h] = i
		}
		for c, name := range table.Columns {
			j, ok := at[name]
			if !ok {
				t.Fatalf("%s: the table shows %s, the export has no such column (%v)", obj, name, rows[0])
			}
			for i := range table.Len() {
				if got, want := table.Cell(i, c), byID[table.ID(i)][j]; got != want {
					t.Fatalf("%s %s.%s: table %q, export %q", obj, table.ID(i), name, got, want)
				}
			}
		}
		if len(table.Columns) != len(rows[0]) {
			t.Errorf("%s: table columns %v, export columns %v", obj, table.Columns, rows[0])
		}
	}
}
