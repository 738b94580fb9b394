package store

import (
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"runtime"

	bolt "go.etcd.io/bbolt"

	"github.com/sfsync/sfsync/core/format"
)

// DefaultCheckLimit is the largest store file Open checks in full (every
// reachable page walked, then bbolt's Tx.Check). Measured on this project's
// 2-core machine (BenchmarkVerify): a 1,000,000-row Account store of 25
// fields is a 797 MiB file; the full check takes 0.35 s with the file in
// the page cache (Tx.Check alone 0.18 s, and 0.84 s right after the file
// was written), far more from a cold disk. 128 MiB, about 160,000 such
// rows, stays near 0.06 s. Larger stores get the header and size check at
// Open (0.1-0.2 ms), and damage met later is caught at the Store's edge and
// remembered for the next Open.
const DefaultCheckLimit = 128 << 20

// bbolt's meta page layout (go.etcd.io/bbolt internal/common/meta.go,
// page.go): a 16-byte page header, then magic, version, page size, flags
// (uint32 each), the root bucket (root page id, sequence), the freelist
// page id, the high-water page id, the transaction id and an FNV-64a
// checksum of the 56 bytes before it, all in the machine's byte order.
const (
	boltMagic       = 0xED0CDAED
	boltVersion     = 2
	metaOffset      = 16
	metaSummedBytes = 56
	metaSize        = metaSummedBytes + 8
)

type metaPage struct {
	pageSize uint32
	pgid     uint64 // high-water mark: pages 0..pgid-1 must be in the file
	txid     uint64
}

// parseMeta decodes a meta page at the start of b, or reports it invalid.
func parseMeta(b []byte) (metaPage, bool) {
	if len(b) < metaOffset+metaSize {
		return metaPage{}, false
	}
	m := b[metaOffset : metaOffset+metaSize]
	ne := binary.NativeEndian
	h := fnv.New64a()
	h.Write(m[:metaSummedBytes])
	if ne.Uint32(m[0:]) != boltMagic || ne.Uint32(m[4:]) != boltVersion || ne.Uint64(m[56:]) != h.Sum64() {
		return metaPage{}, false
	}
	return metaPage{pageSize: ne.Uint32(m[8:]), pgid: ne.Uint64(m[40:]), txid: ne.Uint64(m[48:])}, true
}

// checkHeader reads the store file's two meta pages without bbolt and
// checks that the file is as long as the newest valid one says. bbolt maps
// the file and trusts its pages: a file cut short faults (SIGBUS) on the
// first page past its end, during Open already when that is the freelist.
// A missing or empty file is fine (Open creates one).
func checkHeader(path string) error {
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || info.Size() == 0 {
		return err
	}
	size := info.Size()
	m, ok := newestMeta(f, size)
	if !ok {
		return &DamagedError{Path: path, Reason: "neither of its two header pages is valid"}
	}
	if need := int64(m.pgid) * int64(m.pageSize); need > size || m.pgid < 2 {
		return &DamagedError{Path: path, Reason: fmt.Sprintf("it is %s bytes long but its header says %s: it was cut short",
			format.Thousands(size), format.Thousands(need))}
	}
	return nil
}

// newestMeta returns the valid meta page with the highest transaction id,
// as bbolt picks it. Page 1 lies one page size in, which page 0 gives; if
// page 0 is unreadable the sizes bbolt supports are tried, as bbolt does.
func newestMeta(f io.ReaderAt, size int64) (metaPage, bool) {
	buf := make([]byte, metaOffset+metaSize)
	read := func(off int64) (metaPage, bool) {
		if off+int64(len(buf)) > size {
			return metaPage{}, false
		}
		if _, err := f.ReadAt(buf, off); err != nil {
			return metaPage{}, false
		}
		return parseMeta(buf)
	}
	m0, ok0 := read(0)
	var m1 metaPage
	ok1 := false
	if ok0 {
		m1, ok1 = read(int64(m0.pageSize))
	} else {
		for ps := int64(1024); ps <= 1024<<14 && !ok1; ps <<= 1 {
			m1, ok1 = read(ps)
		}
	}
	switch {
	case ok0 && ok1 && m1.txid > m0.txid, !ok0 && ok1:
		return m1, true
	case ok0:
		return m0, true
	}
	return metaPage{}, false
}

// verify checks the whole file: it walks every bucket, key and value
// through bbolt's API on this goroutine (so a page pointer gone wild is a
// recoverable fault here, not a crash in bbolt's own checker goroutine),
// then runs bbolt's Tx.Check for what the walk cannot see (key order, page
// references, freelist). Nothing else may write meanwhile.
func verify(db *bolt.DB) error {
	path := db.Path()
	var problem error
	err := guarded(path, func() error {
		return db.View(func(tx *bolt.Tx) error {
			if err := tx.ForEach(func(_ []byte, b *bolt.Bucket) error { return walk(b) }); err != nil {
				return err
			}
			for err := range tx.Check() {
				if problem == nil {
					problem = err
				}
			}
			return nil
		})
	})
	if err != nil {
		return err
	}
	if problem != nil {
		return &DamagedError{Path: path, Reason: "its consistency check failed: " + trimReason(problem.Error())}
	}
	return nil
}

// walk touches every key and both ends of every value of b and its nested
// buckets, so each reachable page is read once.
func walk(b *bolt.Bucket) error {
	var sink byte
	c := b.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		sink ^= k[0] ^ k[len(k)-1]
		if v != nil {
			if len(v) > 0 {
				sink ^= v[0] ^ v[len(v)-1]
			}
			continue
		}
		if nested := b.Bucket(k); nested != nil {
			if err := walk(nested); err != nil {
				return err
			}
		}
	}
	runtime.KeepAlive(sink) // so the compiler keeps the reads
	return nil
}

// trimReason bounds a message from bbolt (its checker quotes keys in hex).
func trimReason(s string) string {
	if r := []rune(s); len(r) > format.MaxQuoted {
		return string(r[:format.MaxQuoted-1]) + "…"
	}
	return s
}
