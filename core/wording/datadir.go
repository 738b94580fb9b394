package wording

import (
	"errors"
	"io/fs"
	"syscall"
)

// DataDir says why sfsync cannot use its data directory dir (create it,
// take its lock, open the store) and what to do, in one sentence plus the
// way to choose another directory for face. err is the failure as the
// store or the app met it; its chain of operations ("mkdir …: ") is left
// out for the kinds people meet: a file in the way, no permission, a
// read-only disk.
func DataDir(dir string, err error, face Face) string {
	other := face.say("or start sfsync with $SFSYNC_DATA_DIR set to another directory.",
		"or choose another with --data-dir (or $SFSYNC_DATA_DIR).")
	switch {
	case errors.Is(err, syscall.ENOTDIR):
		return "sfsync cannot keep its data in " + dir + ": it, or a folder above it, is a file. Move that file, " + other
	case errors.Is(err, syscall.EROFS):
		return "sfsync cannot keep its data in " + dir + ": the disk is read-only. Choose a writable disk, " + other
	case errors.Is(err, fs.ErrPermission):
		return "sfsync has no permission to use its data directory " + dir +
			": give your user read and write access to it and the files in it, " + other
	}
	return "sfsync cannot open its data directory " + dir + ": " + clause(err) + ". Fix the cause, " + other
}
