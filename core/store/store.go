package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// FileName is the database file inside the data directory.
const FileName = "sfsync.db"

// DataDirEnv overrides the data directory when set.
const DataDirEnv = "SFSYNC_DATA_DIR"

// DefaultOpenTimeout is how long Open waits for another process's file lock.
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
	// Timeout is how long to wait for the file lock; 0 means DefaultOpenTimeout.
	Timeout time.Duration
	// NoSync skips fsync on commit. Only for benchmarks and throwaway stores:
	// a crash can lose committed pages.
	NoSync bool
}

// Store is an open sfsync database. Its methods are safe for concurrent use:
// bbolt serialises writers and lets readers run alongside.
type Store struct {
	mu   sync.RWMutex // guards db, which DeleteSourceData replaces
	db   *bolt.DB
	dir  string
	opts Options
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
// dir is "". A new directory is created 0700 and the file is kept 0600. If
// another process holds the file, Open gives up after the timeout with an
// *AlreadyRunningError.
func Open(dir string, opts Options) (*Store, error) {
	if dir == "" {
		d, err := DefaultDir()
		if err != nil {
			return nil, err
		}
		dir = d
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create data directory: %w", err)
	}
	db, err := openFile(dir, opts)
	if err != nil {
		return nil, err
	}
	return &Store{db: db, dir: dir, opts: opts}, nil
}

// openFile opens the bbolt file in dir and creates the top-level buckets.
func openFile(dir string, opts Options) (*bolt.DB, error) {
	path := filepath.Join(dir, FileName)
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = DefaultOpenTimeout
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: timeout, NoSync: opts.NoSync})
	if errors.Is(err, berrors.ErrTimeout) {
		return nil, &AlreadyRunningError{Dir: dir}
	}
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	// A file created by an older build or copied in may be wider than 0600;
	// it holds org data, so tighten it.
	if err := os.Chmod(path, 0o600); err != nil {
		db.Close()
		return nil, fmt.Errorf("restrict %s: %w", path, err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, name := range topBuckets {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return fmt.Errorf("bucket %s: %w", name, err)
			}
		}
		return nil
	})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("init %s: %w", path, err)
	}
	return db, nil
}

// Dir is the data directory the store lives in.
func (s *Store) Dir() string { return s.dir }

// Path is the database file.
func (s *Store) Path() string { return filepath.Join(s.dir, FileName) }

// Close releases the file and its lock.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.db == nil {
		return nil
	}
	err := s.db.Close()
	s.db = nil
	return err
}

// ErrClosed is returned by methods called after Close (or after a failed
// DeleteSourceData).
var ErrClosed = errors.New("store is closed")

func (s *Store) view(fn func(tx *bolt.Tx) error) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.db == nil {
		return ErrClosed
	}
	return s.db.View(fn)
}

func (s *Store) update(fn func(tx *bolt.Tx) error) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.db == nil {
		return ErrClosed
	}
	return s.db.Update(fn)
}

// DeleteSourceData removes everything synced from or about the source: the
// settings, describe cache, records, bookmarks, checkpoints and run history
// ("Disconnect and delete data"). bbolt keeps freed pages, with their old
// bytes, inside the file, so the file itself is removed and created anew
// rather than its buckets emptied.
func (s *Store) DeleteSourceData() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.db == nil {
		return ErrClosed
	}
	if err := s.db.Close(); err != nil {
		s.db = nil
		return fmt.Errorf("delete source data: close: %w", err)
	}
	s.db = nil
	if err := os.Remove(filepath.Join(s.dir, FileName)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("delete source data: %w", err)
	}
	db, err := openFile(s.dir, s.opts)
	if err != nil {
		return fmt.Errorf("delete source data: %w", err)
	}
	s.db = db
	return nil
}
