package ui

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/sfsync/sfsync/core/fields"
	"github.com/sfsync/sfsync/core/store"
	"github.com/sfsync/sfsync/core/wording"
)

// LoadPickerCatalog builds the field catalog from the describes the engine
// cached when it connected, and reads the data presets. The catalog is nil
// before the first connect.
func LoadPickerCatalog(st *store.Store) (*fields.Catalog, *fields.Presets, error) {
	cat, err := fields.LoadCatalog(st)
	if err != nil {
		return nil, nil, fmt.Errorf("read the field list: %w", err)
	}
	presets, err := fields.ShippedPresets()
	if err != nil {
		return cat, nil, fmt.Errorf("read the data presets: %w", err)
	}
	return cat, presets, nil
}

// FieldPicker is "Customize fields": one expandable table per object with
// a search bar over all of them, data presets, the user-lookup rule with
// its reasons, then "Review fields" → "Sync now" or "Customize".
type FieldPicker struct {
	Search      *widget.Entry
	Presets     *widget.Select
	Message     *widget.Label // preset omissions, cascades, save outcome
	Tables      *widget.Accordion
	Checks      map[string]*widget.Check // by fieldKey(object, field)
	Reasons     map[string]*widget.Label // why a field cannot be changed
	SelectAll   map[string]*widget.Button
	DeselectAll map[string]*widget.Button
	Review      *widget.Button
	Save        *widget.Button
	Cancel      *widget.Button
	ReviewText  *widget.Label
	SyncNow     *widget.Button
	Customize   *widget.Button

	cat       *fields.Catalog
	presets   *fields.Presets
	orig      fields.Selection
	sel       fields.Selection
	rows      map[string]*fyne.Container
	items     map[string]*widget.AccordionItem
	save      func(map[string][]string) error
	syncNow   func()
	updating  bool
	reviewing bool
	pick      fyne.CanvasObject
	review    fyne.CanvasObject
	dialog    *dialog.CustomDialog
}

func fieldKey(object, field string) string { return object + "/" + field }

// NewFieldPicker builds the picker for the current selection; save stores
// a new selection (objects that gained fields are re-synced at the next
// run), syncNow starts that run at once.
func NewFieldPicker(cat *fields.Catalog, presets *fields.Presets, current map[string][]string, parent fyne.Window,
	save func(map[string][]string) error, syncNow func()) *FieldPicker {
	p := &FieldPicker{cat: cat, presets: presets, save: save, syncNow: syncNow,
		orig: fields.Selection(current).Normalized(), Checks: map[string]*widget.Check{}, Reasons: map[string]*widget.Label{},
		SelectAll: map[string]*widget.Button{}, DeselectAll: map[string]*widget.Button{},
		rows: map[string]*fyne.Container{}, items: map[string]*widget.AccordionItem{},
		Message: widget.NewLabel(""), ReviewText: widget.NewLabel("")}
	p.sel = p.orig.Clone()
	p.Message.Wrapping = fyne.TextWrapWord
	p.ReviewText.Wrapping = fyne.TextWrapWord
	p.Search = widget.NewEntry()
	p.Search.SetPlaceHolder("Search all fields")
	p.Search.OnChanged = p.filter
	var names []string
	if presets != nil {
		for _, pr := range presets.Presets {
			names = append(names, pr.Name)
		}
	}
	p.Presets = widget.NewSelect(names, p.applyPreset)
	p.Presets.PlaceHolder = "Data presets"
	p.Tables = widget.NewAccordion()
	p.Tables.MultiOpen = true
	for _, obj := range cat.ObjectNames() {
		item := widget.NewAccordionItem(obj, p.objectTable(cat.Object(obj)))
		p.items[obj] = item
		p.Tables.Append(item)
	}
	p.Review = widget.NewButton("Review fields", p.showReview)
	p.Save = widget.NewButton("Save changes", func() { p.commit(false) })
	p.Save.Importance = widget.HighImportance
	p.Customize = widget.NewButton("Customize", p.showPick)
	p.SyncNow = widget.NewButton("Sync now", func() { p.commit(true) })
	p.SyncNow.Importance = widget.HighImportance
	top := container.NewBorder(nil, nil, nil, p.Presets, p.Search)
	p.pick = container.NewBorder(container.NewVBox(top, p.Message), nil, nil, nil, container.NewVScroll(p.Tables))
	p.review = container.NewVScroll(p.ReviewText)
	p.review.Hide()
	p.dialog = dialog.NewCustomWithoutButtons("Customize fields", container.NewStack(p.pick, p.review), parent)
	p.Cancel = widget.NewButton("Cancel", p.dialog.Hide)
	p.showPick()
	p.refresh()
	return p
}

// objectTable lists an object's fields, then those that cannot be synced.
func (p *FieldPicker) objectTable(o *fields.Object) fyne.CanvasObject {
	obj := o.Name
	p.SelectAll[obj] = widget.NewButton("Select all", func() { p.selectAll(obj, true) })
	p.DeselectAll[obj] = widget.NewButton("Deselect all", func() { p.selectAll(obj, false) })
	box := container.NewVBox(container.NewHBox(p.SelectAll[obj], p.DeselectAll[obj]))
	for _, f := range o.Fields {
		key, name := fieldKey(obj, f.Name), f.Name
		check := widget.NewCheck(f.Label+"  ("+f.Name+")", func(on bool) { p.toggle(obj, name, on) })
		reason := widget.NewLabel("")
		reason.Importance = widget.LowImportance
		reason.Wrapping = fyne.TextWrapWord
		p.Checks[key], p.Reasons[key] = check, reason
		p.rows[key] = container.NewVBox(check, reason)
		box.Add(p.rows[key])
	}
	for _, u := range o.Unsupported {
		key := fieldKey(obj, u.Name)
		check := widget.NewCheck(u.Label+"  ("+u.Name+")", nil)
		check.Disable()
		reason := widget.NewLabel(u.Reason)
		reason.Importance = widget.LowImportance
		reason.Wrapping = fyne.TextWrapWord
		p.Checks[key], p.Reasons[key] = check, reason
		p.rows[key] = container.NewVBox(check, reason)
		box.Add(p.rows[key])
	}
	return box
}

// Selection is the selection being edited.
func (p *FieldPicker) Selection() fields.Selection { return p.sel.Clone() }

func (p *FieldPicker) toggle(obj, field string, on bool) {
	if p.updating {
		return
	}
	var err error
	if on {
		p.sel, err = p.cat.Select(p.sel, obj, field)
		p.Message.SetText("")
	} else {
		var also []string
		p.sel, also, err = p.cat.Deselect(p.sel, obj, field)
		if len(also) > 0 {
			p.Message.SetText("Also deselected: " + strings.Join(also, ", ") + " (they depend on " + field + ").")
		} else {
			p.Message.SetText("")
		}
	}
	if err != nil {
		p.Message.SetText(err.Error())
	}
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
	p.refresh()
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

func (p *FieldPicker) applyPreset(name string) {
	if p.presets == nil || name == "" {
		return
	}
	pr, ok := p.presets.Find(name)
	if !ok {
		return
	}
	var skipped []fields.Omission
	p.sel, skipped = p.cat.ApplyPreset(p.sel, pr)
	msg := "Added the " + name + " preset's fields."
	if len(skipped) > 0 {
		var parts []string
		for _, s := range skipped {
			parts = append(parts, s.Object+"."+s.Field+" "+s.Reason)
		}
		msg += " Skipped: " + strings.Join(parts, "; ")
	}
	p.Message.SetText(msg)
	p.refresh()
}

// refresh shows the selection: checks, what is disabled and why, counts.
func (p *FieldPicker) refresh() {
	p.updating = true
	defer func() { p.updating = false }()
	for _, obj := range p.cat.ObjectNames() {
		o := p.cat.Object(obj)
		for _, f := range o.Fields {
			key := fieldKey(obj, f.Name)
			check, reason := p.Checks[key], p.Reasons[key]
			ok, why := p.cat.Selectable(p.sel, obj, f.Name)
			check.SetChecked(f.Forced || p.sel.Has(obj, f.Name))
			if ok {
				check.Enable()
			} else {
				check.Disable()
			}
			reason.SetText(why)
			showIf(reason, !ok)
		}
		p.items[obj].Title = fmt.Sprintf("%s · %d of %d fields", o.Label, len(p.sel[obj]), len(o.Fields))
	}
	p.Tables.Refresh()
}

// filter shows the fields whose label or API name contains q, in every
// table, and opens the tables that have any.
func (p *FieldPicker) filter(q string) {
	q = strings.ToLower(strings.TrimSpace(q))
	for i, obj := range p.cat.ObjectNames() {
		o := p.cat.Object(obj)
		any := false
		match := func(label, name string) bool {
			return q == "" || strings.Contains(strings.ToLower(label), q) || strings.Contains(strings.ToLower(name), q)
		}
		for _, f := range o.Fields {
			m := match(f.Label, f.Name)
			any = any || m
			showIf(p.rows[fieldKey(obj, f.Name)], m)
		}
		for _, u := range o.Unsupported {
			m := match(u.Label, u.Name)
			any = any || m
			showIf(p.rows[fieldKey(obj, u.Name)], m)
		}
		showIf(p.SelectAll[obj], q == "")
		showIf(p.DeselectAll[obj], q == "")
		switch {
		case q != "" && any:
			p.Tables.Open(i)
		case q != "":
			p.Tables.Close(i)
		}
	}
	p.Tables.Refresh()
}

// Visible reports whether a field's row is shown (after search).
func (p *FieldPicker) Visible(object, field string) bool {
	r := p.rows[fieldKey(object, field)]
	return r != nil && r.Visible()
}

// Changes is what the review lists: the person's choices, not the
// always-synced fields (the engine stores selections without them).
func (p *FieldPicker) Changes() []fields.Change {
	return fields.Diff(fields.WithoutForced(p.orig), fields.WithoutForced(p.sel))
}

func (p *FieldPicker) showReview() {
	p.ReviewText.SetText(wording.FieldChanges(p.Changes()))
	p.dialog.SetButtons([]fyne.CanvasObject{p.Customize, p.SyncNow})
	p.swap(p.review)
	p.reviewing = true
}

func (p *FieldPicker) showPick() {
	p.dialog.SetButtons([]fyne.CanvasObject{p.Cancel, p.Review, p.Save})
	p.swap(p.pick)
	p.reviewing = false
}

// swap shows one page of the dialog.
func (p *FieldPicker) swap(page fyne.CanvasObject) {
	showIf(p.pick, page == p.pick)
	showIf(p.review, page == p.review)
}

// OnReviewPage reports whether "Review fields" is showing.
func (p *FieldPicker) OnReviewPage() bool { return p.reviewing }

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
				p.Message.SetText("Not saved: " + err.Error())
				p.showPick()
				return
			}
			p.orig = fields.Selection(sel).Normalized()
			p.dialog.Hide()
		})
	}()
}

// Show opens the picker.
func (p *FieldPicker) Show(size fyne.Size) {
	p.dialog.Resize(size)
	p.dialog.Show()
}

// SetOnClosed runs f when the picker closes.
func (p *FieldPicker) SetOnClosed(f func()) { p.dialog.SetOnClosed(f) }
