package cli

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/sfsync/sfsync/core/engine"
)

func newDisconnect(g *global) *cobra.Command {
	var deleteData bool
	c := &cobra.Command{
		Use:   "disconnect",
		Short: "Sign out: revoke the token, remove it from the keyring",
		Long: `Sign out of Salesforce: revoke the token at Salesforce and remove it from the
system keyring. The synced records stay for export unless --delete-data.`,
		Example: `  sfsync disconnect
  sfsync disconnect --delete-data`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			ctx, stop := interruptible(c.Context())
			defer stop()
			a, err := g.openWithKeyring(appOptions{})
			if err != nil {
				return err
			}
			defer a.Close()
			res := DisconnectResult{DataDir: a.DataDir, WasConnected: a.Engine.State().Status != engine.StatusNotConnected}
			if !res.WasConnected && !deleteData {
				g.out(res, func(w io.Writer) {
					fmt.Fprintln(w, "Salesforce is not connected; nothing to do (use --delete-data to remove the synced data).")
				})
				return nil
			}
			err = a.Engine.Disconnect(ctx, !deleteData)
			// A failed revoke still disconnects: only telling Salesforce failed.
			if err != nil && a.Engine.State().Status != engine.StatusNotConnected {
				return failed("disconnect failed: %v", err)
			}
			res.DataDeleted = deleteData
			if err != nil {
				fmt.Fprintln(g.say(), "Disconnected.")
				return failed("Salesforce could not be told to revoke the sign-in (%v): revoke it in Salesforce Setup under Connected Apps OAuth Usage", err)
			}
			g.out(res, func(w io.Writer) {
				what := "kept in " + a.DataDir + " (export them with `sfsync export`)"
				if deleteData {
					what = "deleted"
				}
				fmt.Fprintf(w, "Disconnected; the synced records were %s.\n", what)
			})
			return nil
		},
	}
	c.Flags().BoolVar(&deleteData, "delete-data", false, "also delete the synced records, settings and history")
	return c
}
