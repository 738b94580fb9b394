//go:build !(linux || darwin || freebsd || openbsd || netbsd || dragonfly || windows)

package store

import "os"

// tryLock: no advisory lock on this platform; bbolt's own lock on the file
// still refuses a second writer.
func tryLock(*os.File) error { return nil }

func unlock(*os.File) error { return nil }
