package ui

import (
	"fmt"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/sfsync/sfsync/core/export"
	"github.com/sfsync/sfsync/core/format"
	"github.com/sfsync/sfsync/core/wording"
)

// The export dialog's choices of rows.
const (
	ExportShown = "shown"
	ExportAll   = "all"
)

// ExportDialog asks what to export: the rows shown or all of them (asked
// only while a search hides some), says that formulas are neutralised with
// a way to export raw values, then, once written, where the file went with
// a button that opens its folder.
type ExportDialog struct {
	Scope  *widget.RadioGroup // nil when all rows are shown
	Raw    *widget.Check
	Choose *widget.Button
	Result *widget.Label // where the file went, or why it failed
	Open   *widget.Button

	v       *RecordsView
	t       *RecordTable
	layout  ColumnLayout
	choices map[string]string // radio label → ExportShown/ExportAll
	path    string
	dialog  *dialog.CustomDialog
}

// exportCSV opens the export dialog (the Export button).
func (v *RecordsView) exportCSV() { v.ShowExport() }

// ShowExport opens the export dialog for the table shown (nil before one
// is loaded).
func (v *RecordsView) ShowExport() *ExportDialog {
	if v.model == nil {
		return nil
	}
	d := v.newExportDialog()
	d.dialog.Show()
	if v.act.OnDialog != nil {
		v.act.OnDialog(d.Hide)
	}
	return d
}

func (v *RecordsView) newExportDialog() *ExportDialog {
	d := &ExportDialog{v: v, t: v.model, layout: v.layout, choices: map[string]string{},
		Result: widget.NewLabel(""), Raw: widget.NewCheck(wording.ExportRaw, nil)}
	d.Result.Wrapping = fyne.TextWrapWord
	obj, sorted := d.t.Object, d.sortedBy()
	body := container.NewVBox()
	all := fmt.Sprintf("%s %s%s", format.Thousands(int64(d.t.Total())), plural(obj, d.t.Total()), sorted)
	switch {
	case d.t.Len() == 0 && d.t.Total() > 0:
		// Nothing shown is nothing to export: offer all, and say why.
		none := widget.NewLabel(fmt.Sprintf("The search “%s” matches no %s: the export has all %s, with the columns shown.",
			d.t.Query(), obj, all))
		none.Wrapping = fyne.TextWrapWord
		body.Add(none)
	case d.t.Len() < d.t.Total():
		shown := fmt.Sprintf("The %s shown (search “%s”)%s", wording.Records(int64(d.t.Len())), d.t.Query(), sorted)
		d.choices[shown], d.choices["All "+all] = ExportShown, ExportAll
		d.Scope = widget.NewRadioGroup([]string{shown, "All " + all}, nil)
		d.Scope.Required = true
		d.Scope.SetSelected(shown)
		body.Add(d.Scope)
	default:
		body.Add(widget.NewLabel(all + ", with the columns shown."))
	}
	note := widget.NewLabel(wording.ExportNeutralised)
	note.Wrapping = fyne.TextWrapWord
	body.Add(note)
	body.Add(d.Raw)
	d.Choose = widget.NewButton("Choose file…", d.chooseFile)
	d.Choose.Importance = widget.HighImportance
	d.Open = widget.NewButton("Open folder", d.openFolder)
	d.Open.Hide()
	body.Add(d.Result)
	d.dialog = dialog.NewCustomWithoutButtons("Export "+plural(obj, 2)+" to CSV", body, v.win)
	d.dialog.SetButtons([]fyne.CanvasObject{widget.NewButton("Close", d.dialog.Hide), d.Open, d.Choose})
	d.dialog.Resize(fyne.NewSize(560, 0))
	return d
}

// sortedBy is ", sorted by Label" when the table is sorted.
func (d *ExportDialog) sortedBy() string {
	col, asc := d.t.Sorted()
	for c, m := range d.layout.Model {
		if m == col {
			return ", sorted by " + d.layout.Labels[c] + map[bool]string{true: "", false: " (descending)"}[asc]
		}
	}
	return ""
}

// All reports whether every row is exported.
func (d *ExportDialog) All() bool { return d.Scope == nil || d.choices[d.Scope.Selected] == ExportAll }

// chooseFile asks where to save, then writes there.
func (d *ExportDialog) chooseFile() {
	fd := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			d.Result.SetText("Export failed: " + err.Error())
			return
		}
		if w != nil {
			d.WriteTo(w)
		}
	}, d.v.win)
	fd.SetFileName(d.t.Object + ".csv")
	// Fyne's own size (about 500×370) leaves the folder list a strip.
	fd.Resize(dialogSize(d.v.win, fileDialogSize))
	fd.Show()
}

// WriteTo writes the chosen rows, in the order and with the columns shown
// (labels as headers, a BOM for Excel), off the UI goroutine, and says
// where the file went.
func (d *ExportDialog) WriteTo(w fyne.URIWriteCloser) {
	rows := d.t.Rows(d.All(), d.layout.Model)
	opts := export.Options{Object: d.t.Object, BOM: true, Raw: d.Raw.Checked}
	d.Choose.Disable()
	d.Result.SetText("Exporting…")
	d.path = w.URI().Path()
	go func() {
		var n int64
		err := private(w.URI())
		if err == nil {
			n, err = export.WriteTable(w, d.layout.Labels, rows, opts)
		}
		if cerr := w.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("export %s: close: %w", opts.Object, cerr)
		}
		fyne.Do(func() {
			d.Choose.Enable()
			if err != nil {
				d.Result.SetText(wording.ExportFailed(d.path, err, wording.Window))
				return
			}
			d.Result.SetText(fmt.Sprintf("Exported %s to %s.", wording.Count(n, d.t.Object+" record", d.t.Object+" records"), d.path))
			d.Open.Show()
			if d.v.OnExported != nil {
				d.v.OnExported(d)
			}
		})
	}()
}

// private makes the file an export writes readable by its owner only
// (0600), as `sfsync export` writes it: Fyne's file dialog creates it
// with the umask's mode, and it holds the org's records.
func private(u fyne.URI) error {
	if u.Scheme() != "file" {
		return nil
	}
	if err := os.Chmod(u.Path(), 0o600); err != nil {
		return fmt.Errorf("export: make %s private: %w", u.Path(), err)
	}
	return nil
}

// Path is the file last written ("" before).
func (d *ExportDialog) Path() string { return d.path }

// openFolder opens the folder the file went to in the file manager.
func (d *ExportDialog) openFolder() {
	u := storage.NewFileURI(filepath.Dir(d.path)).String()
	if err := d.v.openURL(u); err != nil {
		d.Result.SetText(d.Result.Text + " The folder could not be opened: " + err.Error())
	}
}

// Hide closes the dialog.
func (d *ExportDialog) Hide() { d.dialog.Hide() }
