package ui

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/sfsync/sfsync/core/export"
	"github.com/sfsync/sfsync/core/store"
)

// relatedObjects are the records listed on an Account's page.
var relatedObjects = []string{"Contact", "Opportunity"}

// Related is a record listed on another's page.
type Related struct {
	Object, ID, Name string
}

// RecordData is everything a record page shows, read off the UI goroutine.
type RecordData struct {
	Object, ID string
	Columns    []string // the selected fields (API names, dotted lookups included), Id first
	Values     map[string]string
	// Labels are the fields' labels by API name, as the Records headers.
	Labels map[string]string
	// Unresolved says, by API name, why a lookup shows a raw Id.
	Unresolved map[string]string
	Related    []Related // an Account's Contacts and Opportunities
	// RelatedNote says why related records cannot be listed, if so.
	RelatedNote string
}

// LoadRecordData reads one record, its cells as the Records table and the
// export show them (core/lookup), and, for an Account, its Contacts and
// Opportunities (a scan of each; fine at Demo-org sizes, an AccountId index
// would be the next step for millions of rows).
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
	d := &RecordData{Object: object, ID: id, Values: map[string]string{}, Labels: map[string]string{}, Unresolved: map[string]string{}}
	cells := res.Reader(cols)
	vals, nulls := make([]string, len(cols)), make([]bool, len(cols))
	cells.Row(rec, vals, nulls)
	for i, c := range cols {
		d.Columns = append(d.Columns, c.Name)
		d.Values[c.Name], d.Labels[c.Name] = vals[i], c.Label
		if why := cells.Reason(rec, i); why != "" {
			d.Unresolved[c.Name] = why
		}
	}
	if object != "Account" {
		return d, nil
	}
	for _, rel := range relatedObjects {
		cols, err := st.Columns(rel)
		if err != nil {
			return nil, fmt.Errorf("related %s of %s: %w", rel, id, err)
		}
		if !slices.Contains(cols, "AccountId") {
			d.RelatedNote += rel + " records are listed here once their Account ID field is synced (Settings → Edit data sync). "
			continue
		}
		err = st.Scan(rel, func(r *store.Record) bool {
			if acc, ok := r.Field("AccountId"); ok && acc == id {
				name, _ := r.Field("Name")
				d.Related = append(d.Related, Related{Object: rel, ID: r.ID, Name: name})
			}
			return true
		})
		if err != nil {
			return nil, fmt.Errorf("related %s of %s: %w", rel, id, err)
		}
	}
	return d, nil
}

// RecordPage is one record's page: all its fields and related records.
type RecordPage struct {
	Data    *RecordData
	Fields  *widget.Form
	Related []*widget.Button
	dialog  *dialog.CustomDialog
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
	p := &RecordPage{Data: d, Fields: widget.NewForm()}
	for _, c := range d.Columns {
		text := d.Values[c]
		if why := d.Unresolved[c]; why != "" {
			text += " — " + why
		}
		value := widget.NewLabel(text)
		value.Wrapping = fyne.TextWrapWord
		value.Selectable = true
		p.Fields.Append(fieldTitle(d.Labels[c], c), value)
	}
	body := container.NewVBox(p.Fields)
	if d.Object == "Account" {
		body.Add(widget.NewLabelWithStyle(fmt.Sprintf("Related (%d)", len(d.Related)), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		if d.RelatedNote != "" {
			note := widget.NewLabel(strings.TrimSpace(d.RelatedNote))
			note.Wrapping = fyne.TextWrapWord
			body.Add(note)
		}
		for _, r := range d.Related {
			b := widget.NewButton(r.Object+": "+r.Name, func() { v.OpenRecord(r.Object, r.ID) })
			b.Alignment = widget.ButtonAlignLeading
			p.Related = append(p.Related, b)
			body.Add(b)
		}
	}
	title := d.Object + " " + d.Values["Name"]
	if d.Values["Name"] == "" {
		title = d.Object + " " + d.ID
	}
	p.dialog = dialog.NewCustom(title, "Close", container.NewVScroll(body), v.win)
	p.dialog.Resize(fyne.NewSize(640, 560))
	return p
}

// fieldTitle is a record page's field title: "Label (API name)", or the
// API name alone when the label is unknown or the same.
func fieldTitle(label, name string) string {
	if label == "" || label == name {
		return name
	}
	return label + " (" + name + ")"
}

// Close hides the page.
func (p *RecordPage) Close() { p.dialog.Hide() }
