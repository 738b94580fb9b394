package store

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// FileName is the database file inside the data directory.
const FileName = "sfsync.db"

// DataDirEnv overrides the data directory when set.
const DataDirEnv = "SFSYNC_DATA_DIR"

// DefaultOpenTimeout is how long Open waits for another process's lock.
const DefaultOpenTimeout = time.Second

// ErrAlreadyRunning matches (errors.Is) the error Open returns when another
// process holds the database.
var ErrAlreadyRunning = errors.New("sfsync is already running")

// AlreadyRunningError is the typed form of ErrAlreadyRunning; it names the
// data directory so the user can tell which instance holds it.
type AlreadyRunningError struct{ Dir string }

func (e *AlreadyRunningError) Error() string {
	return fmt.Sprintf("sfsync is already running (data directory %s)", e.Dir)
}

// Is makes errors.Is(err, ErrAlreadyRunning) true.
func (e *AlreadyRunningError) Is(target error) bool { return target == ErrAlreadyRunning }

// Options tune Open. The zero value is fine.
type Options struct {
	// Timeout is how long to wait for another process's lock; 0 means
	// DefaultOpenTimeout.
	Timeout time.Duration
	// NoSync skips fsync on commit. Only for benchmarks and throwaway stores:
	// a crash can lose committed pages.
	NoSync bool
	// CheckLimit is the largest file Open checks in full (see
	// DefaultCheckLimit, which 0 means); negative: never.
	CheckLimit int64
	// Logger receives what Open and ApplyPage have to tell (a permission
	// tightened, a row quarantined, damage found); nil: slog.Default().
	Logger *slog.Logger
}

// Store is an open sfsync database. Its methods are safe for concurrent use:
// bbolt serialises writers and lets readers run alongside. Every exported
// method turns damage met in the file (a bbolt panic, a memory fault on a
// cut file, an undecodable value) into a *DamagedError, and a write after
// the file was removed or replaced into a *ReplacedError; after either, every
// call returns that error.
type Store struct {
	mu   sync.RWMutex // guards db and file, which DeleteSourceData replaces
	db   *bolt.DB
	file os.FileInfo // the file db has open, to tell when the path names another
	dir  string
	opts Options
	log  *slog.Logger
	lock *dirLock
	// fault is the first damage or replacement met; it is never cleared
	// (DeleteSourceData, which starts a new file, excepted).
	fault sticky
}

// Bucket names. Records live in one sub-bucket per object under bucketRecords
// (their column lists likewise under bucketFieldSets), so Clear can drop an
// object in one step; the other buckets are keyed by object name.
var (
	bucketSettings    = []byte("settings")
	bucketSchema      = []byte("schema")
	bucketRecords     = []byte("records")
	bucketFieldSets   = []byte("fieldsets")
	bucketCounts      = []byte("counts")
	bucketBookmarks   = []byte("bookmarks")
	bucketCheckpoints = []byte("checkpoints")
	bucketRuns        = []byte("runs")

	topBuckets = [][]byte{bucketSettings, bucketSchema, bucketRecords, bucketFieldSets,
		bucketCounts, bucketBookmarks, bucketCheckpoints, bucketRuns}
)

// DefaultDir is the data directory used when Open is given "": $SFSYNC_DATA_DIR
// if set, else the OS's per-user data directory (Linux: $XDG_DATA_HOME or
// ~/.local/share; macOS: ~/Library/Application Support; Windows:
// %LocalAppData%, which does not roam, as the database can be large) plus
// "sfsync".
func DefaultDir() (string, error) {
	if d := os.Getenv(DataDirEnv); d != "" {
		return d, nil
	}
	var base string
	switch runtime.GOOS {
	case "windows":
		base = os.Getenv("LocalAppData")
	case "darwin", "ios":
		cfg, err := os.UserConfigDir() // ~/Library/Application Support
		if err != nil {
			return "", fmt.Errorf("data directory: %w", err)
		}
		base = cfg
	default:
		base = os.Getenv("XDG_DATA_HOME")
		if base == "" {
			home, err := os.UserHomeDir()
			if err != nil {
				return "", fmt.Errorf("data directory: %w", err)
			}
			base = filepath.Join(home, ".local", "share")
		}
	}
	if base == "" {
		cfg, err := os.UserConfigDir()
		if err != nil {
			return "", fmt.Errorf("data directory: %w", err)
		}
		base = cfg
	}
	return filepath.Join(base, "sfsync"), nil
}

// Open opens (creating if needed) the database in dir, or in DefaultDir when
// dir is "". A new directory is created 0700, an existing one wider than
// that is tightened to 0700 (and logged), and the file is kept 0600. Open
// holds the directory's lock file (LockFileName) until Close: if another
// process holds it, Open gives up after the timeout with an
// *AlreadyRunningError. A damaged file (cut short, invalid header, failed
// check, or damage recorded by an earlier run) is a *DamagedError; the file
// is left as it is for Recover. Runs an earlier process left "running"
// (it was killed) are marked RunInterrupted.
func Open(dir string, opts Options) (*Store, error) {
	if dir == "" {
		d, err := DefaultDir()
		if err != nil {
			return nil, err
		}
		dir = d
	}
	log := opts.Logger
	if log == nil {
		log = slog.Default()
	}
	if err := prepareDir(dir, log); err != nil {
		return nil, err
	}
	lock, err := lockDir(dir, openTimeout(opts))
	if err != nil {
		return nil, err
	}
	s := &Store{dir: dir, opts: opts, log: log, lock: lock}
	if err := s.openDB(); err != nil {
		lock.release()
		return nil, err
	}
	return s, nil
}

func openTimeout(opts Options) time.Duration {
	if opts.Timeout <= 0 {
		return DefaultOpenTimeout
	}
	return opts.Timeout
}

// prepareDir creates dir 0700, or tightens an existing one that others may
// read or write: they could copy, or remove and replace, the store file.
func prepareDir(dir string, log *slog.Logger) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("create data directory: %w", err)
	}
	info, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("data directory: %w", err)
	}
	// Windows does not keep Unix permission bits; its ACLs are inherited.
	if perm := info.Mode().Perm(); perm&0o077 != 0 && runtime.GOOS != "windows" {
		if err := os.Chmod(dir, 0o700); err != nil {
			log.Warn("the data directory is open to other users and could not be restricted", "dir", dir,
				"mode", fmt.Sprintf("%04o", perm), "err", err)
			return nil
		}
		log.Warn("the data directory was open to other users: restricted it to its owner", "dir", dir,
			"was", fmt.Sprintf("%04o", perm), "now", "0700")
	}
	return nil
}

// openDB opens the bbolt file in s.dir, checks it, creates the top-level
// buckets and marks interrupted runs.
func (s *Store) openDB() error {
	path := s.Path()
	if reason, ok := readMarker(s.dir); ok {
		return &DamagedError{Path: path, Reason: reason}
	}
	if err := checkHeader(path); err != nil {
		return err
	}
	var db *bolt.DB
	err := guarded(path, func() error {
		var err error
		db, err = bolt.Open(path, 0o600, &bolt.Options{Timeout: openTimeout(s.opts), NoSync: s.opts.NoSync})
		return err
	})
	switch {
	case errors.Is(err, berrors.ErrTimeout):
		return &AlreadyRunningError{Dir: s.dir}
	case errors.Is(err, ErrDamaged):
		return err // its sentence names the file
	case err != nil:
		return fmt.Errorf("open %s: %w", path, err)
	}
	if err := s.initDB(db); err != nil {
		db.Close()
		return err
	}
	s.db = db
	return nil
}

// initDB tightens, identifies and checks the open file, then creates the
// buckets and marks runs a killed process left running.
func (s *Store) initDB(db *bolt.DB) error {
	path := s.Path()
	// A file created by an older build or copied in may be wider than 0600;
	// it holds org data, so tighten it.
	if err := os.Chmod(path, 0o600); err != nil {
		return fmt.Errorf("restrict %s: %w", path, err)
	}
	info, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	limit := s.opts.CheckLimit
	if limit == 0 {
		limit = DefaultCheckLimit
	}
	if limit > 0 && info.Size() <= limit {
		if err := verify(db); err != nil {
			return err
		}
	}
	s.file = info
	err = guarded(path, func() error {
		return db.Update(func(tx *bolt.Tx) error {
			for _, name := range topBuckets {
				if _, err := tx.CreateBucketIfNotExists(name); err != nil {
					return fmt.Errorf("bucket %s: %w", name, err)
				}
			}
			return markInterrupted(tx)
		})
	})
	if err != nil && !errors.Is(err, ErrDamaged) {
		err = fmt.Errorf("init %s: %w", path, err)
	}
	return err
}

// Dir is the data directory the store lives in.
func (s *Store) Dir() string { return s.dir }

// Path is the database file.
func (s *Store) Path() string { return filepath.Join(s.dir, FileName) }

// Close releases the file and the directory's lock.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	defer s.lock.release() // also after a failed DeleteSourceData left no db
	if s.db == nil {
		return nil
	}
	err := guarded(s.Path(), s.db.Close)
	s.db = nil
	return err
}

// ErrClosed is returned by methods called after Close (or after a failed
// DeleteSourceData).
var ErrClosed = errors.New("store is closed")

func (s *Store) view(fn func(tx *bolt.Tx) error) error { return s.do(false, nil, fn) }

func (s *Store) update(fn func(tx *bolt.Tx) error) error { return s.do(true, nil, fn) }

// do runs fn in a read or write transaction at the store's edge: a bbolt
// panic or memory fault becomes a *DamagedError (see catchDamage), and a
// write first checks that the path still names the open file.
func (s *Store) do(write bool, inCaller *bool, fn func(tx *bolt.Tx) error) (err error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.db == nil {
		return ErrClosed
	}
	if err := s.fault.get(); err != nil {
		return err
	}
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer s.catchDamage(&err, inCaller)
	if !write {
		return s.asDamage(s.db.View(fn))
	}
	if err := s.stillOurs(); err != nil {
		return err
	}
	return s.asDamage(s.db.Update(fn))
}

// ErrReplaced matches (errors.Is) the error a write returns once the store
// file's path no longer names the file this Store has open.
var ErrReplaced = errors.New("the store file was removed or replaced")

// ReplacedError is the typed form of ErrReplaced.
type ReplacedError struct{ Path string }

func (e *ReplacedError) Error() string {
	return fmt.Sprintf("the store file %s was removed or replaced while sfsync was running, so sfsync stopped "+
		"writing to it (what it wrote would be lost): quit sfsync and start it again to use the file now at that "+
		"path, or a new store to connect and sync again if there is none", e.Path)
}

// Is makes errors.Is(err, ErrReplaced) true.
func (e *ReplacedError) Is(target error) bool { return target == ErrReplaced }

// stillOurs checks that the store path still names the open file (deleting
// or replacing sfsync.db while sfsync runs leaves it writing into an
// unlinked file); the result is sticky.
func (s *Store) stillOurs() error {
	info, err := os.Stat(s.Path())
	if err == nil && os.SameFile(info, s.file) {
		return nil
	}
	s.fault.set(&ReplacedError{Path: s.Path()})
	s.log.Error("the store file was removed or replaced", "path", s.Path())
	return s.fault.get()
}

// DeleteSourceData removes everything synced from or about the source: the
// settings, describe cache, records, bookmarks, checkpoints and run history
// ("Disconnect and delete data"). bbolt keeps freed pages, with their old
// bytes, inside the file, so the file itself is removed and created anew
// rather than its buckets emptied. It works on a damaged store too.
func (s *Store) DeleteSourceData() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.db == nil {
		return ErrClosed
	}
	if err := guarded(s.Path(), s.db.Close); err != nil && !errors.Is(err, ErrDamaged) {
		s.db = nil
		return fmt.Errorf("delete source data: close: %w", err)
	}
	s.db = nil
	if err := os.Remove(s.Path()); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("delete source data: %w", err)
	}
	if err := os.Remove(filepath.Join(s.dir, DamageMarkerName)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("delete source data: %w", err)
	}
	s.fault.clear()
	if err := s.openDB(); err != nil {
		return fmt.Errorf("delete source data: %w", err)
	}
	return nil
}
