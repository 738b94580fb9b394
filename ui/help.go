package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/sfsync/sfsync/core/demo"
	"github.com/sfsync/sfsync/core/salesforce"
	"github.com/sfsync/sfsync/core/store"
)

// HelpDialog is a Help screen: About sfsync, or the connect guide.
type HelpDialog struct {
	Title string
	Text  *widget.Label // About's text (nil for the guide)
	// OpenFolder opens the data folder About names (nil for the guide).
	OpenFolder *widget.Button
	Guide      *ConnectGuide // the guide (nil for About)
	dialog     dialog.Dialog
}

// Help menu titles.
const (
	HelpAbout = "About sfsync"
	HelpGuide = "Connect a real org"
)

// ShowAbout says what sfsync is and its version.
func (m *MainWindow) ShowAbout() {
	version := m.deps.Version
	if version == "" {
		version = "unknown"
	}
	dir := m.deps.Store.Dir()
	text := wrapped("sfsync " + version + "\n\nKeeps a local copy of your Salesforce accounts, contacts, leads, " +
		"opportunities and users, synced incrementally and careful with the org's API quota. " +
		"Sign-ins are kept in the system keyring; records stay on this computer, in " + dir + ".")
	open := widget.NewButtonWithIcon("Open folder", theme.FolderOpenIcon(), func() {
		if err := m.openURL(storage.NewFileURI(dir).String()); err != nil {
			text.SetText(text.Text + " The folder could not be opened: " + err.Error())
		}
	})
	d := dialog.NewCustom(HelpAbout, "Close", container.NewPadded(container.NewVBox(text, container.NewHBox(open))), m.Window)
	d.Resize(fyne.NewSize(520, 300))
	m.Help = &HelpDialog{Title: HelpAbout, Text: text, OpenFolder: open, dialog: d}
	d.Show()
	m.closeOnEscape(d.Hide)
}

// ShowGuide shows what to ask a Salesforce admin for (the Connect screen's
// guide), for the stored callback port.
func (m *MainWindow) ShowGuide() {
	g := newConnectGuide(m.guidePort(), func() string { return setupURLFor(m.loginURL()) }, m.openURL)
	d := dialog.NewCustom(HelpGuide, "Close", container.NewVScroll(g.Content(true)), m.Window)
	d.Resize(dialogSize(m.Window, fyne.NewSize(640, 560)))
	m.Help = &HelpDialog{Title: HelpGuide, Guide: g, dialog: d}
	d.Show()
	m.closeOnEscape(d.Hide)
}

// realSource is the stored source when it is a real org (not the Demo
// org).
func (m *MainWindow) realSource() (store.SourceSettings, bool) {
	if m.deps.Store == nil {
		return store.SourceSettings{}, false
	}
	set, found, err := m.deps.Store.Settings()
	return set, err == nil && found && !demo.IsDemo(set)
}

// guidePort is the callback port of a real org's sign-in, else 1717.
func (m *MainWindow) guidePort() int {
	if set, ok := m.realSource(); ok && set.CallbackPort > 0 {
		return set.CallbackPort
	}
	return salesforce.DefaultRedirectPort
}

// loginURL is a real org's My Domain when known ("": none).
func (m *MainWindow) loginURL() string {
	set, ok := m.realSource()
	if !ok || set.InstanceURL == "" {
		return ""
	}
	if u, err := salesforce.MyDomainURL(set.InstanceURL); err == nil {
		return u
	}
	return ""
}
