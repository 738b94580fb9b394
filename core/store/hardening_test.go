package store

import (
	"bytes"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestRunLeftRunningIsInterrupted: a run saved as running by a process that
// was then killed is marked interrupted when the store next opens; runs
// that finished are left as they were.
func TestRunLeftRunningIsInterrupted(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, Options{Logger: discardLog()})
	if err != nil {
		t.Fatal(err)
	}
	done := Run{Start: time.Now().Add(-time.Hour), End: time.Now().Add(-time.Hour), Result: "ok"}
	killed := Run{Start: time.Now(), Result: RunRunning, Objects: map[string]Counts{"Account": {Added: 7}}}
	for _, r := range []*Run{&done, &killed} {
		if err := s.SaveRun(r); err != nil {
			t.Fatal(err)
		}
	}
	s.Close() // the process died here, as after SIGKILL: nothing more was written

	s, err = Open(dir, Options{Logger: discardLog()})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	runs, err := s.Runs(0)
	if err != nil || len(runs) != 2 {
		t.Fatalf("runs %+v, %v", runs, err)
	}
	got := runs[0]
	if got.Seq != killed.Seq || got.Result != RunInterrupted || !strings.Contains(got.Error, "killed") ||
		got.Objects["Account"].Added != 7 {
		t.Errorf("killed run after reopen: %+v", got)
	}
	if runs[1].Result != "ok" || runs[1].Error != "" {
		t.Errorf("finished run changed: %+v", runs[1])
	}
	// A run this process is running is not touched until the next Open.
	mine := Run{Start: time.Now(), Result: RunRunning}
	if err := s.SaveRun(&mine); err != nil {
		t.Fatal(err)
	}
	if runs, _ := s.Runs(1); runs[0].Result != RunRunning {
		t.Errorf("this process's running run became %q", runs[0].Result)
	}
}

// TestOpenTightensDataDirectory: a data directory other users can open is
// restricted to its owner, and the log says so.
func TestOpenTightensDataDirectory(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o777); err != nil { // past the umask
		t.Fatal(err)
	}
	var logBuf bytes.Buffer
	s, err := Open(dir, Options{Logger: slog.New(slog.NewTextHandler(&logBuf, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for path, want := range map[string]os.FileMode{dir: 0o700, s.Path(): 0o600, filepath.Join(dir, LockFileName): 0o600} {
		info, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := info.Mode().Perm(); got != want {
			t.Errorf("%s: mode %04o, want %04o", path, got, want)
		}
	}
	if log := logBuf.String(); !strings.Contains(log, "restricted it to its owner") || !strings.Contains(log, "was=0777") {
		t.Errorf("log does not say the directory was tightened: %s", log)
	}
}

// TestMalformedRowsAreQuarantined: rows whose Id cannot be a Salesforce
// record Id (none, 40,000 characters, not letters and digits) are skipped
// and counted; the rest of the page is committed with its progress, and the
// log quotes each bad Id bounded.
func TestMalformedRowsAreQuarantined(t *testing.T) {
	var logBuf bytes.Buffer
	s, err := Open(t.TempDir(), Options{Logger: slog.New(slog.NewTextHandler(&logBuf, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	huge := strings.Repeat("0", 40_000)
	rows := [][]string{
		{"001000000000001AAA", "first"},
		{"", "no Id"},
		{huge, "40,000-character Id"},
		{"001-00000000002AA", "not alphanumeric"},
		{"00100000000000", "14 characters"},
		{"001000000000003", "15 characters"},
	}
	bm := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	c, err := s.ApplyPage(Page{Object: "Account", Columns: []string{"Id", "Name"}, Rows: CSVRows(rows),
		Deletes: []string{huge}, Progress: Progress{Bookmark: &bm}})
	if err != nil {
		t.Fatalf("one malformed row failed the page: %v", err)
	}
	if want := (Counts{Added: 2, Quarantined: 5}); c != want {
		t.Errorf("counts %+v, want %+v", c, want)
	}
	if g := ids(t, s, "Account"); !slices.Equal(g, []string{"001000000000001AAA", "001000000000003"}) {
		t.Errorf("stored ids %v", g)
	}
	if got, ok, _ := s.Bookmark("Account"); !ok || !got.Equal(bm) {
		t.Errorf("bookmark %v %v: the page's progress was not committed", got, ok)
	}
	log := logBuf.String()
	if len(log) > 3000 || strings.Contains(log, huge[:200]) {
		t.Errorf("the log quotes the 40,000-character Id unbounded (%d bytes)", len(log))
	}
	if n := strings.Count(log, "quarantined a row"); n != maxQuarantineLogs {
		t.Errorf("%d quarantine log lines, want %d", n, maxQuarantineLogs)
	}
	var total Counts
	total.Add(c)
	total.Add(c)
	if total.Quarantined != 10 {
		t.Errorf("Counts.Add drops Quarantined: %+v", total)
	}
}

func TestValidID(t *testing.T) {
	for id, want := range map[string]bool{
		"001000000000001AAA": true, "001000000000001": true, "005Hs00000AbCdEfGh": true,
		"": false, "001": false, "001000000000001AA": false, "001000000000001AAAA": false,
		"001000000000001AA-": false, "001000000000001AÄ": false, "00100000000 001": false,
		strings.Repeat("a", 40_000): false,
	} {
		if got := ValidID(id); got != want {
			t.Errorf("ValidID(%s) = %v", fmt.Sprintf("%.30q", id), got)
		}
	}
}
