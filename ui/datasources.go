package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/sfsync/sfsync/core/engine"
)

// SourceActions are the intents of the Data Sources row.
type SourceActions struct {
	Connect, Settings, SyncNow, Disconnect func()
}

// DataSources is the Data Sources page: the Salesforce row with its status
// badge, org and user, last and next sync, record counts, the API quota
// gauge, the sync progress and the three-dot menu.
type DataSources struct {
	Logo     *canvas.Image
	Title    *widget.Label
	Org      *widget.Label // org and user name
	Detail   *widget.Label // the state's one-sentence detail
	Syncs    *widget.Label // last and next sync
	Counts   *widget.Label
	Badge    *Badge
	Connect  *widget.Button
	Menu     *widget.Button // the three dots
	MenuDef  *fyne.Menu     // Settings, Sync now, Disconnect
	Quota    *QuotaGauge
	Progress *SyncProgress

	connected *fyne.Container // shown once connected
	content   fyne.CanvasObject
	now       func() time.Time
}

// NewDataSources builds the page around the source's actions.
func NewDataSources(logo fyne.Resource, act SourceActions) *DataSources {
	if logo == nil {
		logo = theme.StorageIcon()
	}
	p := &DataSources{
		Logo:     canvas.NewImageFromResource(logo),
		Title:    widget.NewLabelWithStyle("Salesforce", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		Org:      widget.NewLabel("Accounts, Contacts, Leads, Opportunities and Users"),
		Detail:   widget.NewLabel(""),
		Syncs:    widget.NewLabel(""),
		Counts:   widget.NewLabel(""),
		Badge:    newBadge(),
		Connect:  widget.NewButtonWithIcon("Connect", theme.LoginIcon(), act.Connect),
		Quota:    newQuotaGauge(),
		Progress: newSyncProgress(),
		now:      time.Now,
	}
	p.Detail.Wrapping = fyne.TextWrapWord
	p.Connect.Importance = widget.HighImportance
	p.Logo.FillMode = canvas.ImageFillContain
	p.Logo.SetMinSize(fyne.NewSquareSize(48))
	p.MenuDef = fyne.NewMenu("",
		fyne.NewMenuItem("Settings", act.Settings),
		fyne.NewMenuItem("Sync now", act.SyncNow),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Disconnect", act.Disconnect),
	)
	p.Menu = widget.NewButtonWithIcon("", theme.MoreVerticalIcon(), nil)
	p.Menu.Importance = widget.LowImportance
	p.Menu.OnTapped = func() {
		c := fyne.CurrentApp().Driver().CanvasForObject(p.Menu)
		if c == nil {
			return
		}
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(p.Menu).AddXY(0, p.Menu.Size().Height)
		widget.ShowPopUpMenuAtPosition(p.MenuDef, c, pos)
	}
	p.connected = container.NewVBox(p.Syncs, p.Counts, p.Quota.box, p.Progress.box)
	// Centred so the badge and buttons keep their own height beside the
	// two-line title instead of stretching to it.
	head := container.NewBorder(nil, nil, p.Logo, container.NewCenter(container.NewHBox(p.Badge.box, p.Connect, p.Menu)),
		container.NewVBox(p.Title, p.Org))
	row := container.NewVBox(head, p.Detail, p.connected)
	p.content = container.NewVScroll(container.NewVBox(
		widget.NewLabelWithStyle("Data Sources", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		widget.NewSeparator(),
		widget.NewCard("", "", row),
	))
	p.Update(engine.State{Status: engine.StatusNotConnected}, -1)
	return p
}

// Update shows st; appCalls is sfsync's own API use over 24 h (-1 unknown).
func (p *DataSources) Update(st engine.State, appCalls int64) {
	p.Badge.Set(st.Status)
	notConnected := st.Status == engine.StatusNotConnected
	showIf(p.Connect, notConnected || (st.Status == engine.StatusError && st.OrgID == ""))
	showIf(p.Menu, !notConnected && st.OrgID != "")
	showIf(p.connected, st.OrgID != "")
	if st.OrgName != "" {
		p.Org.SetText(st.OrgName + " · " + st.UserName + viaCLI(st))
	} else {
		p.Org.SetText("Accounts, Contacts, Leads, Opportunities and Users")
	}
	p.Detail.SetText(st.Detail)
	showIf(p.Detail, st.Detail != "")
	now := p.now()
	p.Syncs.SetText("Last sync: " + whenText(st.LastSync, now) + " · Next sync: " + whenText(st.NextSync, now))
	p.Counts.SetText(countsText(st.Counts))
	p.Quota.Set(st, appCalls)
	p.Progress.Update(st)
}

// Content is the page's root object.
func (p *DataSources) Content() fyne.CanvasObject { return p.content }

func showIf(o fyne.CanvasObject, show bool) {
	if show {
		o.Show()
	} else {
		o.Hide()
	}
}
