package wording

import (
	"errors"
	"io/fs"
	"strings"
	"syscall"
	"testing"
)

// TestDataDir: what stops sfsync using its data directory is one sentence
// with what to do, in each face; Go's chain of operations stays out.
func TestDataDir(t *testing.T) {
	for _, c := range []struct {
		err  error
		want []string
	}{
		{&fs.PathError{Op: "mkdir", Path: "/d", Err: syscall.ENOTDIR}, []string{"is a file", "Move that file"}},
		{&fs.PathError{Op: "open", Path: "/d/sfsync.lock", Err: syscall.EACCES}, []string{"permission", "read and write access"}},
		{&fs.PathError{Op: "open", Path: "/d/sfsync.db", Err: syscall.EROFS}, []string{"read-only"}},
		{errors.New("disk on fire"), []string{"disk on fire"}},
	} {
		for face, how := range map[Face]string{CLI: "--data-dir", Window: "$SFSYNC_DATA_DIR"} {
			got := DataDir("/d", c.err, face)
			for _, w := range append(c.want, "/d", how) {
				if !strings.Contains(got, w) {
					t.Errorf("DataDir(%v, %v) = %q: lacks %q", c.err, face, got, w)
				}
			}
			if strings.Contains(got, "mkdir") || strings.Contains(got, "open /") || !strings.HasSuffix(got, ".") {
				t.Errorf("DataDir(%v, %v) = %q: Go's operation, or no full stop", c.err, face, got)
			}
		}
	}
}
