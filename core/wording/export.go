package wording

import (
	"errors"
	"io/fs"
	"path/filepath"
	"syscall"
)

// ExportNeutralised says what the CSV export does to cells a spreadsheet
// would run as formulas (export.Neutralize), for the export dialog and
// `sfsync export --help`.
const ExportNeutralised = "Formulas are neutralized: cells that start with = + - @, a tab or a line break get a leading apostrophe, " +
	"so a spreadsheet shows them as text. Numbers are unchanged."

// ExportRaw names the choice that turns neutralising off.
const ExportRaw = "Export raw values (for programs that read the file, not for spreadsheets)"

// ExportFailed says why the export to path failed and what to do, in one
// sentence naming path (not the temporary file the export writes first):
// a folder that does not exist, a folder where the file should be, no
// permission, a read-only disk; otherwise the cause.
func ExportFailed(path string, err error, face Face) string {
	other := face.say("Choose another file.", "Choose another file with --out.")
	switch {
	case errors.Is(err, syscall.EISDIR):
		return "sfsync cannot write the export to " + path + ": it is a folder. " + other
	case errors.Is(err, fs.ErrNotExist):
		return "sfsync cannot write the export to " + path + ": the folder " + filepath.Dir(path) + " does not exist. Create it, or " + lower(other)
	case errors.Is(err, fs.ErrPermission):
		return "sfsync has no permission to write " + path + ". " + other
	case errors.Is(err, syscall.EROFS):
		return "sfsync cannot write the export to " + path + ": the disk is read-only. " + other
	}
	return "The export to " + path + " failed: " + clause(err) + ". Fix the cause and export again, or " + lower(other)
}
