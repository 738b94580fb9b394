package store

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"
)

// A field set is the ordered column list records of an object were written
// with. Each distinct list gets a version number (1, 2, …) stored once under
// fieldsets/<object>/<version>; every record value starts with its version.
// Records written before a field change stay readable with their old list.

func versionKey(v uint32) []byte {
	return binary.BigEndian.AppendUint32(nil, v)
}

// fieldSetVersion returns the version for cols, adding a new one when cols
// differs from the latest. Called inside a write transaction.
func fieldSetVersion(tx *bolt.Tx, object string, cols []string) (uint32, error) {
	b, err := tx.Bucket(bucketFieldSets).CreateBucketIfNotExists([]byte(object))
	if err != nil {
		return 0, fmt.Errorf("field sets %s: %w", object, err)
	}
	var last uint32
	if k, v := b.Cursor().Last(); k != nil {
		last = binary.BigEndian.Uint32(k)
		var prev []string
		if err := json.Unmarshal(v, &prev); err != nil {
			return 0, corrupt(fmt.Sprintf("field set %s/%d", object, last), err)
		}
		if slices.Equal(prev, cols) {
			return last, nil
		}
	}
	enc, err := json.Marshal(cols)
	if err != nil {
		return 0, err
	}
	if err := b.Put(versionKey(last+1), enc); err != nil {
		return 0, fmt.Errorf("field set %s: %w", object, err)
	}
	return last + 1, nil
}

// fieldSet is one decoded column list and where Id is in it.
type fieldSet struct {
	cols  []string
	idCol int
}

// fieldSets reads an object's field sets lazily during one read transaction,
// decoding each version at most once.
type fieldSets struct {
	bucket *bolt.Bucket
	object string
	byVer  map[uint32]fieldSet
}

func newFieldSets(tx *bolt.Tx, object string) *fieldSets {
	return &fieldSets{bucket: tx.Bucket(bucketFieldSets).Bucket([]byte(object)), object: object}
}

func (f *fieldSets) get(ver uint32) (fieldSet, error) {
	if fs, ok := f.byVer[ver]; ok {
		return fs, nil
	}
	if f.bucket == nil {
		return fieldSet{}, fmt.Errorf("field set %s/%d: missing: %w", f.object, ver, errCorrupt)
	}
	v := f.bucket.Get(versionKey(ver))
	if v == nil {
		return fieldSet{}, fmt.Errorf("field set %s/%d: missing: %w", f.object, ver, errCorrupt)
	}
	var cols []string
	if err := json.Unmarshal(v, &cols); err != nil {
		return fieldSet{}, corrupt(fmt.Sprintf("field set %s/%d", f.object, ver), err)
	}
	fs := fieldSet{cols: cols, idCol: slices.Index(cols, idColumn)}
	if f.byVer == nil {
		f.byVer = map[uint32]fieldSet{}
	}
	f.byVer[ver] = fs
	return fs, nil
}

// Columns returns the column list of the object's latest field set (the one
// the last page was written with), or nil if nothing was written since the
// last Clear.
func (s *Store) Columns(object string) ([]string, error) {
	var cols []string
	err := s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketFieldSets).Bucket([]byte(object))
		if b == nil {
			return nil
		}
		if k, v := b.Cursor().Last(); k != nil {
			return decodeStored("field set "+object, v, &cols)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("columns %s: %w", object, err)
	}
	return cols, nil
}
