package wording

// ExportNeutralised says what the CSV export does to cells a spreadsheet
// would run as formulas (export.Neutralize), for the export dialog and
// `sfsync export --help`.
const ExportNeutralised = "Formulas are neutralised: cells that start with = + - @ get a leading apostrophe, " +
	"so a spreadsheet shows them as text. Numbers are unchanged."

// ExportRaw names the choice that turns neutralising off.
const ExportRaw = "Export raw values (for programs that read the file, not for spreadsheets)"
