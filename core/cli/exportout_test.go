package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExportToAnUnwritablePlaceSaysWhatToDo: --out in a folder that does
// not exist, or naming a folder, is one sentence with the path given and
// what to do (exit 1); it was Go's "export Account: create file in …: open
// …/.x.csv.2969940945.tmp: no such file or directory", naming a temporary
// file the person never asked for. Nothing is left behind.
func TestExportToAnUnwritablePlaceSaysWhatToDo(t *testing.T) {
	c := newCLI(t)
	dir := t.TempDir()
	for _, out := range []string{filepath.Join(dir, "missing", "accounts.csv"), dir} {
		r := c.must(ExitFailed, "", "export", "--object", "Account", "--out", out)
		if !strings.Contains(r.stderr, out) || !strings.Contains(r.stderr, "--out") || strings.Contains(r.stderr, ".tmp") ||
			strings.Count(strings.TrimSpace(r.stderr), "\n") > 0 {
			t.Errorf("export --out %s said:\n%s", out, r.stderr)
		}
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("export left %v behind", left)
	}
}
