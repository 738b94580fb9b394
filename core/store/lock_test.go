package store

import (
	"bytes"
	"errors"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// childDirEnv makes this test binary a second sfsync process that opens the
// data directory it names (TestOpenInChildProcess).
const childDirEnv = "SFSYNC_STORE_TEST_CHILD_DIR"

// TestOpenInChildProcess is the child's side: it opens the directory and
// prints the outcome. Without the variable it does nothing.
func TestOpenInChildProcess(t *testing.T) {
	dir := os.Getenv(childDirEnv)
	if dir == "" {
		return
	}
	s, err := Open(dir, Options{Timeout: 200 * time.Millisecond, Logger: discardLog()})
	if err != nil {
		os.Stdout.WriteString("CHILD-OPEN-ERROR: " + err.Error() + "\n")
		return
	}
	s.Close()
	os.Stdout.WriteString("CHILD-OPENED\n")
}

// openInChild opens dir in a second process and returns what it printed.
func openInChild(t *testing.T, dir string) string {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestOpenInChildProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), childDirEnv+"="+dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	return string(out)
}

// TestSecondInstanceRefusedAfterFileDeleted: the lock is on the data
// directory, so deleting sfsync.db does not let a second sfsync in (it
// would create a new store beside the first one's unlinked file).
func TestSecondInstanceRefusedAfterFileDeleted(t *testing.T) {
	dir := t.TempDir()
	first, err := Open(dir, Options{Logger: discardLog()})
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	if err := os.Remove(filepath.Join(dir, FileName)); err != nil {
		t.Fatal(err)
	}
	if out := openInChild(t, dir); !strings.Contains(out, "CHILD-OPEN-ERROR: sfsync is already running") {
		t.Fatalf("a second process opened the directory after the file was deleted:\n%s", out)
	}
	if _, err := Open(dir, Options{Timeout: 100 * time.Millisecond, Logger: discardLog()}); !errors.Is(err, ErrAlreadyRunning) {
		t.Fatalf("second open in this process: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, FileName)); err == nil {
		t.Error("the refused instance created a new store file")
	}
	// Once the first is closed, the next one opens (and makes a new file).
	first.Close()
	if out := openInChild(t, dir); !strings.Contains(out, "CHILD-OPENED") {
		t.Fatalf("open after the first closed:\n%s", out)
	}
}

// TestWriteAfterFileRemovedOrReplaced: a run or commit into a file its path
// no longer names fails with one sentence, and keeps failing.
func TestWriteAfterFileRemovedOrReplaced(t *testing.T) {
	for _, how := range []string{"removed", "replaced"} {
		t.Run(how, func(t *testing.T) {
			dir := t.TempDir()
			var logBuf bytes.Buffer
			s, err := Open(dir, Options{Logger: slog.New(slog.NewTextHandler(&logBuf, nil))})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if err := s.SaveRun(&Run{Start: time.Now(), Result: "ok"}); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, FileName)
			switch how {
			case "removed":
				err = os.Remove(path)
			case "replaced": // e.g. a backup copied over it
				var b []byte
				if b, err = os.ReadFile(path); err == nil {
					err = os.WriteFile(path+".tmp", b, 0o600)
				}
				if err == nil {
					err = os.Rename(path+".tmp", path)
				}
			}
			if err != nil {
				t.Fatal(err)
			}
			err = s.SaveRun(&Run{Start: time.Now(), Result: RunRunning})
			var re *ReplacedError
			if !errors.Is(err, ErrReplaced) || !errors.As(err, &re) || re.Path != path {
				t.Fatalf("write after the file was %s: %v", how, err)
			}
			for _, want := range []string{"removed or replaced", "start it again"} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("message lacks %q: %v", want, err)
				}
			}
			_, err = s.ApplyPage(Page{Object: "Account", Columns: benchColumns(), Rows: newBenchRows(0, 5)})
			if !errors.Is(err, ErrReplaced) {
				t.Errorf("a page commit after the file was %s: %v", how, err)
			}
			if err := s.SetProgress("Account", Progress{ClearCheckpoint: true}); !errors.Is(err, ErrReplaced) {
				t.Errorf("a progress commit: %v", err)
			}
			if !strings.Contains(logBuf.String(), "removed or replaced") {
				t.Errorf("not logged: %s", logBuf.String())
			}
		})
	}
}
