package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDataDirThatIsAFileIsSaidWithWhatToDo: a --data-dir that is a file (or
// lies under one) is one sentence naming the directory, the file in the way
// and how to choose another, in text and in --json, exit 1, for a command
// that reads the store and one that opens the keyring. It was Go's
// "create data directory: mkdir …: not a directory." with nothing to do.
func TestDataDirThatIsAFileIsSaidWithWhatToDo(t *testing.T) {
	file := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(file, []byte("mine"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{file, filepath.Join(file, "sfsync")} {
		for _, args := range [][]string{{"status"}, {"runs", "--json"}, {"connect", "--demo"}} {
			var out, errb strings.Builder
			code := Main(append([]string{"--data-dir", dir}, args...), IO{In: strings.NewReader(""), Out: &out, Err: &errb},
				func(Desktop) int { t.Fatal("desktop"); return 1 })
			said := out.String() + errb.String()
			if code != ExitFailed || !strings.Contains(said, dir) || !strings.Contains(said, "is a file") ||
				!strings.Contains(said, "--data-dir") || strings.Contains(said, "mkdir") {
				t.Errorf("sfsync --data-dir %s %s: exit %d (want 1), said:\n%s", dir, strings.Join(args, " "), code, said)
			}
		}
	}
	if b, err := os.ReadFile(file); err != nil || string(b) != "mine" {
		t.Errorf("the file in the way changed: %q, %v", b, err)
	}
}
