package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/sfsync/sfsync/core/salesforce"
)

// HelpDialog is a Help screen: About sfsync, or the connect guide.
type HelpDialog struct {
	Title  string
	Text   *widget.Label // About's text (nil for the guide)
	Guide  *ConnectGuide // the guide (nil for About)
	dialog dialog.Dialog
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
	text := wrapped("sfsync " + version + "\n\nKeeps a local copy of your Salesforce accounts, contacts, leads, " +
		"opportunities and users, synced incrementally and careful with the org's API quota. " +
		"Sign-ins are kept in the system keyring; records stay on this computer.")
	d := dialog.NewCustom(HelpAbout, "Close", container.NewPadded(text), m.Window)
	d.Resize(fyne.NewSize(480, 260))
	m.Help = &HelpDialog{Title: HelpAbout, Text: text, dialog: d}
	d.Show()
}

// ShowGuide shows what to ask a Salesforce admin for (the Connect screen's
// guide), for the stored callback port.
func (m *MainWindow) ShowGuide() {
	g := newConnectGuide(m.callbackPort(), func() string { return setupURLFor(m.loginURL()) }, m.openURL)
	d := dialog.NewCustom(HelpGuide, "Close", container.NewVScroll(g.Content()), m.Window)
	d.Resize(dialogSize(m.Window, fyne.NewSize(640, 560)))
	m.Help = &HelpDialog{Title: HelpGuide, Guide: g, dialog: d}
	d.Show()
}

// loginURL is the connected org's My Domain when known ("": none).
func (m *MainWindow) loginURL() string {
	if u, err := salesforce.MyDomainURL(m.state.InstanceURL); err == nil && m.state.InstanceURL != "" {
		return u
	}
	return ""
}
