package cli

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/sfsync/sfsync/core/app"
	"github.com/sfsync/sfsync/core/store"
	"github.com/sfsync/sfsync/core/wording"
)

func newRecover(g *global) *cobra.Command {
	var force bool
	c := &cobra.Command{
		Use:   "recover",
		Short: "Set a damaged local store aside and start it again from Salesforce",
		Long: `When sfsync says the local store is damaged: move the damaged file aside (as
sfsync.db.damaged-TIME in the data directory; nothing is deleted) and start a
new store that keeps the settings, field selection and sync history that are
still readable. The sign-in in the keyring stays; the next sync reads every
record again from Salesforce. A store that is not damaged is left alone
unless --force.`,
		Example: `  sfsync recover
  sfsync recover && sfsync sync --once`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			dir, rec, err := app.Recover(g.dataDir, force)
			var running *store.AlreadyRunningError
			switch {
			case errors.As(err, &running):
				return &exitError{code: ExitRunning, name: "AlreadyRunning", msg: wording.AlreadyRunning(running, wording.CLI)}
			case errors.Is(err, app.ErrNotDamaged):
				return usage("the local store in %s is not damaged: nothing to recover (--force starts it afresh anyway, keeping the settings)", dir)
			case err != nil:
				return failed("%v", err)
			}
			res := RecoverResult{DataDir: dir, DamagedPath: rec.DamagedPath, SettingsKept: rec.Settings, Runs: rec.Runs}
			g.out(res, func(w io.Writer) { printRecovered(w, res) })
			return nil
		},
	}
	c.Flags().BoolVar(&force, "force", false, "start the store afresh even if it is not damaged")
	return c
}

func printRecovered(w io.Writer, r RecoverResult) {
	if r.DamagedPath != "" {
		fmt.Fprintf(w, "The old store is set aside as %s.\n", r.DamagedPath) // damaged, or healthy with --force
	}
	if !r.SettingsKept {
		fmt.Fprintln(w, "A new store is started; its settings could not be read back: connect again with `sfsync connect`.")
		return
	}
	kept := "the settings and field selection"
	if r.Runs > 0 {
		kept += " (and " + wording.Count(int64(r.Runs), "sync history entry", "sync history entries") + ")"
	}
	fmt.Fprintf(w, "A new store is started with %s. Run `sfsync sync --once` to read every record again from Salesforce.\n", kept)
}
