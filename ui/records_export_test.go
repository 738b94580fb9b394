package ui

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
)

// TestExportWithNothingShownExportsAll: a search that matches no record
// leaves nothing to export "as shown", so the export dialog offers all the
// object's records, and says why, instead of a preselected "The 0 records
// shown" (seen under Xvfb: the default wrote a file with only headers).
func TestExportWithNothingShownExportsAll(t *testing.T) {
	env, m, v := openRecords(t)
	tb := v.Model()
	test.Type(v.Search, "zzzz-no-such")
	env.app.waitFor(t, "the search", func() bool { return tb.Query() == "zzzz-no-such" })
	if tb.Len() != 0 || tb.Total() == 0 {
		t.Fatalf("the search shows %d of %d", tb.Len(), tb.Total())
	}
	d := v.ShowExport()
	if d.Scope != nil || !d.All() {
		t.Fatalf("scope choice %v, all %v: want all records, no choice", d.Scope.Options, d.All())
	}
	if !dialogSays(m.Window, "matches no "+tb.Object) || dialogSays(m.Window, "The 0 ") {
		t.Error("the dialog does not say that the search matches nothing and that all records are exported")
	}
	if !strings.HasPrefix(d.Choose.Text, "Choose file") || d.Choose.Disabled() {
		t.Errorf("Choose file button %q, disabled %v", d.Choose.Text, d.Choose.Disabled())
	}
	d.Hide()
}

// failingWriter is a file an export cannot finish (the disk filled up).
type failingWriter struct{ uri fyne.URI }

func (w failingWriter) Write([]byte) (int, error) { return 0, syscall.ENOSPC }
func (w failingWriter) Close() error              { return nil }
func (w failingWriter) URI() fyne.URI             { return w.uri }

// TestWindowExportFailureIsTheCLIsSentence: a failed export in the window
// says the sentence `sfsync export` says (wording.ExportFailed): the path,
// the cause, what to do. It said "Export failed: " and Go's error chain.
func TestWindowExportFailureIsTheCLIsSentence(t *testing.T) {
	env, _, v := openRecords(t)
	d := v.ShowExport()
	path := filepath.Join(t.TempDir(), "Account.csv")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	d.WriteTo(failingWriter{storage.NewFileURI(path)})
	env.app.waitFor(t, "the export's end", func() bool { return d.Result.Text != "Exporting…" })
	got := d.Result.Text
	for _, want := range []string{"The export to " + path + " failed", "no space left on device", "choose another file"} {
		if !strings.Contains(got, want) {
			t.Errorf("the window says %q, want it to contain %q", got, want)
		}
	}
	if strings.HasPrefix(got, "Export failed:") || strings.Contains(got, "--out") {
		t.Errorf("the window says %q: want the CLI's sentence in the window's words", got)
	}
	d.Hide()
}
