package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/sfsync/sfsync/core/engine"
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
// a search bar over all of them, data presets with their descriptions, a
// banner for the user-lookup rule with a button that selects the Account
// Executive fields, formula fields marked, then "Review fields" (the
// changes in labels, with the records read again and the API calls) →
// "Sync now" or "Customize". Messages name fields by their labels.
type FieldPicker struct {
	Search      *widget.Entry
	Presets     *widget.Select
	Message     *widget.Label // presets, fields selected or deselected with another, save outcome
	Banner      fyne.CanvasObject
	BannerText  *widget.Label
	SelectOwner *widget.Button // selects the Account Executive fields
	Tables      *widget.Accordion
	List        *container.Scroll           // scrolls the tables; refreshed with them so its offset fits their height
	Checks      map[string]*widget.Check    // by fieldKey(object, field)
	Reasons     map[string]*widget.RichText // why a field cannot be changed, or that it is a formula
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
	counts    map[string]int // stored records per object, for the review's cost
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

// PickerSource is what the picker works on: the catalog, the presets, the
// stored selection and the stored record counts (for the cost of a change).
type PickerSource struct {
	Catalog   *fields.Catalog
	Presets   *fields.Presets
	Selection map[string][]string
	Counts    map[string]int
}

// NewFieldPicker builds the picker; save stores a new selection (objects
// that gained fields are read again at the next run), syncNow starts that
// run at once.
func NewFieldPicker(src PickerSource, parent fyne.Window, save func(map[string][]string) error, syncNow func()) *FieldPicker {
	p := &FieldPicker{cat: src.Catalog, presets: src.Presets, counts: src.Counts, save: save, syncNow: syncNow,
		orig: fields.Selection(src.Selection).Normalized(), Checks: map[string]*widget.Check{}, Reasons: map[string]*widget.RichText{},
		SelectAll: map[string]*widget.Button{}, DeselectAll: map[string]*widget.Button{},
		rows: map[string]*fyne.Container{}, items: map[string]*widget.AccordionItem{},
		Message: widget.NewLabel(""), ReviewText: widget.NewLabel("")}
	p.sel = p.orig.Clone()
	p.Message.Wrapping = fyne.TextWrapWord
	p.Message.Hide()
	p.ReviewText.Wrapping = fyne.TextWrapWord
	p.Search = widget.NewEntry()
	p.Search.SetPlaceHolder("Search all fields")
	p.Search.OnChanged = p.filter
	p.Presets = widget.NewSelect(p.presetNames(), p.applyPreset)
	p.Presets.PlaceHolder = "Data presets"
	p.newBanner()
	p.Tables = widget.NewAccordion()
	p.Tables.MultiOpen = true
	for _, obj := range p.cat.ObjectNames() {
		item := widget.NewAccordionItem(obj, p.objectTable(p.cat.Object(obj)))
		item.Open = obj == "Account" // where the user-lookup rule applies
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
	// In a VBox the tables keep their own height: Fyne's accordion hands
	// any spare height to its open items (a blank gap under a few rows).
	p.List = container.NewVScroll(container.NewVBox(p.Tables))
	p.pick = border(container.NewVBox(top, p.Banner, p.Message), nil, nil, nil, p.List)
	p.review = container.NewVScroll(p.ReviewText)
	p.review.Hide()
	p.dialog = dialog.NewCustomWithoutButtons("Customize fields", container.NewStack(p.pick, p.review), parent)
	p.Cancel = widget.NewButton("Cancel", p.dialog.Hide)
	p.showPick()
	p.refresh()
	return p
}

func (p *FieldPicker) presetNames() []string {
	var names []string
	if p.presets != nil {
		for _, pr := range p.presets.Presets {
			names = append(names, pr.Name)
		}
	}
	return names
}

// newBanner is the one explanation of the user-lookup rule, with the
// button that satisfies it.
func (p *FieldPicker) newBanner() {
	p.BannerText = widget.NewLabel("User lookups on Account (" + p.lookupLabels() + ") need the Account Executive's " +
		"Name, Phone and Email: select those first.")
	p.BannerText.Wrapping = fyne.TextWrapWord
	p.SelectOwner = widget.NewButtonWithIcon("Select Account Executive fields", theme.ConfirmIcon(), p.selectOwner)
	p.SelectOwner.Importance = widget.HighImportance
	bg := canvas.NewRectangle(themeColor(theme.ColorNameInputBackground))
	bg.StrokeColor = themeColor(theme.ColorNamePrimary)
	bg.StrokeWidth = 1
	bg.CornerRadius = theme.InputRadiusSize()
	icon := widget.NewIcon(theme.InfoIcon())
	p.Banner = container.NewStack(bg, container.NewPadded(
		container.NewBorder(nil, nil, icon, container.NewCenter(p.SelectOwner), p.BannerText)))
}

// lookupLabels names Account's user lookups: "CSM, SDR".
func (p *FieldPicker) lookupLabels() string {
	acc := p.cat.Object("Account")
	if acc == nil {
		return ""
	}
	var out []string
	for _, l := range acc.UserLookups {
		out = append(out, l.Label)
	}
	return strings.Join(out, ", ")
}

// objectTable lists an object's fields, then those that cannot be synced.
// Each row is the check with the field's label, its API name in secondary
// text, and a note when it is a formula or cannot be changed.
func (p *FieldPicker) objectTable(o *fields.Object) fyne.CanvasObject {
	obj := o.Name
	p.SelectAll[obj] = widget.NewButton("Select all", func() { p.selectAll(obj, true) })
	p.DeselectAll[obj] = widget.NewButton("Deselect all", func() { p.selectAll(obj, false) })
	box := container.NewVBox(container.NewHBox(p.SelectAll[obj], p.DeselectAll[obj]))
	for _, f := range o.Fields {
		name := f.Name
		label := f.Label
		if f.Formula {
			label += " (formula)"
		}
		box.Add(p.fieldRow(obj, f.Name, label, func(on bool) { p.toggle(obj, name, on) }))
	}
	for _, u := range o.Unsupported {
		box.Add(p.fieldRow(obj, u.Name, u.Label, nil))
		p.Checks[fieldKey(obj, u.Name)].Disable()
		setNote(p.Reasons[fieldKey(obj, u.Name)], u.Reason)
	}
	return box
}

func (p *FieldPicker) fieldRow(obj, name, label string, changed func(bool)) fyne.CanvasObject {
	key := fieldKey(obj, name)
	check := widget.NewCheck(label, changed)
	api := newNote(name)
	api.Wrapping = fyne.TextWrapOff
	reason := newNote("")
	p.Checks[key], p.Reasons[key] = check, reason
	p.rows[key] = container.NewVBox(container.NewHBox(check, api), reason)
	return p.rows[key]
}

// Selection is the selection being edited.
func (p *FieldPicker) Selection() fields.Selection { return p.sel.Clone() }

// label is a field's label as the picker shows it (its API name when the
// catalog does not know it).
func (p *FieldPicker) label(object, field string) string {
	if o := p.cat.Object(object); o != nil {
		if f, ok := o.Field(field); ok {
			return f.Label
		}
	}
	return field
}

// labels lists fields of object by label: "CSM Name, CSM Email".
func (p *FieldPicker) labels(object string, names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = p.label(object, n)
	}
	return strings.Join(out, ", ")
}

// ownerComplete reports whether the Account Executive fields are all
// selected, which the user-lookup rule asks for.
func (p *FieldPicker) ownerComplete() bool {
	for _, f := range fields.OwnerFields {
		if !p.sel.Has("Account", f) {
			return false
		}
	}
	return true
}

// refresh shows the selection: checks, what is disabled and why, the
// banner, counts.
func (p *FieldPicker) refresh() {
	p.updating = true
	defer func() { p.updating = false }()
	owner := p.ownerComplete()
	for _, obj := range p.cat.ObjectNames() {
		o := p.cat.Object(obj)
		for _, f := range o.Fields {
			p.refreshField(obj, f, owner)
		}
		p.items[obj].Title = fmt.Sprintf("%s · %d of %d fields", o.Label, len(p.sel[obj]), len(o.Fields))
	}
	acc := p.cat.Object("Account")
	showIf(p.Banner, acc != nil && len(acc.UserLookups) > 0 && !owner)
	p.refreshList()
}

// refreshList redraws the tables and brings the list's offset within
// their new height: Fyne's scroll keeps an offset past shorter content
// (a blank view with no scroll bar) unless refreshed itself.
func (p *FieldPicker) refreshList() {
	p.Tables.Refresh()
	p.List.Refresh()
}

// refreshField shows one field: checked, enabled, and its note (why it
// cannot change, or that it is a formula; nothing for a field the lookup
// rule blocks: the banner says it once).
func (p *FieldPicker) refreshField(obj string, f fields.Field, owner bool) {
	key := fieldKey(obj, f.Name)
	check, reason := p.Checks[key], p.Reasons[key]
	ok, why := p.cat.Selectable(p.sel, obj, f.Name)
	check.SetChecked(f.Forced || p.sel.Has(obj, f.Name))
	if ok {
		check.Enable()
	} else {
		check.Disable()
	}
	switch {
	case !ok && f.Lookup != "" && !owner:
		why = ""
	case f.Formula:
		why = strings.TrimSpace(why + " " + fields.FormulaNote)
	}
	setNote(reason, why)
	showIf(reason, why != "")
}

// filter shows the fields whose label or API name contains q, in every
// table, and opens the tables that have any.
func (p *FieldPicker) filter(q string) {
	q = strings.ToLower(strings.TrimSpace(q))
	match := func(label, name string) bool {
		return q == "" || strings.Contains(strings.ToLower(label), q) || strings.Contains(strings.ToLower(name), q)
	}
	for i, obj := range p.cat.ObjectNames() {
		o := p.cat.Object(obj)
		any := false
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
	p.refreshList()
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

// showReview lists the changes by label with what they cost: each widened
// object's stored records are read again (engine.RereadCalls).
func (p *FieldPicker) showReview() {
	changes := p.Changes()
	costs := map[string]wording.ChangeCost{}
	for _, c := range changes {
		if n := int64(p.counts[c.Object]); n > 0 {
			costs[c.Object] = wording.ChangeCost{Records: n, Calls: engine.RereadCalls(n, 0)}
		}
	}
	p.ReviewText.SetText(wording.FieldChanges(changes, p.label, costs))
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

// Show opens the picker at size, smaller where the window is.
func (p *FieldPicker) Show(size fyne.Size, win fyne.Size) {
	if win.Width > 0 && win.Height > 0 {
		size = fyne.NewSize(min(size.Width, win.Width-2*theme.Padding()), min(size.Height, win.Height-2*theme.Padding()))
	}
	p.dialog.Resize(size)
	p.dialog.Show()
}

// SetOnClosed runs f when the picker closes.
func (p *FieldPicker) SetOnClosed(f func()) { p.dialog.SetOnClosed(f) }
