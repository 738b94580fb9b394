package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// Checkpoint is how far a Bulk API 2.0 query job of an object has been
// committed: the next results page to read is Locator ("" for the first).
type Checkpoint struct {
	JobID   string `json:"jobId"`
	Locator string `json:"locator,omitempty"`
	Rows    int64  `json:"rows"` // rows committed so far from this job
	// Bookmark is what the object's bookmark becomes once the job's last
	// page is committed (server time at job creation minus the lookback),
	// kept here so a resumed run finishes the job with the same value.
	Bookmark time.Time `json:"bookmark"`
	// Full marks a job that reads every row (a first sync, or a re-read after
	// the field selection widened) rather than the changes since a bookmark.
	Full bool `json:"full,omitempty"`
	// Reread marks a full job over an object that already had records: they
	// stay in place, each replaced as its new row is committed.
	Reread bool `json:"reread,omitempty"`
	// Columns are the columns the job's query selects (nil: not recorded,
	// a checkpoint from before they were): a selection that gained a
	// column since cannot be served by the job's pages.
	Columns []string `json:"columns,omitempty"`
}

// Bookmark returns the object's bookmark: records with SystemModstamp at or
// after it are fetched on the next incremental sync. ok is false before the
// first full sync has finished.
func (s *Store) Bookmark(object string) (t time.Time, ok bool, err error) {
	err = s.view(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketBookmarks).Get([]byte(object))
		if v == nil {
			return nil
		}
		ok = true
		if err := t.UnmarshalText(v); err != nil {
			return corrupt("bookmark "+object, err)
		}
		return nil
	})
	if err != nil {
		return time.Time{}, false, fmt.Errorf("bookmark %s: %w", object, err)
	}
	return t, ok, nil
}

// Checkpoint returns the object's unfinished Bulk job, if any.
func (s *Store) Checkpoint(object string) (cp Checkpoint, ok bool, err error) {
	err = s.view(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketCheckpoints).Get([]byte(object))
		if v == nil {
			return nil
		}
		ok = true
		return decodeStored("checkpoint "+object, v, &cp)
	})
	if err != nil {
		return Checkpoint{}, false, fmt.Errorf("checkpoint %s: %w", object, err)
	}
	return cp, ok, nil
}

// SetProgress stores a progress update without records (e.g. an incremental
// check that found nothing new still moves the bookmark).
func (s *Store) SetProgress(object string, p Progress) error {
	return s.update(func(tx *bolt.Tx) error { return putProgress(tx, object, p) })
}

// Progress is the bookkeeping committed with a page. Nil / false fields leave
// the stored value as it is.
type Progress struct {
	Checkpoint      *Checkpoint // store this checkpoint
	ClearCheckpoint bool        // the job is finished (or abandoned): forget it
	Bookmark        *time.Time  // move the bookmark here
}

func putProgress(tx *bolt.Tx, object string, p Progress) error {
	key := []byte(object)
	if p.Checkpoint != nil && p.ClearCheckpoint {
		return fmt.Errorf("progress %s: both a checkpoint and ClearCheckpoint given", object)
	}
	if p.Checkpoint != nil {
		v, err := json.Marshal(p.Checkpoint)
		if err != nil {
			return err
		}
		if err := tx.Bucket(bucketCheckpoints).Put(key, v); err != nil {
			return fmt.Errorf("checkpoint %s: %w", object, err)
		}
	}
	if p.ClearCheckpoint {
		if err := tx.Bucket(bucketCheckpoints).Delete(key); err != nil {
			return fmt.Errorf("checkpoint %s: %w", object, err)
		}
	}
	if p.Bookmark != nil {
		v, err := p.Bookmark.UTC().MarshalText()
		if err != nil {
			return fmt.Errorf("bookmark %s: %w", object, err)
		}
		if err := tx.Bucket(bucketBookmarks).Put(key, v); err != nil {
			return fmt.Errorf("bookmark %s: %w", object, err)
		}
	}
	return nil
}

// Clear forgets everything synced for object: records, field sets, count,
// bookmark and checkpoint, so the next run does a full sync (used after the
// object's field selection changed).
func (s *Store) Clear(object string) error {
	key := []byte(object)
	err := s.update(func(tx *bolt.Tx) error {
		for _, parent := range [][]byte{bucketRecords, bucketFieldSets} {
			if err := tx.Bucket(parent).DeleteBucket(key); err != nil && !errors.Is(err, berrors.ErrBucketNotFound) {
				return err
			}
		}
		for _, b := range [][]byte{bucketCounts, bucketBookmarks, bucketCheckpoints} {
			if err := tx.Bucket(b).Delete(key); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("clear %s: %w", object, err)
	}
	return nil
}
