package cli

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/sfsync/sfsync/core/fields"
)

func newFieldsList(g *global) *cobra.Command {
	var object string
	c := &cobra.Command{
		Use:   "list [--object OBJECT]",
		Short: "List every field: selected, label, API name, and why a field cannot be chosen",
		Long: `List the fields of every object (or of --object): a mark, the label, the API
name, and a note. Marks: [x] selected, [ ] not selected, [=] always synced,
[-] cannot be selected now (the note says why). Formula fields say so in
their note: they are re-read on the formula refresh schedule.`,
		Example: `  sfsync fields list --object Account
  sfsync fields list --json | jq '.result.objects[] | {object, selected}'`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			if err := checkObject(object, false, "list"); err != nil {
				return err
			}
			a, cat, err := g.catalog()
			if err != nil {
				return err
			}
			defer a.Close()
			objects := fields.Objects
			if object != "" {
				objects = []string{object}
			}
			res := listFields(cat, fields.Selection(a.Engine.Selection()).Normalized(), objects)
			g.out(res, func(w io.Writer) { printFields(w, res) })
			return nil
		},
	}
	c.Flags().StringVar(&object, "object", "", objectFlagHelp+" (default: all)")
	return c
}

// The states of a listed field, and their marks in the text table.
var fieldMarks = map[string]string{"selected": "[x]", "available": "[ ]", "always": "[=]", "unavailable": "[-]"}

// listFields is the fields of objects with their state in sel.
func listFields(cat *fields.Catalog, sel fields.Selection, objects []string) FieldsListResult {
	var res FieldsListResult
	for _, obj := range objects {
		o := cat.Object(obj)
		if o == nil {
			continue
		}
		of := ObjectFieldsResult{Object: obj, Label: o.Label}
		for _, f := range o.Fields {
			fr := FieldResult{Name: f.Name, Label: f.Label, State: "available"}
			switch ok, reason := cat.Selectable(sel, obj, f.Name); {
			case f.Forced:
				fr.State, fr.Note = "always", "always synced"
			case sel.Has(obj, f.Name):
				fr.State = "selected"
				of.Selected++
			case !ok:
				fr.State, fr.Note = "unavailable", reason
			}
			if f.Formula {
				fr.Formula, fr.Note = true, strings.TrimSpace(fr.Note+" "+fields.FormulaNote)
			}
			of.Fields = append(of.Fields, fr)
		}
		for _, u := range o.Unsupported {
			of.Fields = append(of.Fields, FieldResult{Name: u.Name, Label: u.Label, State: "unavailable", Note: u.Reason})
		}
		res.Objects = append(res.Objects, of)
	}
	return res
}

// printFields prints one table per object: mark, label, API name, note.
func printFields(w io.Writer, res FieldsListResult) {
	for i, o := range res.Objects {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "%s (%s): %d selected\n", o.Label, o.Object, o.Selected)
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		for _, f := range o.Fields {
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", fieldMarks[f.State], f.Label, f.Name, f.Note)
		}
		tw.Flush()
	}
}
