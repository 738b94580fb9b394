package ui

import (
	"errors"

	"fyne.io/fyne/v2/widget"

	"github.com/sfsync/sfsync/core/salesforce"
	"github.com/sfsync/sfsync/core/sfcli"
	"github.com/sfsync/sfsync/core/wording"
)

// clearErrors hides every error: a new choice or attempt starts clean.
func (c *ConnectDialog) clearErrors() {
	for _, l := range []*widget.Label{c.MyDomainError, c.CLIError, c.KeyError, c.PortError, c.Error} {
		showText(l, "")
	}
}

// fieldError shows text next to a field of the key form, opening Advanced
// when a built-in key keeps the form collapsed there.
func (c *ConnectDialog) fieldError(l *widget.Label, text string) {
	showText(l, text)
	if c.Advanced != nil && text != "" {
		c.Advanced.Open(0)
	}
}

// showError says err in one sentence next to the field to change: the
// callback port for a wrong callback URL or a taken port, the consumer key
// for an unknown one, the CLI's org list for the CLI's failures; other
// errors (denied, blocked by an admin, no permission) under the buttons.
func (c *ConnectDialog) showError(err error, port int) {
	text := wording.ConnectError(err, port, wording.Window)
	var oe *salesforce.OAuthError
	var ce *sfcli.Error
	switch {
	case errors.As(err, &oe) && oe.Code == "redirect_uri_mismatch", errors.Is(err, salesforce.ErrRedirectPortTaken):
		c.fieldError(c.PortError, text)
	case errors.As(err, &oe) && (oe.Code == "invalid_client_id" || oe.Code == "invalid_client"):
		c.fieldError(c.KeyError, text)
	case c.Env.Selected == EnvCLI && (errors.As(err, &ce) || errors.Is(err, sfcli.ErrSignedOut) || errors.Is(err, sfcli.ErrNotInstalled)):
		showText(c.CLIError, text)
	default:
		showText(c.Error, text)
	}
}
