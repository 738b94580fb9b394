package ui

import (
	"cmp"
	"fmt"
	"math"
	"net/url"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/sfsync/sfsync/core/export"
	"github.com/sfsync/sfsync/core/fields"
	"github.com/sfsync/sfsync/core/lookup"
	"github.com/sfsync/sfsync/core/store"
)

// relatedObjects are the records listed on an Account's page.
var relatedObjects = []string{"Contact", "Opportunity"}

// Related is a record listed on another's page.
type Related struct {
	Object, ID, Name string
}

// Link is a record a field's value points to (an Account's owner, an
// Opportunity's Account), opened by tapping the value.
type Link struct {
	Object, ID string
}

// RecordData is everything a record page shows, read off the UI goroutine.
type RecordData struct {
	Object, ID string
	// Columns are the selected fields (API names, dotted lookups
	// included) in the page's order: the name first, then as the field
	// picker lists them, the record Id last.
	Columns []string
	Values  map[string]string
	// Labels are the fields' labels by API name, as the Records headers.
	Labels map[string]string
	// Kinds say how each value is shown (display).
	Kinds map[string]cellKind
	// Links are the records lookups point to, by API name.
	Links map[string]Link
	// Unresolved says, by API name, why a lookup shows a raw Id.
	Unresolved map[string]string
	Related    []Related // an Account's Contacts and Opportunities
	// RelatedNote says why related records cannot be listed, if so.
	RelatedNote string
}

// LoadRecordData reads one record, its cells as the Records table and the
// export show them (core/lookup), the records its lookups point to, and,
// for an Account, its Contacts and Opportunities (a scan of each; fine at
// Demo-org sizes, an AccountId index would be the next step for millions
// of rows).
func LoadRecordData(st *store.Store, object, id string) (*RecordData, error) {
	rec, err := st.Get(object, id)
	if err != nil {
		return nil, err
	}
	if rec == nil {
		return nil, fmt.Errorf("%s %s is no longer in the local store", object, id)
	}
	cols, err := export.Columns(st, object, nil)
	if err != nil {
		return nil, err
	}
	res, err := export.LoadResolver(st)
	if err != nil {
		return nil, err
	}
	cat, err := fields.LoadCatalog(st)
	if err != nil {
		return nil, err
	}
	d := &RecordData{Object: object, ID: id, Values: map[string]string{}, Labels: map[string]string{},
		Kinds: map[string]cellKind{}, Links: map[string]Link{}, Unresolved: map[string]string{}}
	cells := res.Reader(cols)
	vals, nulls := make([]string, len(cols)), make([]bool, len(cols))
	cells.Row(rec, vals, nulls)
	for i, c := range cols {
		d.Columns = append(d.Columns, c.Name)
		d.Values[c.Name], d.Labels[c.Name] = vals[i], c.Label
		if why := cells.Reason(rec, i); why != "" {
			d.Unresolved[c.Name] = why
		}
		d.link(st, cat, rec, c)
	}
	d.Columns = pageOrder(d.Columns, cat.Object(object))
	if object != "Account" {
		return d, nil
	}
	return d, d.loadRelated(st)
}

// link notes where column c of rec points: a user lookup's name to the
// User, a lookup Id to a synced object (AccountId) to that record, shown
// by its name when it is stored.
func (d *RecordData) link(st *store.Store, cat *fields.Catalog, rec *store.Record, c lookup.Column) {
	if o := cat.Object(d.Object); o != nil {
		if f, ok := o.Field(c.Name); ok {
			d.Kinds[c.Name] = kindOf(f.Type)
		}
	}
	target, ok := rec.Field(c.Source)
	if !ok || c.Source == fields.FieldID {
		return
	}
	if c.Target == "Name" && strings.HasPrefix(target, "005") {
		d.Links[c.Name] = Link{Object: lookup.UserObject, ID: target}
		return
	}
	o := cat.Object(d.Object)
	if c.Target != "" || o == nil {
		return
	}
	f, _ := o.Field(c.Name)
	i := slices.IndexFunc(f.References, func(ref string) bool { return slices.Contains(fields.Objects, ref) })
	if i < 0 {
		return
	}
	d.Links[c.Name] = Link{Object: f.References[i], ID: target}
	if r, err := st.Get(f.References[i], target); err == nil && r != nil {
		if name, ok := r.Field("Name"); ok && name != "" {
			d.Values[c.Name] = name
		}
	}
}

// pageOrder is the name first, then the fields as the picker lists them
// (by label), fields the catalog does not know, and the record Id last.
func pageOrder(cols []string, o *fields.Object) []string {
	rank := func(name string) int {
		switch {
		case name == "Name":
			return -1
		case name == fields.FieldID:
			return math.MaxInt
		case o == nil:
			return 0
		}
		if i := slices.IndexFunc(o.Fields, func(f fields.Field) bool { return f.Name == name }); i >= 0 {
			return i
		}
		return len(o.Fields)
	}
	out := slices.Clone(cols)
	slices.SortStableFunc(out, func(a, b string) int { return cmp.Compare(rank(a), rank(b)) })
	return out
}

// loadRelated lists an Account's Contacts and Opportunities.
func (d *RecordData) loadRelated(st *store.Store) error {
	for _, rel := range relatedObjects {
		cols, err := st.Columns(rel)
		if err != nil {
			return fmt.Errorf("related %s of %s: %w", rel, d.ID, err)
		}
		if !slices.Contains(cols, "AccountId") {
			d.RelatedNote += rel + " records are listed here once their Account ID field is synced (Settings → Edit data sync). "
			continue
		}
		err = st.Scan(rel, func(r *store.Record) bool {
			if acc, ok := r.Field("AccountId"); ok && acc == d.ID {
				name, _ := r.Field("Name")
				d.Related = append(d.Related, Related{Object: rel, ID: r.ID, Name: name})
			}
			return true
		})
		if err != nil {
			return fmt.Errorf("related %s of %s: %w", rel, d.ID, err)
		}
	}
	return nil
}

// RecordPage is one record's page: its fields, the records its lookups
// point to, its related records, and "Open in Salesforce".
type RecordPage struct {
	Data    *RecordData
	Fields  *widget.Form
	Links   map[string]*widget.Button // lookup values that open the record they point to
	Related []*widget.Button
	// OpenInSalesforce opens the record at the org's instance URL.
	OpenInSalesforce *widget.Button
	dialog           *dialog.CustomDialog
}

// OpenRecord reads a record off the UI goroutine and shows its page.
func (v *RecordsView) OpenRecord(object, id string) {
	go func() {
		data, err := LoadRecordData(v.st, object, id)
		fyne.Do(func() {
			if err != nil {
				dialog.ShowError(err, v.win)
				return
			}
			p := v.newRecordPage(data)
			v.pages = append(v.pages, p)
			p.dialog.SetOnClosed(func() { v.pages = slices.DeleteFunc(v.pages, func(o *RecordPage) bool { return o == p }) })
			p.dialog.Show()
			if v.OnOpened != nil {
				v.OnOpened(p)
			}
		})
	}()
}

func (v *RecordsView) newRecordPage(d *RecordData) *RecordPage {
	p := &RecordPage{Data: d, Fields: widget.NewForm(), Links: map[string]*widget.Button{}}
	for _, c := range d.Columns {
		p.Fields.Append(fieldTitle(d.Labels[c], c), v.pageValue(p, d, c))
	}
	body := container.NewVBox(p.Fields)
	if d.Object == "Account" {
		v.addRelated(p, body)
	}
	// The name in full is the page's first field; the title and buttons
	// are clipped to stay inside the window.
	title := d.Object + " " + clipName(d.Values["Name"], nameLimit)
	if d.Values["Name"] == "" {
		title = d.Object + " " + d.ID
	}
	p.dialog = dialog.NewCustomWithoutButtons(title, container.NewVScroll(body), v.win)
	p.OpenInSalesforce = widget.NewButtonWithIcon("Open in Salesforce", theme.ComputerIcon(), func() { v.openInSalesforce(d) })
	showIf(p.OpenInSalesforce, v.instanceURL() != "")
	p.dialog.SetButtons([]fyne.CanvasObject{widget.NewButton("Close", p.Close), p.OpenInSalesforce})
	p.dialog.Resize(fyne.NewSize(640, 560))
	return p
}

// pageValue is one field's value: a link to the record a lookup points
// to, else the value as display shows it (text as stored, lines kept),
// with why a lookup reads as a raw Id.
func (v *RecordsView) pageValue(p *RecordPage, d *RecordData, c string) fyne.CanvasObject {
	text := d.Values[c]
	if k := d.Kinds[c]; k != kindText {
		text = display(text, k, v.loc)
	}
	if why := d.Unresolved[c]; why != "" {
		text += " — " + why
	}
	if l, ok := d.Links[c]; ok && text != "" {
		b := widget.NewButtonWithIcon(clipName(text, nameLimit), theme.NavigateNextIcon(), func() { v.OpenRecord(l.Object, l.ID) })
		b.Alignment = widget.ButtonAlignLeading
		b.IconPlacement = widget.ButtonIconTrailingText
		b.Importance = widget.LowImportance
		p.Links[c] = b
		return container.NewHBox(b)
	}
	value := widget.NewLabel(text)
	value.Wrapping = fyne.TextWrapWord
	value.Selectable = true
	return value
}

// addRelated lists an Account's Contacts and Opportunities.
func (v *RecordsView) addRelated(p *RecordPage, body *fyne.Container) {
	d := p.Data
	body.Add(widget.NewLabelWithStyle(fmt.Sprintf("Related (%d)", len(d.Related)), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	if d.RelatedNote != "" {
		body.Add(newNote(strings.TrimSpace(d.RelatedNote)))
	}
	for _, r := range d.Related {
		b := widget.NewButton(r.Object+": "+clipName(r.Name, nameLimit), func() { v.OpenRecord(r.Object, r.ID) })
		b.Alignment = widget.ButtonAlignLeading
		p.Related = append(p.Related, b)
		body.Add(b)
	}
}

// instanceURL is the org's instance URL, "" when unknown.
func (v *RecordsView) instanceURL() string {
	if v.act.InstanceURL == nil {
		return ""
	}
	return v.act.InstanceURL()
}

// RecordURL is a record's page in Salesforce: the instance URL and the
// record Id (Salesforce redirects /Id to the record's Lightning page).
func RecordURL(instance, id string) string {
	return strings.TrimSuffix(instance, "/") + "/" + url.PathEscape(id)
}

// openInSalesforce opens the record in the browser.
func (v *RecordsView) openInSalesforce(d *RecordData) {
	u := RecordURL(v.instanceURL(), d.ID)
	if err := v.openURL(u); err != nil {
		dialog.ShowError(fmt.Errorf("open %s in the browser: %w", u, err), v.win)
	}
}

// openURL opens a link or a folder (RecordsActions.OpenURL, else the
// app's).
func (v *RecordsView) openURL(s string) error {
	if v.act.OpenURL != nil {
		return v.act.OpenURL(s)
	}
	parsed, err := url.Parse(s)
	if err != nil {
		return err
	}
	return fyne.CurrentApp().OpenURL(parsed)
}

// fieldTitle is a record page's field title: its label, or the API name
// when the label is unknown.
func fieldTitle(label, name string) string {
	if label == "" {
		return name
	}
	return label
}

// Close hides the page.
func (p *RecordPage) Close() { p.dialog.Hide() }
