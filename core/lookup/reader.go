package lookup

import (
	"slices"

	"github.com/sfsync/sfsync/core/store"
)

// Reader turns stored records into the cells of a column list. Records of
// one field set share their Columns slice, so the source positions are
// looked up once per field set, not once per record. Not safe for
// concurrent use.
type Reader struct {
	res  *Resolver
	cols []Column
	seen []string
	at   []int
}

// Reader reads cols through r.
func (r *Resolver) Reader(cols []Column) *Reader {
	return &Reader{res: r, cols: cols, at: make([]int, len(cols))}
}

// Row fills vals and nulls (len(cols) each) with rec's cells. A column the
// record's field set lacks (a field added since it was written) is null.
func (x *Reader) Row(rec *store.Record, vals []string, nulls []bool) {
	x.locate(rec)
	for i, c := range x.cols {
		j := x.at[i]
		if c.Source == "Id" {
			vals[i], nulls[i] = rec.ID, false
			continue
		}
		if j < 0 || rec.Nulls[j] {
			vals[i], nulls[i] = "", true
			continue
		}
		v := rec.Values[j]
		if c.Target == "" {
			vals[i], nulls[i] = v, false
			continue
		}
		vals[i], nulls[i], _ = x.res.Resolve(v, c.Target)
	}
}

// Reason says why column i of rec reads as a raw Id, or "" when it does
// not.
func (x *Reader) Reason(rec *store.Record, i int) string {
	x.locate(rec)
	c, j := x.cols[i], x.at[i]
	if c.Target == "" || j < 0 || rec.Nulls[j] {
		return ""
	}
	_, _, why := x.res.Resolve(rec.Values[j], c.Target)
	return why
}

func (x *Reader) locate(rec *store.Record) {
	if len(rec.Columns) == len(x.seen) && (len(x.seen) == 0 || &rec.Columns[0] == &x.seen[0]) {
		return
	}
	x.seen = rec.Columns
	for i, c := range x.cols {
		x.at[i] = slices.Index(rec.Columns, c.Source)
	}
}
