package store

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"

	bolt "go.etcd.io/bbolt"

	"github.com/sfsync/sfsync/core/format"
)

// What SystemModstamp does not track is kept right by a refresh (see
// core/engine): formula values are rewritten in place (UpdateColumns) and
// records purged in Salesforce are removed once a complete read of the
// object's live Ids shows them gone (DeleteAbsent).

// IDLen is the length of the Ids the API returns: the 18-character,
// case-insensitive-safe form of a record Id.
const IDLen = 18

// IDSet is a set of 18-character record Ids packed end to end (18 bytes
// each, no per-Id allocation: a million Ids take 18 MB). Add Ids, then Seal
// it before asking Has.
type IDSet struct {
	ids    [][IDLen]byte
	sealed bool
}

// ErrIDForm is returned by IDSet.Add for an Id that is not 18 characters.
var ErrIDForm = errors.New("record Id is not 18 characters")

// Add puts id in the set.
func (s *IDSet) Add(id string) error {
	if len(id) != IDLen {
		return fmt.Errorf("%w: %s", ErrIDForm, format.Quote(id))
	}
	var k [IDLen]byte
	copy(k[:], id)
	s.ids = append(s.ids, k)
	s.sealed = false
	return nil
}

// Len is the number of Ids added.
func (s *IDSet) Len() int { return len(s.ids) }

// Seal sorts the set; Has needs it.
func (s *IDSet) Seal() {
	slices.SortFunc(s.ids, func(a, b [IDLen]byte) int { return bytes.Compare(a[:], b[:]) })
	s.sealed = true
}

// Has reports whether id is in the sealed set.
func (s *IDSet) Has(id []byte) bool {
	if !s.sealed {
		panic("store: IDSet.Has before Seal")
	}
	if len(id) != IDLen {
		return false
	}
	_, ok := slices.BinarySearchFunc(s.ids, id, func(a [IDLen]byte, b []byte) int { return bytes.Compare(a[:], b) })
	return ok
}

// DeleteAbsent removes object's records whose Id is not in present (a
// complete read of the org's live Ids, sealed). The caller reads the Ids
// after every read of its run has committed, so a stored record missing
// from them is gone, whatever its SystemModstamp. It commits in one
// transaction and returns the Ids removed.
func (s *Store) DeleteAbsent(object string, present *IDSet) ([]string, error) {
	var gone []string
	err := s.update(func(tx *bolt.Tx) error {
		gone = gone[:0]
		b := tx.Bucket(bucketRecords).Bucket([]byte(object))
		if b == nil {
			return nil
		}
		cur := b.Cursor()
		for k, _ := cur.First(); k != nil; {
			if present.Has(k) {
				k, _ = cur.Next()
				continue
			}
			id := string(k)
			gone = append(gone, id)
			if err := cur.Delete(); err != nil {
				return fmt.Errorf("delete %s: %w", id, err)
			}
			// After Cursor.Delete, Next may skip a key: seek past the gone one.
			k, _ = cur.Seek([]byte(id))
		}
		return addCount(tx, object, -int64(len(gone)))
	})
	if err != nil {
		return nil, fmt.Errorf("remove purged %s records: %w", object, err)
	}
	return gone, nil
}

// UpdateColumns rewrites the given columns of records already stored, from
// rows whose columns are cols (Id among them): a record the store does not
// have is left alone (the next incremental sync brings it), and a column the
// record's field set lacks is skipped. Only records whose values differ are
// written. It returns how many records changed; all of the page commits in
// one transaction.
func (s *Store) UpdateColumns(object string, cols []string, rows RowSource) (int, error) {
	idCol := slices.Index(cols, idColumn)
	if idCol < 0 {
		return 0, fmt.Errorf("update %s: columns have no Id", object)
	}
	changed := 0
	a := arenaPool.Get().(*arena)
	defer func() { a.reset(); arenaPool.Put(a) }()
	err := s.update(func(tx *bolt.Tx) error {
		changed = 0
		b := tx.Bucket(bucketRecords).Bucket([]byte(object))
		if b == nil {
			return nil
		}
		u := updater{sets: newFieldSets(tx, object), b: b, cols: cols, idCol: idCol, a: a}
		for {
			values, nulls, err := rows.NextRow()
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return err
			}
			ok, err := u.apply(values, nulls)
			if err != nil {
				return err
			}
			if ok {
				changed++
			}
		}
	})
	if err != nil {
		return 0, fmt.Errorf("update %s: %w", object, err)
	}
	return changed, nil
}

// updater rewrites columns of stored records inside one transaction.
type updater struct {
	sets    *fieldSets
	b       *bolt.Bucket
	cols    []string
	idCol   int
	a       *arena
	rec     Record
	scratch []byte
}

// apply updates one stored record from one row; it reports whether the
// record changed.
func (u *updater) apply(values []string, nulls []bool) (bool, error) {
	id := values[u.idCol]
	v := u.b.Get([]byte(id))
	if v == nil {
		return false, nil
	}
	ver, _, err := recordVersion(v)
	if err != nil {
		return false, fmt.Errorf("record %s: %w", format.Quote(id), err)
	}
	if err := decodeWith(u.sets, &u.rec, []byte(id), v); err != nil {
		return false, err
	}
	diff := false
	for i, c := range u.cols {
		j := slices.Index(u.rec.Columns, c)
		if i == u.idCol || j < 0 {
			continue
		}
		null := nulls != nil && nulls[i]
		if u.rec.Nulls[j] != null || (!null && u.rec.Values[j] != values[i]) {
			u.rec.Values[j], u.rec.Nulls[j], diff = values[i], null, true
		}
	}
	if !diff {
		return false, nil
	}
	fs, err := u.sets.get(ver)
	if err != nil {
		return false, err
	}
	u.scratch = appendRecord(u.scratch[:0], ver, fs.idCol, u.rec.Values, u.rec.Nulls)
	return true, u.b.Put(u.a.copyIn([]byte(id)), u.a.copyIn(u.scratch))
}

// Missing lists the Ids of present (sealed) that object has no record for,
// in Id order, stopping at limit (0: no limit). It walks the set and the
// records side by side, both sorted, in one read transaction.
func (s *Store) Missing(object string, present *IDSet, limit int) ([]string, error) {
	if !present.sealed {
		panic("store: Missing before Seal")
	}
	var out []string
	err := s.view(func(tx *bolt.Tx) error {
		var cur *bolt.Cursor
		if b := tx.Bucket(bucketRecords).Bucket([]byte(object)); b != nil {
			cur = b.Cursor()
		}
		var k []byte
		if cur != nil {
			k, _ = cur.First()
		}
		for i := range present.ids {
			id := present.ids[i][:]
			for k != nil && bytes.Compare(k, id) < 0 {
				k, _ = cur.Next()
			}
			if k != nil && bytes.Equal(k, id) {
				continue
			}
			out = append(out, string(id))
			if limit > 0 && len(out) >= limit {
				return nil
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("missing %s records: %w", object, err)
	}
	return out, nil
}
