package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sync"

	"github.com/sfsync/sfsync/core/format"
)

// A record value is
//
//	uvarint(field-set version) then, for every column of that field set except
//	Id (which is the key): uvarint(0) for null, or uvarint(len+1) and the bytes.
//
// Column names live once per field-set version (see fieldsets.go), not in
// every record, so a record costs its data plus one or two bytes per field.

// errCorrupt marks stored content that does not decode (see corrupt).
var errCorrupt = errors.New("corrupt record value")

// appendRecord encodes one row. idCol is the index of the Id column, skipped.
func appendRecord(dst []byte, version uint32, idCol int, values []string, nulls []bool) []byte {
	dst = binary.AppendUvarint(dst, uint64(version))
	for i, v := range values {
		if i == idCol {
			continue
		}
		if nulls != nil && nulls[i] {
			dst = append(dst, 0)
			continue
		}
		dst = binary.AppendUvarint(dst, uint64(len(v))+1)
		dst = append(dst, v...)
	}
	return dst
}

// recordVersion reads the field-set version at the start of a value.
func recordVersion(v []byte) (uint32, int, error) {
	ver, n := binary.Uvarint(v)
	if n <= 0 || ver > 1<<32-1 {
		return 0, 0, errCorrupt
	}
	return uint32(ver), n, nil
}

// decodeRecord fills r from key and value for the given field set. It makes
// one string allocation per record: values are substrings of a copy of the
// whole value.
func decodeRecord(r *Record, key, v []byte, cols []string, idCol int, off int) error {
	r.ID = string(key)
	r.Columns = cols
	r.Values = resize(r.Values, len(cols))
	r.Nulls = resizeBool(r.Nulls, len(cols))
	body := string(v[off:])
	pos := 0
	for i := range cols {
		if i == idCol {
			r.Values[i], r.Nulls[i] = r.ID, false
			continue
		}
		if pos >= len(body) {
			// Shorter than the field set: cannot happen for values we wrote.
			return fmt.Errorf("record %s: %w", format.Quote(r.ID), errCorrupt)
		}
		n, w := uvarintString(body[pos:])
		if w <= 0 {
			return fmt.Errorf("record %s: %w", format.Quote(r.ID), errCorrupt)
		}
		pos += w
		if n == 0 {
			r.Values[i], r.Nulls[i] = "", true
			continue
		}
		end := pos + int(n-1)
		if n-1 > uint64(len(body)) || end > len(body) {
			return fmt.Errorf("record %s: %w", format.Quote(r.ID), errCorrupt)
		}
		r.Values[i], r.Nulls[i] = body[pos:end], false
		pos = end
	}
	if pos != len(body) {
		// Longer than the field set: not a value we wrote either.
		return fmt.Errorf("record %s: %d trailing bytes: %w", r.ID, len(body)-pos, errCorrupt)
	}
	return nil
}

// uvarintString is binary.Uvarint for a string, without converting it.
func uvarintString(s string) (uint64, int) {
	var x uint64
	var shift uint
	for i := 0; i < len(s) && i < binary.MaxVarintLen64; i++ {
		b := s[i]
		if b < 0x80 {
			if i == binary.MaxVarintLen64-1 && b > 1 {
				return 0, -1
			}
			return x | uint64(b)<<shift, i + 1
		}
		x |= uint64(b&0x7f) << shift
		shift += 7
	}
	return 0, 0
}

func resize(s []string, n int) []string {
	if cap(s) < n {
		return make([]string, n)
	}
	return s[:n]
}

func resizeBool(s []bool, n int) []bool {
	if cap(s) < n {
		return make([]bool, n)
	}
	return s[:n]
}

// arena hands out byte slices for keys and values that must stay untouched
// until the transaction commits (bbolt keeps references to them), without one
// allocation per row. Pooled arenas keep their chunks, so steady-state paging
// allocates nothing here.
type arena struct {
	chunks [][]byte // chunks[:used] are in use, the last of them is being filled
	used   int
}

const arenaChunk = 1 << 20

var arenaPool = sync.Pool{New: func() any { return new(arena) }}

// copyIn returns a copy of b that stays valid until reset.
func (a *arena) copyIn(b []byte) []byte {
	if a.used == 0 || cap(a.chunks[a.used-1])-len(a.chunks[a.used-1]) < len(b) {
		a.nextChunk(len(b))
	}
	c := a.chunks[a.used-1]
	start := len(c)
	c = append(c, b...)
	a.chunks[a.used-1] = c
	return c[start:len(c):len(c)]
}

// nextChunk moves to a chunk with room for n bytes, reusing a kept one when it
// is large enough.
func (a *arena) nextChunk(n int) {
	if a.used < len(a.chunks) && cap(a.chunks[a.used]) >= n {
		a.used++
		return
	}
	c := make([]byte, 0, max(arenaChunk, n))
	a.chunks = append(a.chunks, nil)
	copy(a.chunks[a.used+1:], a.chunks[a.used:])
	a.chunks[a.used] = c
	a.used++
}

// reset makes all chunks reusable; only call it once the transaction is over.
func (a *arena) reset() {
	for i := range a.chunks {
		a.chunks[i] = a.chunks[i][:0]
	}
	a.used = 0
}
