package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// LockFileName is the single-instance lock inside the data directory. It is
// separate from bbolt's lock on sfsync.db, which goes with that file: if the
// file is deleted while sfsync runs, a second sfsync could create and lock a
// new one. The lock file is never removed, so the lock holds on the
// directory for the process's lifetime.
const LockFileName = "sfsync.lock"

// errLocked is what tryLock returns while another process holds the lock.
var errLocked = errors.New("locked by another process")

// dirLock is the held lock on a data directory.
type dirLock struct{ f *os.File }

// lockDir takes the data directory's lock, waiting up to timeout for
// another process to release it (*AlreadyRunningError after that).
func lockDir(dir string, timeout time.Duration) (*dirLock, error) {
	path := filepath.Join(dir, LockFileName)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open lock file %s: %w", path, err)
	}
	deadline := time.Now().Add(timeout)
	for {
		err := tryLock(f)
		if err == nil {
			_ = f.Chmod(0o600)
			return &dirLock{f: f}, nil
		}
		if !errors.Is(err, errLocked) {
			f.Close()
			return nil, fmt.Errorf("lock %s: %w", path, err)
		}
		if time.Now().After(deadline) {
			f.Close()
			return nil, &AlreadyRunningError{Dir: dir}
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// release lets another process take the directory.
func (l *dirLock) release() {
	if l == nil || l.f == nil {
		return
	}
	_ = unlock(l.f)
	_ = l.f.Close()
	l.f = nil
}
