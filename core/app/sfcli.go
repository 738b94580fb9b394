package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/sfsync/sfsync/core/salesforce"
	"github.com/sfsync/sfsync/core/sfcli"
)

// CLISession is the engine's Config.CLISession: the Salesforce CLI found
// now (it may be installed while sfsync runs) asked for its session of
// target. A CLI without a working session for the org gives an error
// matching salesforce.ErrReauthorize.
func CLISession(ctx context.Context, target string) (salesforce.Token, error) {
	c, err := sfcli.Find()
	if err != nil {
		return salesforce.Token{}, err
	}
	s, err := c.Session(ctx, target)
	if errors.Is(err, sfcli.ErrSignedOut) {
		return salesforce.Token{}, fmt.Errorf("%w: %w", salesforce.ErrReauthorize, err)
	}
	if err != nil {
		return salesforce.Token{}, err
	}
	return salesforce.Token{AccessToken: s.AccessToken, InstanceURL: s.InstanceURL}, nil
}

// CLIOrgs lists the orgs the Salesforce CLI is logged in to; an error
// matching sfcli.ErrNotInstalled when there is no CLI.
func CLIOrgs(ctx context.Context) ([]sfcli.Org, error) {
	c, err := sfcli.Find()
	if err != nil {
		return nil, err
	}
	return c.Orgs(ctx)
}
