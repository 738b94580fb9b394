package sfcli

import (
	"context"
	"encoding/json"
	"fmt"
)

// Org is one org the CLI is logged in to, as `sf org list --json` lists it.
type Org struct {
	Alias       string
	Username    string
	OrgID       string
	InstanceURL string
	// Status is the CLI's connectedStatus ("Connected", or why not;
	// empty for scratch orgs).
	Status  string
	Sandbox bool
	Scratch bool
}

// Target is what --target-org takes for the org: its alias, else its
// username.
func (o Org) Target() string {
	if o.Alias != "" {
		return o.Alias
	}
	return o.Username
}

// Label names the org for a list: "alias (username)" or the username.
func (o Org) Label() string {
	if o.Alias != "" && o.Alias != o.Username {
		return o.Alias + " (" + o.Username + ")"
	}
	return o.Username
}

// listedOrg is one entry of sf org list's arrays. Tokens the CLI may print
// there are not read.
type listedOrg struct {
	Alias           string `json:"alias"`
	Username        string `json:"username"`
	OrgID           string `json:"orgId"`
	InstanceURL     string `json:"instanceUrl"`
	ConnectedStatus string `json:"connectedStatus"`
	IsSandbox       bool   `json:"isSandbox"`
	IsScratch       bool   `json:"isScratch"`
	IsExpired       bool   `json:"isExpired"`
}

// Orgs lists the orgs the CLI is logged in to, each once (sf repeats
// orgs across nonScratchOrgs, devHubs, sandboxes and other), expired
// scratch orgs left out.
func (c *CLI) Orgs(ctx context.Context) ([]Org, error) {
	raw, err := c.run(ctx, "org", "list", "--skip-connection-status")
	if err != nil {
		return nil, err
	}
	var groups map[string]json.RawMessage
	if err := json.Unmarshal(raw, &groups); err != nil {
		return nil, fmt.Errorf("sf org list: unexpected answer: %w", err)
	}
	var orgs []Org
	seen := map[string]bool{}
	for _, key := range []string{"other", "sandboxes", "devHubs", "nonScratchOrgs", "scratchOrgs"} {
		var list []listedOrg
		if json.Unmarshal(groups[key], &list) != nil {
			continue
		}
		for _, o := range list {
			if o.Username == "" || seen[o.Username] || o.IsExpired {
				continue
			}
			seen[o.Username] = true
			orgs = append(orgs, Org{Alias: o.Alias, Username: o.Username, OrgID: o.OrgID, InstanceURL: o.InstanceURL,
				Status: o.ConnectedStatus, Sandbox: o.IsSandbox, Scratch: o.IsScratch || key == "scratchOrgs"})
		}
	}
	return orgs, nil
}
