package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// MaxRuns is how many runs the history keeps; older ones are pruned.
const MaxRuns = 500

// interruptedNote is the Error of a run marked interrupted.
const interruptedNote = "sfsync stopped during this run (it was killed, crashed or the computer shut down); " +
	"the next run continued from the last committed page"

// Run is one entry of the sync history.
type Run struct {
	Seq      uint64            `json:"seq"` // assigned by SaveRun
	Start    time.Time         `json:"start"`
	End      time.Time         `json:"end,omitzero"` // zero while running
	Result   RunResult         `json:"result"`
	Objects  map[string]Counts `json:"objects,omitempty"`
	APICalls int               `json:"apiCalls"`
	// RefreshCalls is the part of APICalls the refresh of formula values
	// and purged records spent.
	RefreshCalls int    `json:"refreshCalls,omitempty"`
	Error        string `json:"error,omitempty"`
	// ObjectErrors says, per object, why it was not synced in a run that
	// went on with the others.
	ObjectErrors map[string]string `json:"objectErrors,omitempty"`
}

// SaveRun stores r. A run with Seq 0 is new: it gets the next sequence number
// (written back to r) and the oldest runs beyond MaxRuns are pruned. A run
// with a Seq is overwritten, so a run can be saved when it starts and again
// when it ends.
func (s *Store) SaveRun(r *Run) error {
	err := s.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketRuns)
		seq := r.Seq
		if seq == 0 {
			n, err := b.NextSequence()
			if err != nil {
				return err
			}
			seq = n
		}
		saved := *r
		saved.Seq = seq
		v, err := json.Marshal(saved)
		if err != nil {
			return err
		}
		if err := b.Put(binary.BigEndian.AppendUint64(nil, seq), v); err != nil {
			return err
		}
		if err := pruneRuns(b); err != nil {
			return err
		}
		r.Seq = seq
		return nil
	})
	if err != nil {
		return fmt.Errorf("save run: %w", err)
	}
	return nil
}

// pruneRuns deletes the oldest runs until at most MaxRuns remain.
func pruneRuns(b *bolt.Bucket) error {
	// Count with a cursor: Bucket.Stats does not see this transaction's writes.
	c := b.Cursor()
	n := 0
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		n++
	}
	excess := n - MaxRuns
	for k, _ := c.First(); k != nil && excess > 0; k, _ = c.First() {
		if err := c.Delete(); err != nil {
			return err
		}
		excess--
	}
	return nil
}

// markInterrupted turns runs left RunRunning into RunInterrupted. Called
// from Open, under the directory's lock, before any run of this process.
func markInterrupted(tx *bolt.Tx) error {
	b := tx.Bucket(bucketRuns)
	type found struct {
		k []byte
		r Run
	}
	var stale []found
	running := []byte(`"result":"` + string(RunRunning) + `"`)
	err := b.ForEach(func(k, v []byte) error {
		if !bytes.Contains(v, running) { // cheap: skip decoding finished runs
			return nil
		}
		var r Run
		if err := json.Unmarshal(v, &r); err != nil {
			return corrupt(fmt.Sprintf("run %d", binary.BigEndian.Uint64(k)), err)
		}
		if r.Result == RunRunning {
			stale = append(stale, found{k: bytes.Clone(k), r: r})
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, f := range stale {
		f.r.Result = RunInterrupted
		if f.r.Error == "" {
			f.r.Error = interruptedNote
		}
		v, err := json.Marshal(f.r)
		if err != nil {
			return err
		}
		if err := b.Put(f.k, v); err != nil {
			return err
		}
	}
	return nil
}

// Runs returns up to limit runs, newest first (limit <= 0: all kept runs).
func (s *Store) Runs(limit int) ([]Run, error) {
	var out []Run
	err := s.view(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketRuns).Cursor()
		for k, v := c.Last(); k != nil && (limit <= 0 || len(out) < limit); k, v = c.Prev() {
			var r Run
			if err := json.Unmarshal(v, &r); err != nil {
				return corrupt(fmt.Sprintf("run %d", binary.BigEndian.Uint64(k)), err)
			}
			out = append(out, r)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read runs: %w", err)
	}
	return out, nil
}
