package store

import (
	"slices"
	"strings"
	"testing"
)

// FuzzRecordCodec checks that encoding then decoding gives the row back
// (values, nulls, the Id slot filled from the key), and that decoding
// arbitrary bytes returns an error instead of panicking.
func FuzzRecordCodec(f *testing.F) {
	f.Add("00100000000000000A", "Acme\x00Corp", "", uint8(2), uint32(1))
	f.Add("00300000000000000B", strings.Repeat("é", 300), "x", uint8(0), uint32(1<<20))
	f.Fuzz(func(t *testing.T, id, a, b string, nullMask uint8, version uint32) {
		if id == "" {
			return
		}
		cols := []string{"A", "Id", "B", "C"}
		values := []string{a, id, b, a + b}
		nulls := []bool{nullMask&1 != 0, false, nullMask&2 != 0, nullMask&4 != 0}
		for i, n := range nulls {
			if n {
				values[i] = ""
			}
		}
		enc := appendRecord(nil, version, 1, values, nulls)
		ver, off, err := recordVersion(enc)
		if err != nil || ver != version {
			t.Fatalf("version %d %v, want %d", ver, err, version)
		}
		var r Record
		if err := decodeRecord(&r, []byte(id), enc, cols, 1, off); err != nil {
			t.Fatal(err)
		}
		if r.ID != id || !slices.Equal(r.Values, values) || !slices.Equal(r.Nulls, nulls) {
			t.Fatalf("round trip: %+v, want %q %v", r, values, nulls)
		}
		// Every cut record and every record with trailing bytes is an
		// error, never a record with nulls filled in.
		for cut := 0; cut < len(enc); cut++ {
			if _, o, err := recordVersion(enc[:cut]); err == nil {
				if err := decodeRecord(&r, []byte(id), enc[:cut], cols, 1, o); err == nil {
					t.Fatalf("record cut to %d of %d bytes decoded as %q", cut, len(enc), r.Values)
				}
			}
		}
		for _, extra := range []string{"\x00", "x", a} {
			if extra == "" {
				continue
			}
			if err := decodeRecord(&r, []byte(id), append(slices.Clone(enc), extra...), cols, 1, off); err == nil {
				t.Fatalf("record with %d trailing bytes decoded", len(extra))
			}
		}
		garbage := []byte(a + b)
		if _, o, err := recordVersion(garbage); err == nil {
			_ = decodeRecord(&r, []byte(id), garbage, cols, 1, o)
		}
	})
}
