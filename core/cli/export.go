package cli

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sfsync/sfsync/core/export"
	"github.com/sfsync/sfsync/core/fields"
	"github.com/sfsync/sfsync/core/wording"
)

type exportFlags struct {
	object, out, header string
	bom, raw            bool
}

func newExport(g *global) *cobra.Command {
	var f exportFlags
	c := &cobra.Command{
		Use:   "export --object OBJECT --out FILE|-",
		Short: "Write one object's synced records as CSV",
		Long: `Write one object's synced records as CSV (RFC 4180: CRLF line ends, quoted
where needed). Columns: Id, then the object's selected fields. User lookups are
written as the user's name (OwnerId becomes Owner.Name, CSM__c becomes
CSM__r.Name). The header uses API names unless --header labels. A file is
written atomically (temporary file, then rename) with mode 0600. It reads only
the local store.

` + wording.ExportNeutralised + ` --raw writes every value as stored, for
programs that read the file.`,
		Example: `  sfsync export --object Account --out accounts.csv
  sfsync export --object Contact --out - --header labels --bom > contacts.csv
  sfsync export --object Lead --out leads.csv --json`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			ctx, stop := interruptible(c.Context())
			defer stop()
			return g.export(ctx, f)
		},
	}
	fl := c.Flags()
	fl.StringVar(&f.object, "object", "", "object to export: "+strings.Join(fields.Objects, ", "))
	fl.StringVar(&f.out, "out", "", "CSV file to write, or - for stdout")
	fl.StringVar(&f.header, "header", "api", "header row: api (API names) or labels")
	fl.BoolVar(&f.bom, "bom", false, "start with a UTF-8 byte order mark (for Excel)")
	fl.BoolVar(&f.raw, "raw", false, "write values as stored: no apostrophe before = + - @ (for programs, not spreadsheets)")
	return c
}

// exportOptions checks the flags and turns them into export options.
func (g *global) exportOptions(f exportFlags) (export.Options, error) {
	opts := export.Options{Object: f.object, BOM: f.bom, Raw: f.raw}
	switch {
	case f.object == "":
		return opts, usage("export needs --object (one of %s)", strings.Join(fields.Objects, ", "))
	case fields.CheckObject(f.object) != nil:
		return opts, usage("%v", fields.CheckObject(f.object))
	case f.out == "":
		return opts, usage("export needs --out FILE (or --out - for stdout)")
	case f.out == "-" && g.json:
		return opts, usage("--json cannot go with --out -: stdout carries the CSV")
	}
	switch f.header {
	case "api":
	case "labels":
		opts.Header = export.HeaderLabels
	default:
		return opts, usage("unknown --header %q: choose api or labels", f.header)
	}
	return opts, nil
}

func (g *global) export(ctx context.Context, f exportFlags) error {
	opts, err := g.exportOptions(f)
	if err != nil {
		return err
	}
	a, err := g.open(appOptions{})
	if err != nil {
		return err
	}
	defer a.Close()
	report := g.say()
	if f.out == "-" {
		report = g.io.Err // stdout carries the CSV
	}
	if isTerminal(g.io.Err) && !g.json {
		opts.Progress = func(done, total int64) {
			fmt.Fprintf(g.io.Err, "\r\033[KExporting %s: %s", f.object, ofTotal(done, total))
		}
	}
	var res export.Result
	if f.out == "-" {
		res, err = export.Write(ctx, a.Store, g.io.Out, opts)
	} else {
		res, err = export.WriteFile(ctx, a.Store, f.out, opts)
	}
	if opts.Progress != nil {
		fmt.Fprintln(g.io.Err)
	}
	if err != nil && f.out != "-" && ctx.Err() == nil {
		return failed("%s", wording.ExportFailed(f.out, err, wording.CLI))
	}
	if err != nil {
		return failed("%v", err)
	}
	out := ExportResult{Object: f.object, Rows: res.Rows, Out: f.out}
	for _, col := range res.Columns {
		out.Columns = append(out.Columns, col.Name)
	}
	noneYet := res.Rows == 0 && !a.Engine.State().FirstSyncDone
	g.out(out, func(io.Writer) {
		dest := f.out
		if dest == "-" {
			dest = "stdout"
		}
		fmt.Fprintf(report, "Exported %s to %s (%s).\n", wording.Count(res.Rows, f.object+" record", f.object+" records"), dest,
			wording.Count(int64(len(res.Columns)), "column", "columns"))
		if noneYet {
			fmt.Fprintln(report, "No records are synced yet: run `sfsync sync --once` first.")
		}
	})
	return nil
}
