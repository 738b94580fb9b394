package cli

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/sfsync/sfsync/core/app"
	"github.com/sfsync/sfsync/core/fields"
)

// objectFlagHelp is every fields subcommand's --object help.
var objectFlagHelp = "object: " + strings.Join(fields.Objects, ", ")

func newFields(g *global) *cobra.Command {
	c := &cobra.Command{
		Use:   "fields",
		Short: "Show or change which fields are synced",
		Long: `Show or change which fields are synced. Choosing a user lookup (CSM__c,
SDR__c, ...) on Account needs the Account Executive's Name, Phone and Email
(Owner.Name, Owner.Phone, Owner.Email) first. Objects that gain fields are
synced again in full at the next sync. These commands read and write only the
local store.`,
		Example: `  sfsync fields list --object Account
  sfsync fields select --object Account Owner.Name Owner.Phone Owner.Email CSM__c
  sfsync fields preset Recommended`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			return usage("fields needs a command: list, select, deselect, preset or presets (run `sfsync fields --help`)")
		},
	}
	c.AddCommand(newFieldsList(g), newFieldsChange(g, "select"), newFieldsChange(g, "deselect"),
		newFieldsPreset(g), newFieldsPresets(g))
	return c
}

// checkObject is a usage error unless obj is "" (allowed when optional) or
// a synced object.
func checkObject(obj string, required bool, cmd string) error {
	switch {
	case obj == "" && required:
		return usage("fields %s needs --object (one of %s)", cmd, strings.Join(fields.Objects, ", "))
	case obj == "":
		return nil
	}
	if err := fields.CheckObject(obj); err != nil {
		return usage("%v", err)
	}
	return nil
}

// catalog opens the app (no keyring) and reads the field catalog.
func (g *global) catalog() (*app.App, *fields.Catalog, error) {
	a, err := g.open(appOptions{})
	if err != nil {
		return nil, nil, err
	}
	cat, err := fields.LoadCatalog(a.Store)
	switch {
	case err != nil:
		a.Close()
		return nil, nil, failed("read the field list: %v", err)
	case cat == nil:
		a.Close()
		return nil, nil, failed("no field list yet: run `sfsync connect` first (it reads the org's fields)")
	}
	return a, cat, nil
}
