package ui

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"

	"github.com/sfsync/sfsync/core/fields"
)

// toggle selects or deselects one field and says, by label, which others
// came or went with it (a user lookup's Name, Email and Phone; the lookups
// that depend on the Account Executive).
func (p *FieldPicker) toggle(obj, field string, on bool) {
	if p.updating {
		return
	}
	before := p.sel.Clone()
	var err error
	if on {
		p.sel, err = p.cat.Select(p.sel, obj, field)
	} else {
		p.sel, _, err = p.cat.Deselect(p.sel, obj, field)
	}
	say(p.Message, p.alsoChanged(before, obj, field, on))
	if err != nil {
		say(p.Message, err.Error())
	}
	p.refresh()
}

// alsoChanged says which fields other than field a change brought or took,
// or "" when none.
func (p *FieldPicker) alsoChanged(before fields.Selection, obj, field string, on bool) string {
	var also []string
	for _, c := range fields.Diff(fields.WithoutForced(before), fields.WithoutForced(p.sel)) {
		if c.Object != obj {
			continue
		}
		for _, f := range append(slices.Clone(c.Added), c.Removed...) {
			if f != field {
				also = append(also, f)
			}
		}
	}
	if len(also) == 0 {
		return ""
	}
	if on {
		return "Also selected: " + p.labels(obj, also) + " (they come with " + p.label(obj, field) + ")."
	}
	return "Also deselected: " + p.labels(obj, also) + " (they depend on " + p.label(obj, field) + ")."
}

// selectOwner selects the Account Executive's Name, Phone and Email, which
// the user-lookup rule asks for (the banner's button).
func (p *FieldPicker) selectOwner() {
	var added []string
	for _, f := range fields.OwnerFields {
		if p.sel.Has("Account", f) {
			continue
		}
		if next, err := p.cat.Select(p.sel, "Account", f); err == nil {
			p.sel = next
			added = append(added, f)
		}
	}
	say(p.Message, "Selected "+p.labels("Account", added)+": user lookups such as "+p.lookupLabels()+" can be selected now.")
	p.refresh()
}

// selectAll selects (or deselects) every changeable field of obj; owner
// fields go first so Account's user lookups become selectable.
func (p *FieldPicker) selectAll(obj string, on bool) {
	o := p.cat.Object(obj)
	names := make([]string, 0, len(o.Fields))
	for _, f := range o.Fields {
		if !f.Forced {
			names = append(names, f.Name)
		}
	}
	slices.SortStableFunc(names, func(a, b string) int {
		return boolRank(slices.Contains(fields.OwnerFields, b)) - boolRank(slices.Contains(fields.OwnerFields, a))
	})
	for _, name := range names {
		if on && !p.sel.Has(obj, name) {
			if next, err := p.cat.Select(p.sel, obj, name); err == nil {
				p.sel = next
			}
		} else if !on && p.sel.Has(obj, name) {
			p.sel, _, _ = p.cat.Deselect(p.sel, obj, name)
		}
	}
	say(p.Message, "")
	p.refresh()
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

// applyPreset adds a preset's fields and says what it is for, what it
// added and what it skipped, by label.
func (p *FieldPicker) applyPreset(name string) {
	if p.presets == nil || name == "" {
		return
	}
	pr, ok := p.presets.Find(name)
	if !ok {
		return
	}
	before := p.sel
	var skipped []fields.Omission
	p.sel, skipped = p.cat.ApplyPreset(p.sel, pr)
	var added []string
	for _, c := range fields.Diff(fields.WithoutForced(before), fields.WithoutForced(p.sel)) {
		if len(c.Added) > 0 {
			added = append(added, c.Object+": "+p.labels(c.Object, c.Added))
		}
	}
	msg := name + ": " + pr.Description + "\n"
	if len(added) == 0 {
		msg += "It adds nothing: its fields are selected already."
	} else {
		msg += "Added " + strings.Join(added, "; ") + "."
	}
	if len(skipped) > 0 {
		var parts []string
		for _, s := range skipped {
			parts = append(parts, s.Object+" "+p.label(s.Object, s.Field)+" "+s.Reason)
		}
		msg += " Skipped: " + strings.Join(parts, "; ")
	}
	say(p.Message, msg)
	p.refresh()
}

// commit saves the selection, starts a sync if asked, and closes.
func (p *FieldPicker) commit(sync bool) {
	sel := map[string][]string(p.sel.Clone())
	p.Save.Disable()
	p.SyncNow.Disable()
	go func() {
		err := p.save(sel)
		if err == nil && sync {
			p.syncNow()
		}
		fyne.Do(func() {
			p.Save.Enable()
			p.SyncNow.Enable()
			if err != nil {
				say(p.Message, "Not saved: "+err.Error())
				p.showPick()
				return
			}
			p.orig = fields.Selection(sel).Normalized()
			p.dialog.Hide()
		})
	}()
}
