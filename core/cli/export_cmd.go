package cli

import (
	"fmt"
	"slices"
	"strings"

	"github.com/sfsync/sfsync/core/engine"
	"github.com/sfsync/sfsync/core/export"
	"github.com/sfsync/sfsync/core/format"
)

const exportAbout = `Write one object's synced records as CSV (RFC 4180: CRLF line ends, quoted where needed).
Columns: Id, then the object's selected fields. User lookups are written as the user's name
(OwnerId becomes Owner.Name, CSM__c becomes CSM__r.Name). The header uses API names unless
--header labels. A file is written atomically (temporary file, then rename) with mode 0600.`

func runExport(c *cmdContext, args []string) int {
	fs := c.newFlags("export", "--object OBJECT --out FILE|-", exportAbout)
	object := fs.String("object", "", "object to export: "+strings.Join(engine.Objects, ", "))
	out := fs.String("out", "", "CSV file to write, or - for stdout")
	header := fs.String("header", "api", "header row: api (API names) or labels")
	bom := fs.Bool("bom", false, "start with a UTF-8 byte order mark (for Excel)")
	if code, ok := c.parseNoArgs(fs, args); !ok {
		return code
	}
	opts := export.Options{Object: *object, BOM: *bom}
	switch {
	case *object == "":
		return c.fail(ExitUsage, "export needs --object (one of %s).", strings.Join(engine.Objects, ", "))
	case !slices.Contains(engine.Objects, *object):
		return c.fail(ExitUsage, "unknown object %q: choose one of %s.", *object, strings.Join(engine.Objects, ", "))
	case *out == "":
		return c.fail(ExitUsage, "export needs --out FILE (or --out - for stdout).")
	}
	switch *header {
	case "api":
	case "labels":
		opts.Header = export.HeaderLabels
	default:
		return c.fail(ExitUsage, "unknown --header %q: choose api or labels.", *header)
	}
	ctx, stop := interruptible()
	defer stop()
	env, code := c.openEnv(envOptions{})
	if env == nil {
		return code
	}
	defer env.Close()

	report := c.stdout
	if *out == "-" {
		report = c.stderr // stdout carries the CSV
	}
	if isTerminal(c.stderr) {
		opts.Progress = func(done, total int64) {
			fmt.Fprintf(c.stderr, "\r\033[KExporting %s: %s", *object, ofTotal(done, total))
		}
	}
	var res export.Result
	var err error
	if *out == "-" {
		res, err = export.Write(ctx, env.Store, c.stdout, opts)
	} else {
		res, err = export.WriteFile(ctx, env.Store, *out, opts)
	}
	if opts.Progress != nil {
		fmt.Fprintln(c.stderr)
	}
	if err != nil {
		return c.fail(ExitFailed, "%v.", err)
	}
	dest := *out
	if dest == "-" {
		dest = "stdout"
	}
	fmt.Fprintf(report, "Exported %s %s records (%d columns) to %s.\n", format.Thousands(res.Rows), *object, len(res.Columns), dest)
	if res.Rows == 0 && !env.Engine.State().FirstSyncDone {
		fmt.Fprintln(report, "No records are synced yet: run `sfsync sync --once` first.")
	}
	return ExitOK
}
