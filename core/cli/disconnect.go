package cli

import (
	"fmt"

	"github.com/sfsync/sfsync/core/engine"
)

func runDisconnect(c *cmdContext, args []string) int {
	fs := c.newFlags("disconnect", "[--delete-data]", "Sign out of Salesforce: revoke the token at Salesforce and remove it from the system keyring.\n"+
		"The synced records stay for export unless --delete-data is given.")
	deleteData := fs.Bool("delete-data", false, "also delete the synced records, settings and history")
	if code, ok := c.parseNoArgs(fs, args); !ok {
		return code
	}
	ctx, stop := interruptible()
	defer stop()
	env, code := c.openEnv(envOptions{})
	if env == nil {
		return code
	}
	defer env.Close()
	if env.Engine.State().Status == engine.StatusNotConnected && !*deleteData {
		fmt.Fprintln(c.stdout, "Salesforce is not connected; nothing to do (use --delete-data to remove the synced data).")
		return ExitOK
	}
	err := env.Engine.Disconnect(ctx, !*deleteData)
	// A failed revoke still disconnects: only telling Salesforce failed.
	revokeFailed := err != nil && env.Engine.State().Status == engine.StatusNotConnected
	if err != nil && !revokeFailed {
		return c.fail(ExitFailed, "disconnect failed: %v.", err)
	}
	what := "kept in " + env.DataDir + " (export them with `sfsync export`)"
	if *deleteData {
		what = "deleted"
	}
	fmt.Fprintf(c.stdout, "Disconnected; the synced records were %s.\n", what)
	if revokeFailed {
		return c.fail(ExitFailed, "Salesforce could not be told to revoke the sign-in (%v): revoke it in Salesforce Setup under Connected Apps OAuth Usage.", err)
	}
	return ExitOK
}
