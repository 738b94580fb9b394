package cli

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/sfsync/sfsync/core/app"
	"github.com/sfsync/sfsync/core/engine"
	"github.com/sfsync/sfsync/core/wording"
)

func newExplain(g *global) *cobra.Command {
	return &cobra.Command{
		Use:   "explain ID",
		Short: "Say why a record is or is not in the local store",
		Long: `Say in one sentence why a record is or is not in the local store. A stored
record is answered from the store (no network call, no keyring). Otherwise
sfsync asks Salesforce once: is the record there, deleted (Recycle Bin),
invisible to sfsync's user or gone for good, or changed after the last sync;
an Id of an object sfsync does not sync is named from the org's object list.`,
		Example: `  sfsync explain 001LA0000000001YAA
  sfsync explain 0015000000Gv7qJ          # 15-character Ids work too
  sfsync explain 003LA00000000A1YAA --json`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usage("explain takes one record Id, e.g. `sfsync explain 001LA0000000001YAA`; you gave %d", len(args))
			}
			return nil
		},
		RunE: func(c *cobra.Command, args []string) error {
			f, err := g.explain(c, args[0])
			if err != nil {
				return err
			}
			res := ExplainResult{Finding: f, Sentence: wording.Explain(f)}
			g.out(res, func(w io.Writer) { fmt.Fprintln(w, res.Sentence) })
			return nil
		},
	}
}

// explain answers from the store alone when it can, and only then opens the
// keyring to ask Salesforce.
func (g *global) explain(c *cobra.Command, id string) (wording.Finding, error) {
	ask := func(a *app.App) (wording.Finding, error) {
		defer a.Close()
		f, err := a.Engine.Explain(c.Context(), id)
		if errors.Is(err, engine.ErrNotAnID) {
			return f, usage("%v", err)
		}
		if err != nil {
			return f, failed("%v", err)
		}
		return f, nil
	}
	a, err := g.open(appOptions{})
	if err != nil {
		return wording.Finding{}, err
	}
	f, err := ask(a)
	if err != nil || f.InStore || (a.Engine.State().Status == engine.StatusNotConnected) {
		return f, err
	}
	if a, err = g.openWithKeyring(appOptions{}); err != nil {
		return f, err
	}
	return ask(a)
}
