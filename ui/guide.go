package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/sfsync/sfsync/core/salesforce"
	"github.com/sfsync/sfsync/core/wording"
)

// ConnectGuide is how to get a consumer key without being an admin
// (wording.ConnectGuide): what to ask the admin for, each setting of the
// External Client App, the callback URL with a Copy button and a button
// that opens Setup's External Client App Manager. The Connect screen shows
// it when no key is built in; Help → Connect guide shows it too.
type ConnectGuide struct {
	Ask       *widget.Label
	Settings  *widget.Label // one setting per line
	Callback  *widget.Label // the callback URL to register
	Copy      *widget.Button
	OpenSetup *widget.Button
	Needs     *widget.Label

	callback string
	setupURL func() string // where OpenSetup goes
	openURL  func(string) error
}

// newConnectGuide builds the guide for callback port port. setupURL gives
// the External Client App Manager's address when OpenSetup is pressed;
// openURL opens it in the browser.
func newConnectGuide(port int, setupURL func() string, openURL func(string) error) *ConnectGuide {
	g := &ConnectGuide{Ask: wrapped(""), Settings: wrapped(""), Callback: widget.NewLabel(""), Needs: wrapped(""),
		setupURL: setupURL, openURL: openURL}
	g.Callback.TextStyle.Monospace = true
	g.Callback.Selectable = true
	g.Copy = widget.NewButtonWithIcon("Copy", theme.ContentCopyIcon(), g.copyCallback)
	g.OpenSetup = widget.NewButtonWithIcon("Open External Client App Manager", theme.ComputerIcon(), g.openSetup)
	g.SetPort(port)
	return g
}

// SetPort shows the callback URL of port, in the Callback URL line and in
// the settings.
func (g *ConnectGuide) SetPort(port int) {
	g.callback = wording.CallbackURL(port)
	g.Callback.SetText(g.callback)
	guide := wording.ConnectGuide(g.callback)
	g.Ask.SetText(guide.Ask)
	g.Settings.SetText("• " + strings.Join(guide.Settings, "\n• "))
	g.Needs.SetText(guide.Permissions)
}

// CallbackRow is the callback URL with its Copy button.
func (g *ConnectGuide) CallbackRow() fyne.CanvasObject {
	return container.NewBorder(nil, nil, nil, g.Copy, g.Callback)
}

// Content is the guide: the heading, what to ask the admin for and each
// setting, Open External Client App Manager, the user's permissions; with
// the callback URL row when withCallback (the Connect screen shows that
// row beside the callback port instead).
func (g *ConnectGuide) Content(withCallback bool) fyne.CanvasObject {
	box := container.NewVBox(widget.NewLabelWithStyle("No consumer key? Ask your Salesforce admin", fyne.TextAlignLeading,
		fyne.TextStyle{Bold: true}), g.Ask, g.Settings)
	if withCallback {
		box.Add(container.NewBorder(nil, nil, widget.NewLabel("Callback URL"), nil, g.CallbackRow()))
	}
	box.Add(container.NewHBox(g.OpenSetup))
	box.Add(g.Needs)
	return box
}

// CallbackURL is the callback URL shown.
func (g *ConnectGuide) CallbackURL() string { return g.callback }

func (g *ConnectGuide) copyCallback() {
	fyne.CurrentApp().Clipboard().SetContent(g.callback)
	g.Copy.SetText("Copied")
}

func (g *ConnectGuide) openSetup() {
	if u := g.setupURL(); u != "" && g.openURL != nil {
		_ = g.openURL(u)
	}
}

// setupURLFor is the External Client App Manager for a login choice: on the
// org's My Domain when known, else through the login host.
func setupURLFor(loginURL string) string {
	if loginURL == "" {
		loginURL = salesforce.ProductionLoginURL
	}
	return salesforce.ExternalClientAppManagerURL(loginURL)
}

// wrapped is a word-wrapping label.
func wrapped(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// errorLabel is a hidden, word-wrapping label in the theme's error colour,
// for one field's error.
func errorLabel() *widget.Label {
	l := wrapped("")
	l.Importance = widget.DangerImportance
	l.Hide()
	return l
}

// showText shows text in a label, or hides the label when text is empty
// (an empty label still takes a line).
func showText(l *widget.Label, text string) {
	l.SetText(text)
	showIf(l, text != "")
}
