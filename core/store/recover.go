package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Recovered says what Recover did.
type Recovered struct {
	// DamagedPath is where the old file now is, in the data directory:
	// sfsync.db.damaged-<UTC time>; "" when there was no store file.
	DamagedPath string
	// Settings: the source settings (org, frequency, quota threshold, field
	// selection) were read back into the new store. Without them the person
	// connects again.
	Settings bool
	// Describes is how many objects' cached describes were kept (the field
	// picker and the sync need them; without them the person connects
	// again), Runs how many sync history entries.
	Describes, Runs int
}

// DamagedSuffix starts the name a damaged file is set aside under.
const DamagedSuffix = ".damaged-"

// Recover is the way back from a damaged store: it sets dir's store file
// aside as sfsync.db.damaged-<time> (nothing is deleted), creates a new one
// holding what can still be read of the settings, field selection,
// describes and run history, and clears the damage marker. Records,
// bookmarks and checkpoints are not carried over, so the next sync is a
// full sync from Salesforce. It works on a healthy store too (a fresh start
// that keeps the settings).
//
// The store must not be open: Recover takes the data directory's lock and
// returns an *AlreadyRunningError while sfsync runs elsewhere. dir "" is
// DefaultDir. opts.Timeout applies to the lock.
func Recover(dir string, opts Options) (Recovered, error) {
	var out Recovered
	if dir == "" {
		d, err := DefaultDir()
		if err != nil {
			return out, err
		}
		dir = d
	}
	lock, err := lockDir(dir, openTimeout(opts))
	if err != nil {
		return out, err
	}
	defer lock.release()
	path := filepath.Join(dir, FileName)
	if _, err := os.Stat(path); err == nil {
		if out, err = replaceDamaged(dir, path, opts); err != nil {
			return out, fmt.Errorf("recover the store: %w", err)
		}
	}
	if err := os.Remove(filepath.Join(dir, DamageMarkerName)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return out, fmt.Errorf("recover the store: %w", err)
	}
	return out, nil
}

// replaceDamaged writes the new file beside the old one, then links the old
// one to its aside name and renames the new one over the store path, so
// sfsync.db always names a complete file.
func replaceDamaged(dir, path string, opts Options) (Recovered, error) {
	var out Recovered
	kept := salvage(path)
	fresh := path + ".recovering"
	if err := os.Remove(fresh); err != nil && !errors.Is(err, os.ErrNotExist) {
		return out, err
	}
	if err := writeSalvaged(fresh, kept, opts); err != nil {
		os.Remove(fresh)
		return out, err
	}
	aside := filepath.Join(dir, FileName+DamagedSuffix+time.Now().UTC().Format("20060102T150405Z"))
	if err := os.Link(path, aside); err != nil {
		// No hard links here (some file systems): move it instead; for a
		// moment there is no sfsync.db, but we hold the directory's lock.
		if err := os.Rename(path, aside); err != nil {
			os.Remove(fresh)
			return out, err
		}
	}
	if err := os.Rename(fresh, path); err != nil {
		return out, err
	}
	out.DamagedPath = aside
	out.Settings = kept.settings != nil
	out.Describes, out.Runs = len(kept.schema), len(kept.runs)
	return out, nil
}

// salvaged is what could be read of a damaged file.
type salvaged struct {
	settings []byte
	schema   map[string][]byte
	runs     map[string][]byte
}

// salvage reads the settings, the describes and the runs from the file's
// tree, each on its own so that damage under one leaves the others (values
// that are not valid JSON are left behind), then carves what the tree did
// not give from the raw bytes.
func salvage(path string) salvaged {
	s := salvaged{schema: map[string][]byte{}, runs: map[string][]byte{}}
	if headerReadable(path) {
		readTree(path, &s)
	}
	if s.settings == nil || len(s.schema) == 0 {
		carve(path, &s)
	}
	return s
}

func readTree(path string, s *salvaged) {
	var db *bolt.DB
	err := guarded(path, func() error {
		var err error
		db, err = bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: 500 * time.Millisecond})
		return err
	})
	if err != nil {
		return
	}
	defer guarded(path, db.Close)
	_ = guarded(path, func() error {
		return db.View(func(tx *bolt.Tx) error {
			if b := tx.Bucket(bucketSettings); b != nil {
				if v := b.Get(sourceKey); v != nil && json.Unmarshal(v, &SourceSettings{}) == nil {
					s.settings = bytes.Clone(v)
				}
			}
			return nil
		})
	})
	s.schema = salvageBucket(db, bucketSchema)
	s.runs = salvageBucket(db, bucketRuns)
}

// headerReadable: bbolt can open the file (a file cut short still has a
// valid header, and the pages that are left may hold the settings).
func headerReadable(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return false
	}
	_, ok := newestMeta(f, info.Size())
	return ok
}

// salvageBucket copies the bucket's entries that are valid JSON, as far as
// the bucket can be read.
func salvageBucket(db *bolt.DB, name []byte) map[string][]byte {
	out := map[string][]byte{}
	_ = guarded(db.Path(), func() error {
		return db.View(func(tx *bolt.Tx) error {
			b := tx.Bucket(name)
			if b == nil {
				return nil
			}
			c := b.Cursor()
			for k, v := c.First(); k != nil; k, v = c.Next() {
				if v != nil && json.Valid(v) {
					out[string(k)] = bytes.Clone(v)
				}
			}
			return nil
		})
	})
	return out
}

// writeSalvaged creates a new store file at path with what was kept.
func writeSalvaged(path string, kept salvaged, opts Options) error {
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: openTimeout(opts), NoSync: opts.NoSync})
	if err != nil {
		return err
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, name := range topBuckets {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return err
			}
		}
		if kept.settings != nil {
			if err := tx.Bucket(bucketSettings).Put(sourceKey, kept.settings); err != nil {
				return err
			}
		}
		for k, v := range kept.schema {
			if err := tx.Bucket(bucketSchema).Put([]byte(k), v); err != nil {
				return err
			}
		}
		if err := putRuns(tx.Bucket(bucketRuns), kept.runs); err != nil {
			return err
		}
		return markInterrupted(tx)
	})
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	return err
}

// putRuns restores history entries under their sequence numbers and moves
// the bucket's sequence past them, so new runs do not overwrite them.
func putRuns(b *bolt.Bucket, runs map[string][]byte) error {
	var last uint64
	for k, v := range runs {
		if len(k) != 8 {
			continue
		}
		if err := b.Put([]byte(k), v); err != nil {
			return err
		}
		last = max(last, binary.BigEndian.Uint64([]byte(k)))
	}
	return b.SetSequence(last)
}
