package cli

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/sfsync/sfsync/assets"
	"github.com/sfsync/sfsync/core/engine"
	"github.com/sfsync/sfsync/core/fields"
)

const fieldsAbout = `Show or change which fields are synced.

  sfsync fields list [--object OBJECT]            every field: selected, label, API name, and why a field cannot be chosen
  sfsync fields select --object OBJECT FIELD...   add fields (API names, e.g. Name Website Owner.Name CSM__c)
  sfsync fields deselect --object OBJECT FIELD... remove fields
  sfsync fields preset NAME                       replace the selection with a data preset
  sfsync fields presets                           list the data presets

Choosing a user lookup (CSM__c, SDR__c, ...) on Account needs the Account Executive's
Name, Phone and Email (Owner.Name, Owner.Phone, Owner.Email) first. Objects that gain
fields are synced again in full at the next sync.`

func runFields(c *cmdContext, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		w := c.stdout
		if len(args) == 0 {
			w = c.stderr
		}
		fmt.Fprintln(w, "Usage: "+strings.TrimPrefix(fieldsAbout, "Show or change which fields are synced.\n\n  "))
		if len(args) == 0 {
			return ExitUsage
		}
		return ExitOK
	}
	sub, rest := args[0], args[1:]
	switch sub {
	case "list", "select", "deselect", "preset", "presets":
	default:
		return c.fail(ExitUsage, "unknown fields command %q: use list, select, deselect, preset or presets.", sub)
	}
	fs := c.newFlags("fields "+sub, "[flags] [args]", fieldsAbout)
	object := fs.String("object", "", "object: "+strings.Join(engine.Objects, ", "))
	pos, code, ok := c.parse(fs, rest)
	if !ok {
		return code
	}
	if *object != "" && !slices.Contains(engine.Objects, *object) {
		return c.fail(ExitUsage, "unknown object %q: choose one of %s.", *object, strings.Join(engine.Objects, ", "))
	}
	presets, err := fields.ParsePresets(assets.PresetsJSON())
	if err != nil {
		return c.fail(ExitFailed, "%v.", err)
	}
	if sub == "presets" {
		for _, p := range presets.Presets {
			fmt.Fprintf(c.stdout, "%s\n  %s\n", p.Name, p.Description)
		}
		return ExitOK
	}
	switch {
	case (sub == "select" || sub == "deselect") && *object == "":
		return c.fail(ExitUsage, "fields %s needs --object (one of %s).", sub, strings.Join(engine.Objects, ", "))
	case (sub == "select" || sub == "deselect") && len(pos) == 0:
		return c.fail(ExitUsage, "fields %s needs field API names, e.g. `sfsync fields %s --object Account Name Website`.", sub, sub)
	case sub == "preset" && len(pos) != 1:
		return c.fail(ExitUsage, "fields preset needs one preset name (see `sfsync fields presets`).")
	case sub == "list" && len(pos) > 0:
		return c.fail(ExitUsage, "fields list takes no arguments; use --object OBJECT.")
	}

	env, code := c.openEnv(envOptions{})
	if env == nil {
		return code
	}
	defer env.Close()
	cat, err := fields.LoadCatalog(env.Store)
	if err != nil {
		return c.fail(ExitFailed, "%v.", err)
	}
	if cat == nil {
		return c.fail(ExitFailed, "no field list yet: run `sfsync connect` first (it reads the org's fields).")
	}
	cat.Relabel(presets.Labels)
	sel := fields.Selection(env.Engine.Selection()).Normalized()
	if sub == "list" {
		objects := engine.Objects
		if *object != "" {
			objects = []string{*object}
		}
		listFields(c.stdout, cat, sel, objects)
		return ExitOK
	}

	next := sel
	var notes []string
	switch sub {
	case "select", "deselect":
		o := cat.Object(*object)
		if o == nil {
			return c.fail(ExitFailed, "%s was not described when the org was connected: run `sfsync connect` again.", *object)
		}
		for _, name := range pos {
			if !knownField(o, name) {
				return c.fail(ExitUsage, "%s has no field %q in this org: see `sfsync fields list --object %s`.", *object, name, *object)
			}
			if sub == "select" {
				if next, err = cat.Select(next, *object, name); err != nil {
					return c.fail(ExitUsage, "%s", notSelectable(err, *object, name))
				}
				continue
			}
			var also []string
			if next, also, err = cat.Deselect(next, *object, name); err != nil {
				return c.fail(ExitUsage, "%v.", err)
			}
			if len(also) > 0 {
				notes = append(notes, fmt.Sprintf("Deselecting %s also deselected %s.", name, strings.Join(also, ", ")))
			}
		}
	case "preset":
		p, ok := presets.Find(pos[0])
		if !ok {
			var names []string
			for _, p := range presets.Presets {
				names = append(names, p.Name)
			}
			return c.fail(ExitUsage, "unknown preset %q: choose one of %s.", pos[0], strings.Join(names, ", "))
		}
		var skipped []fields.Omission
		next, skipped = cat.ApplyPreset(cat.Defaults(), p)
		for _, s := range skipped {
			notes = append(notes, "Skipped "+s.String()+".")
		}
	}
	if err := env.Engine.SaveFields(next); err != nil {
		return c.fail(ExitFailed, "save the field selection: %v.", err)
	}
	changes := fields.Diff(withoutForced(sel), withoutForced(next))
	if len(changes) == 0 {
		fmt.Fprintln(c.stdout, "No change to the field selection.")
	}
	for _, ch := range changes {
		line := ch.Object + ":"
		if len(ch.Added) > 0 {
			line += " added " + strings.Join(ch.Added, ", ") + ";"
		}
		if len(ch.Removed) > 0 {
			line += " removed " + strings.Join(ch.Removed, ", ") + ";"
		}
		if ch.NeedsResync() {
			line += " synced again in full at the next sync."
		} else {
			line = strings.TrimSuffix(line, ";") + "."
		}
		fmt.Fprintln(c.stdout, line)
	}
	for _, n := range notes {
		fmt.Fprintln(c.stdout, n)
	}
	if len(changes) > 0 {
		fmt.Fprintln(c.stdout, "Run `sfsync sync --once` to apply it now.")
	}
	return ExitOK
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
	return err.Error() + "."
}

// listFields prints one table per object: mark, label, API name, note.
// Marks: [x] selected, [ ] not selected, [=] always synced, [-] cannot be
// selected now (the note says why).
func listFields(w io.Writer, cat *fields.Catalog, sel fields.Selection, objects []string) {
	for i, obj := range objects {
		o := cat.Object(obj)
		if o == nil {
			continue
		}
		if i > 0 {
			fmt.Fprintln(w)
		}
		n := 0
		for _, f := range o.Fields {
			if sel.Has(obj, f.Name) && !f.Forced {
				n++
			}
		}
		fmt.Fprintf(w, "%s (%s): %d selected\n", o.Label, obj, n)
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		for _, f := range o.Fields {
			mark, note := "[ ]", ""
			switch ok, reason := cat.Selectable(sel, obj, f.Name); {
			case f.Forced:
				mark, note = "[=]", "always synced"
			case sel.Has(obj, f.Name):
				mark = "[x]"
			case !ok:
				mark, note = "[-]", reason
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", mark, f.Label, f.Name, note)
		}
		for _, u := range o.Unsupported {
			fmt.Fprintf(tw, "  [-]\t%s\t%s\t%s\n", u.Label, u.Name, u.Reason)
		}
		tw.Flush()
	}
}

// withoutForced drops the always-synced fields, which the engine does not
// store in the selection, so a diff shows only what the person changed.
func withoutForced(sel fields.Selection) fields.Selection {
	out := sel.Clone()
	for obj, fs := range out {
		out[obj] = slices.DeleteFunc(fs, func(f string) bool {
			return f == fields.FieldID || f == fields.FieldIsDeleted || f == fields.FieldSystemModstamp
		})
	}
	return out
}
