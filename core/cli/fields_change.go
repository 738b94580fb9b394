package cli

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sfsync/sfsync/core/app"
	"github.com/sfsync/sfsync/core/engine"
	"github.com/sfsync/sfsync/core/fields"
	"github.com/sfsync/sfsync/core/wording"
)

func newFieldsChange(g *global, verb string) *cobra.Command {
	var object string
	short, example := "Add fields to the selection", "  sfsync fields select --object Account Name Website\n"+
		"  sfsync fields select --object Account Owner.Name Owner.Phone Owner.Email CSM__c"
	if verb == "deselect" {
		short, example = "Remove fields from the selection", "  sfsync fields deselect --object Lead Title Fax"
	}
	c := &cobra.Command{
		Use:   verb + " --object OBJECT FIELD...",
		Short: short,
		Long: short + ` of --object, by API name (as ` + "`sfsync fields list`" + ` shows them).
Only the selection is saved: the next sync (or the app) applies it, syncing
objects that gained fields again in full.`,
		Example: example,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usage("fields %s needs field API names, e.g. `sfsync fields %s --object Account Name Website`", verb, verb)
			}
			return nil
		},
		RunE: func(_ *cobra.Command, names []string) error {
			if err := checkObject(object, true, verb); err != nil {
				return err
			}
			return g.changeFields(func(cat *fields.Catalog, sel fields.Selection) (fields.Selection, []string, error) {
				return applyNames(cat, sel, verb, object, names)
			})
		},
	}
	c.Flags().StringVar(&object, "object", "", objectFlagHelp)
	return c
}

func newFieldsPreset(g *global) *cobra.Command {
	return &cobra.Command{
		Use:     "preset NAME",
		Short:   "Replace the selection with a data preset",
		Long:    "Replace the selection with a data preset (see `sfsync fields presets`); fields the org does not have are skipped, and said.",
		Example: "  sfsync fields preset Recommended",
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usage("fields preset needs one preset name (see `sfsync fields presets`)")
			}
			return nil
		},
		RunE: func(_ *cobra.Command, args []string) error {
			presets, err := fields.ShippedPresets()
			if err != nil {
				return failed("%v", err)
			}
			p, ok := presets.Find(args[0])
			if !ok {
				var names []string
				for _, p := range presets.Presets {
					names = append(names, p.Name)
				}
				return usage("unknown preset %q: choose one of %s", args[0], strings.Join(names, ", "))
			}
			return g.changeFields(func(cat *fields.Catalog, _ fields.Selection) (fields.Selection, []string, error) {
				next, skipped := cat.ApplyPreset(cat.Defaults(), p)
				var notes []string
				for _, s := range skipped {
					notes = append(notes, "Skipped "+s.String()+".")
				}
				return next, notes, nil
			})
		},
	}
}

func newFieldsPresets(g *global) *cobra.Command {
	return &cobra.Command{
		Use:     "presets",
		Short:   "List the data presets",
		Example: "  sfsync fields presets",
		Args:    cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			presets, err := fields.ShippedPresets()
			if err != nil {
				return failed("%v", err)
			}
			var res PresetsResult
			for _, p := range presets.Presets {
				res.Presets = append(res.Presets, PresetResult{Name: p.Name, Description: p.Description})
			}
			g.out(res, func(w io.Writer) {
				for _, p := range res.Presets {
					fmt.Fprintf(w, "%s\n  %s\n", p.Name, p.Description)
				}
			})
			return nil
		},
	}
}

// changeFields opens the app, computes the next selection with change, saves
// it and says what changed.
func (g *global) changeFields(change func(*fields.Catalog, fields.Selection) (fields.Selection, []string, error)) error {
	a, cat, err := g.catalog()
	if err != nil {
		return err
	}
	defer a.Close()
	sel := fields.Selection(a.Engine.Selection()).Normalized()
	next, notes, err := change(cat, sel)
	if err != nil {
		return err
	}
	return g.saveFields(a, sel, next, notes)
}

func (g *global) saveFields(a *app.App, sel, next fields.Selection, notes []string) error {
	if err := a.Engine.SaveFields(next); err != nil {
		return failed("save the field selection: %v", err)
	}
	changes := fields.Diff(fields.WithoutForced(sel), fields.WithoutForced(next))
	res := FieldsChangeResult{Changes: []FieldChangeResult{}, Notes: notes}
	for _, ch := range changes {
		res.Changes = append(res.Changes, FieldChangeResult{Object: ch.Object, Added: ch.Added, Removed: ch.Removed, Resync: ch.NeedsResync()})
	}
	g.out(res, func(w io.Writer) {
		fmt.Fprintln(w, wording.FieldChanges(changes, nil, rereadCosts(a, changes)))
		for _, n := range notes {
			fmt.Fprintln(w, n)
		}
		if len(changes) > 0 {
			fmt.Fprintln(w, "Run `sfsync sync --once` to apply it now.")
		}
	})
	return nil
}

// applyNames selects or deselects names on object; unknown names and
// fields the user-lookup rule refuses are usage errors with the reason.
func applyNames(cat *fields.Catalog, sel fields.Selection, verb, object string, names []string) (fields.Selection, []string, error) {
	o := cat.Object(object)
	if o == nil {
		return nil, nil, failed("%s was not described when the org was connected: run `sfsync connect` again", object)
	}
	var notes []string
	for _, name := range names {
		if !knownField(o, name) {
			return nil, nil, usage("%s has no field %q in this org: see `sfsync fields list --object %s`", object, name, object)
		}
		var err error
		if verb == "select" {
			if sel, err = cat.Select(sel, object, name); err != nil {
				return nil, nil, usage("%s", notSelectable(err, object, name))
			}
			continue
		}
		var also []string
		if sel, also, err = cat.Deselect(sel, object, name); err != nil {
			return nil, nil, usage("%v", err)
		}
		if len(also) > 0 {
			notes = append(notes, fmt.Sprintf("Deselecting %s also deselected %s.", name, strings.Join(also, ", ")))
		}
	}
	return sel, notes, nil
}

func knownField(o *fields.Object, name string) bool {
	if _, ok := o.Field(name); ok {
		return true
	}
	return slices.ContainsFunc(o.Unsupported, func(u fields.Unsupported) bool { return u.Name == name })
}

// notSelectable turns a Select error into a sentence with the reason.
func notSelectable(err error, object, name string) string {
	if errors.Is(err, fields.ErrNotSelectable) {
		_, reason, _ := strings.Cut(err.Error(), fields.ErrNotSelectable.Error()+": ")
		return fmt.Sprintf("%s.%s cannot be selected: %s", object, name, reason)
	}
	return err.Error()
}

// rereadCosts is what each change costs at the next sync: the object's
// stored records read again and the API calls (engine.RereadCalls).
func rereadCosts(a *app.App, changes []fields.Change) map[string]wording.ChangeCost {
	costs := map[string]wording.ChangeCost{}
	for _, c := range changes {
		if n, err := a.Store.Count(c.Object); err == nil && n > 0 && c.NeedsResync() {
			costs[c.Object] = wording.ChangeCost{Records: int64(n), Calls: engine.RereadCalls(int64(n), 0)}
		}
	}
	return costs
}
