package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/sfsync/sfsync/core/engine"
)

func runDisconnect(c *cmdContext, args []string) int {
	fs := c.newFlags("disconnect", "[--delete-data]", "Sign out of Salesforce: revoke the token at Salesforce and remove it from the system keyring.\n"+
		"The synced records stay for export unless --delete-data is given.")
	deleteData := fs.Bool("delete-data", false, "also delete the synced records, settings and history")
	pos, code, ok := c.parse(fs, args)
	if !ok {
		return code
	}
	if code, ok := c.noArgs("disconnect", pos); !ok {
		return code
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
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
	tokErr := env.revokeAccessToken(ctx, nil)
	err := env.Engine.Disconnect(ctx, !*deleteData)
	var revokeFailed bool
	if err != nil && env.Engine.State().Status == engine.StatusNotConnected {
		revokeFailed = true // the engine disconnected; only telling Salesforce failed
	} else if err != nil {
		return c.fail(ExitFailed, "disconnect failed: %v.", err)
	}
	if tokErr != nil {
		revokeFailed = true
		err = errors.Join(err, tokErr)
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
