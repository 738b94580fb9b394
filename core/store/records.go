package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	bolt "go.etcd.io/bbolt"

	"github.com/sfsync/sfsync/core/format"
)

const (
	idColumn        = "Id"
	isDeletedColumn = "IsDeleted"
	// recordFill packs pages tighter than bbolt's default 0.5: Salesforce Ids
	// mostly arrive in ascending order, so split pages are rarely revisited.
	recordFill = 0.9
)

// RowSource streams the rows of one page.
type RowSource interface {
	// NextRow returns the next row: one value per column of the page, and
	// which of them are null (nulls may be nil: none). The source may reuse
	// both slices once NextRow is called again. It returns io.EOF after the
	// last row; any other error aborts the page.
	NextRow() (values []string, nulls []bool, err error)
}

// RowFunc adapts a function to RowSource.
type RowFunc func() ([]string, []bool, error)

// NextRow calls f.
func (f RowFunc) NextRow() ([]string, []bool, error) { return f() }

// CSVRows is a RowSource over rows already in memory in which an empty value
// is null, as in Bulk API 2.0 CSV results.
func CSVRows(rows [][]string) RowSource {
	i := 0
	var nulls []bool
	return RowFunc(func() ([]string, []bool, error) {
		if i >= len(rows) {
			return nil, nil, io.EOF
		}
		row := rows[i]
		i++
		nulls = resizeBool(nulls, len(row))
		for j, v := range row {
			nulls[j] = v == ""
		}
		return row, nulls, nil
	})
}

// Page is one unit of committed sync progress.
type Page struct {
	Object  string
	Columns []string  // must contain "Id"; rows with IsDeleted "true" are deletes
	Rows    RowSource // nil: no rows
	Deletes []string  // further Ids to remove
	Progress
}

// Counts says what a page (or a run, per object) changed. Deleted counts
// only records that were stored: a soft-deleted row never seen before
// changes nothing. Quarantined counts rows skipped because their Id is not
// a Salesforce record Id (see ValidID): each is logged, and the rest of the
// page is applied.
type Counts struct {
	Added       int `json:"Added"`
	Updated     int `json:"Updated"`
	Deleted     int `json:"Deleted"`
	Quarantined int `json:"Quarantined,omitempty"`
	// Reread counts stored records read again in full after the field
	// selection widened (they were neither new nor changed in Salesforce).
	Reread int `json:"Reread,omitempty"`
	// Purged counts records removed because a refresh found them gone from
	// the org (hard-deleted, purged from the Recycle Bin, or no longer
	// visible to the signed-in user).
	Purged int `json:"Purged,omitempty"`
	// Refreshed counts records whose formula values a refresh changed.
	Refreshed int `json:"Refreshed,omitempty"`
	// Unchanged counts rows read again exactly as stored (the lookback
	// reads the last minutes' changes a second time): not updates.
	Unchanged int `json:"Unchanged,omitempty"`
}

// Add sums counts.
func (c *Counts) Add(o Counts) {
	c.Added += o.Added
	c.Updated += o.Updated
	c.Deleted += o.Deleted
	c.Quarantined += o.Quarantined
	c.Reread += o.Reread
	c.Purged += o.Purged
	c.Refreshed += o.Refreshed
	c.Unchanged += o.Unchanged
}

// ApplyPage upserts the page's rows by Id, removes its deletes and stores its
// progress, all in one transaction: if anything fails (including the
// RowSource), nothing of the page and none of its progress is committed.
// A row or delete whose Id is not a record Id is quarantined, not an error:
// one malformed row from the server must not stop the object on every run.
func (s *Store) ApplyPage(p Page) (Counts, error) {
	var c Counts
	idCol, delCol, err := pageColumns(p)
	if err != nil {
		return c, err
	}
	a := arenaPool.Get().(*arena)
	defer func() { a.reset(); arenaPool.Put(a) }()
	err = s.update(func(tx *bolt.Tx) error {
		c = Counts{} // bbolt does not retry, but keep the counts honest if it ever did
		recs, err := tx.Bucket(bucketRecords).CreateBucketIfNotExists([]byte(p.Object))
		if err != nil {
			return err
		}
		recs.FillPercent = recordFill
		if p.Rows != nil {
			if err := s.putRows(tx, recs, p, idCol, delCol, a, &c); err != nil {
				return err
			}
		}
		for _, id := range p.Deletes {
			if !ValidID(id) {
				s.quarantine(p.Object, 0, id, &c)
				continue
			}
			if err := deleteRecord(recs, []byte(id), &c); err != nil {
				return err
			}
		}
		if err := addCount(tx, p.Object, int64(c.Added-c.Deleted)); err != nil {
			return err
		}
		return putProgress(tx, p.Object, p.Progress)
	})
	if err != nil {
		return Counts{}, fmt.Errorf("apply page %s: %w", p.Object, err)
	}
	return c, nil
}

// pageColumns validates the column list and finds Id and IsDeleted (-1 if
// absent).
func pageColumns(p Page) (idCol, delCol int, err error) {
	if p.Object == "" {
		return 0, 0, errors.New("apply page: no object")
	}
	idCol, delCol = -1, -1
	seen := make(map[string]bool, len(p.Columns))
	for i, c := range p.Columns {
		if c == "" || seen[c] {
			return 0, 0, fmt.Errorf("apply page %s: empty or repeated column %q", p.Object, c)
		}
		seen[c] = true
		switch c {
		case idColumn:
			idCol = i
		case isDeletedColumn:
			delCol = i
		}
	}
	if idCol < 0 && p.Rows != nil {
		return 0, 0, fmt.Errorf("apply page %s: columns have no Id", p.Object)
	}
	return idCol, delCol, nil
}

func (s *Store) putRows(tx *bolt.Tx, recs *bolt.Bucket, p Page, idCol, delCol int, a *arena, c *Counts) error {
	version, err := fieldSetVersion(tx, p.Object, p.Columns)
	if err != nil {
		return err
	}
	var scratch []byte
	exists := existence(recs)
	for n := 1; ; n++ {
		values, nulls, err := p.Rows.NextRow()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("row %d: %w", n, err)
		}
		if len(values) != len(p.Columns) || (nulls != nil && len(nulls) != len(values)) {
			return fmt.Errorf("row %d: %d values for %d columns", n, len(values), len(p.Columns))
		}
		id := values[idCol]
		if nulls != nil && nulls[idCol] {
			id = ""
		}
		if !ValidID(id) {
			s.quarantine(p.Object, n, id, c)
			continue
		}
		if delCol >= 0 && strings.EqualFold(values[delCol], "true") {
			if err := deleteRecord(recs, a.copyIn([]byte(id)), c); err != nil {
				return err
			}
			continue
		}
		scratch = append(scratch[:0], id...)
		key := a.copyIn(scratch)
		scratch = appendRecord(scratch[:0], version, idCol, values, nulls)
		found, old := exists(key)
		switch {
		case !found:
			c.Added++
		case bytes.Equal(old, scratch):
			c.Unchanged++ // read again as stored: nothing to write
			continue
		default:
			c.Updated++
		}
		val := a.copyIn(scratch)
		if err := recs.Put(key, val); err != nil {
			return fmt.Errorf("row %d (Id %s): %w", n, format.Quote(id), err)
		}
	}
}

// existence returns a membership test for keys about to be put. A key past
// the bucket's last key is new without a lookup: a first sync's Bulk pages
// arrive in Id order, so it mostly costs one comparison (a separate Seek
// before every Put was 14 % of a million-row first sync). Other keys are
// looked up with one reused cursor (Bucket.Get allocates one per call).
// Every new key tested must then be put: the last key moves with it. A
// stored key also gives its value (valid until the next put), so a row read
// again as stored is told from an update.
func existence(b *bolt.Bucket) func(key []byte) (bool, []byte) {
	cur := b.Cursor()
	last, _ := cur.Last()
	last = bytes.Clone(last)
	return func(key []byte) (bool, []byte) {
		if last == nil || bytes.Compare(key, last) > 0 {
			last = key
			return false, nil
		}
		k, v := cur.Seek(key)
		if k == nil || !bytes.Equal(k, key) {
			return false, nil
		}
		return true, v
	}
}

func deleteRecord(recs *bolt.Bucket, key []byte, c *Counts) error {
	if recs.Get(key) == nil {
		return nil
	}
	if err := recs.Delete(key); err != nil {
		return fmt.Errorf("delete %s: %w", format.Quote(string(key)), err)
	}
	c.Deleted++
	return nil
}

// addCount keeps a per-object record count so Count needs no scan.
func addCount(tx *bolt.Tx, object string, delta int64) error {
	if delta == 0 {
		return nil
	}
	b := tx.Bucket(bucketCounts)
	var n int64
	if v := b.Get([]byte(object)); len(v) == 8 {
		n = int64(binary.BigEndian.Uint64(v))
	}
	return b.Put([]byte(object), binary.BigEndian.AppendUint64(nil, uint64(n+delta)))
}

// Count is the number of records stored for object.
func (s *Store) Count(object string) (int, error) {
	var n int
	err := s.view(func(tx *bolt.Tx) error {
		if v := tx.Bucket(bucketCounts).Get([]byte(object)); len(v) == 8 {
			n = int(binary.BigEndian.Uint64(v))
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("count %s: %w", object, err)
	}
	return n, nil
}

// Record is one stored record. Columns is the field set it was written with
// (shared: do not modify); Values and Nulls are aligned with it, the Id
// column included.
type Record struct {
	ID      string
	Columns []string
	Values  []string
	Nulls   []bool
}

// Field returns the value of a column; ok is false when the column is null or
// not in the record's field set.
func (r *Record) Field(name string) (value string, ok bool) {
	i := slices.Index(r.Columns, name)
	if i < 0 || r.Nulls[i] {
		return "", false
	}
	return r.Values[i], true
}

// Clone copies r so it can be kept beyond a Scan callback.
func (r *Record) Clone() *Record {
	return &Record{ID: r.ID, Columns: r.Columns, Values: slices.Clone(r.Values), Nulls: slices.Clone(r.Nulls)}
}

// Get returns the record with the given Id, or nil if there is none.
func (s *Store) Get(object, id string) (*Record, error) {
	var rec *Record
	err := s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketRecords).Bucket([]byte(object))
		if b == nil {
			return nil
		}
		v := b.Get([]byte(id))
		if v == nil {
			return nil
		}
		rec = new(Record)
		return decodeWith(newFieldSets(tx, object), rec, []byte(id), v)
	})
	if err != nil {
		return nil, fmt.Errorf("get %s %s: %w", object, format.Quote(id), err)
	}
	return rec, nil
}

// Scan calls fn for every record of object in Id order until fn returns
// false. The *Record is reused between calls: Clone it to keep it.
func (s *Store) Scan(object string, fn func(*Record) bool) error {
	return s.ScanFrom(object, "", fn)
}

// ScanFrom is Scan starting at the first Id >= from (for paging).
func (s *Store) ScanFrom(object, from string, fn func(*Record) bool) error {
	// A panic in fn is the caller's, not damage in the file: it propagates.
	inFn := false
	err := s.do(false, &inFn, func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketRecords).Bucket([]byte(object))
		if b == nil {
			return nil
		}
		sets := newFieldSets(tx, object)
		var rec Record
		cur := b.Cursor()
		k, v := cur.First()
		if from != "" {
			k, v = cur.Seek([]byte(from))
		}
		for ; k != nil; k, v = cur.Next() {
			if err := decodeWith(sets, &rec, k, v); err != nil {
				return err
			}
			inFn = true
			more := fn(&rec)
			inFn = false
			if !more {
				return nil
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("scan %s: %w", object, err)
	}
	return nil
}

func decodeWith(sets *fieldSets, rec *Record, k, v []byte) error {
	ver, off, err := recordVersion(v)
	if err != nil {
		return fmt.Errorf("record %s: %w", format.Quote(string(k)), err)
	}
	fs, err := sets.get(ver)
	if err != nil {
		return err
	}
	return decodeRecord(rec, k, v, fs.cols, fs.idCol, off)
}
