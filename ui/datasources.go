package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// SourceStatus is the connection state shown on a source's badge, named as the
// product's help pages name it.
type SourceStatus string

// The statuses a Salesforce source can be in.
const (
	StatusNotConnected SourceStatus = "Not connected"
	StatusConfiguring  SourceStatus = "Configuring…"
	StatusSettingUp    SourceStatus = "Setting up…"
	StatusActive       SourceStatus = "Active"
	StatusNotSyncing   SourceStatus = "Not syncing"
	StatusError        SourceStatus = "Error"
)

// DataSources is the Data Sources page: one row per source with its status.
type DataSources struct {
	Logo    *canvas.Image
	Title   *widget.Label
	Detail  *widget.Label
	Badge   *widget.Label
	Connect *widget.Button

	content fyne.CanvasObject
}

// NewDataSources builds the page; onConnect runs when the person clicks Connect.
func NewDataSources(logo fyne.Resource, onConnect func()) *DataSources {
	p := &DataSources{
		Logo:    canvas.NewImageFromResource(logo),
		Title:   widget.NewLabelWithStyle("Salesforce", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		Detail:  widget.NewLabel("Accounts, Contacts, Leads, Opportunities and Users"),
		Badge:   widget.NewLabel(""),
		Connect: widget.NewButtonWithIcon("Connect", theme.LoginIcon(), onConnect),
	}
	p.Logo.FillMode = canvas.ImageFillContain
	p.Logo.SetMinSize(fyne.NewSquareSize(48))
	p.SetStatus(StatusNotConnected)
	row := container.NewBorder(nil, nil, p.Logo, container.NewHBox(p.Badge, p.Connect),
		container.NewVBox(p.Title, p.Detail))
	p.content = container.NewVBox(
		widget.NewLabelWithStyle("Data Sources", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		widget.NewSeparator(),
		widget.NewCard("", "", row),
		layout.NewSpacer(),
	)
	return p
}

// SetStatus shows status on the badge.
func (p *DataSources) SetStatus(s SourceStatus) {
	p.Badge.SetText(string(s))
	p.Connect.Hidden = s != StatusNotConnected
	p.Connect.Refresh()
}

// Content is the page's root object.
func (p *DataSources) Content() fyne.CanvasObject { return p.content }
