package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"

	"github.com/sfsync/sfsync/core/engine"
	"github.com/sfsync/sfsync/core/sfcli"
)

// cliListTimeout bounds asking the Salesforce CLI for its orgs.
const cliListTimeout = time.Minute

// findCLIOrgs asks the Salesforce CLI, off the UI goroutine, which orgs it
// is logged in to; where it has some, the Connect screen offers them (the
// choice EnvCLI). No CLI, or none logged in: nothing changes.
func (c *ConnectDialog) findCLIOrgs() {
	if c.cfg.cliOrgs == nil {
		return
	}
	go func() {
		ctx, cancel := context.WithTimeout(c.ctx, cliListTimeout)
		defer cancel()
		orgs, err := c.cfg.cliOrgs(ctx)
		if err != nil {
			c.log.Info("connect: no Salesforce CLI orgs to offer", "err", err)
			return
		}
		fyne.Do(func() { c.offerCLIOrgs(orgs) })
	}()
}

// offerCLIOrgs adds the Salesforce CLI choice with orgs (none: no choice).
func (c *ConnectDialog) offerCLIOrgs(orgs []sfcli.Org) {
	if len(orgs) == 0 {
		return
	}
	c.orgs = orgs
	labels := make([]string, len(orgs))
	for i, o := range orgs {
		labels[i] = o.Label()
	}
	c.CLIOrg.SetOptions(labels)
	c.CLIOrg.SetSelectedIndex(0)
	c.Env.Options = []string{EnvProduction, EnvSandbox, EnvMyDomain, EnvCLI, EnvDemo}
	c.Env.Refresh()
	c.refresh()
	c.log.Info("connect: offering the Salesforce CLI's orgs", "orgs", len(orgs))
}

// viaCLI notes, on the source's org line, a session the Salesforce CLI
// keeps ("": another kind); short, as the line does not wrap.
func viaCLI(st engine.State) string {
	if st.CLIOrg == "" {
		return ""
	}
	return " · Salesforce CLI session (" + st.CLIOrg + ")"
}
