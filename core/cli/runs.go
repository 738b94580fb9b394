package cli

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/sfsync/sfsync/core/format"
	"github.com/sfsync/sfsync/core/store"
	"github.com/sfsync/sfsync/core/wording"
)

func newRuns(g *global) *cobra.Command {
	var limit int
	c := &cobra.Command{
		Use:   "runs",
		Short: "Show the sync history",
		Long: "Show the sync history, newest first: when, how long, the result, API calls and the changes per object.\n\n" +
			"Changes: " + wording.ChangesLegend,
		Example: `  sfsync runs
  sfsync runs --limit 1 --json | jq '.result.runs[0].api_calls'`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			if limit < 0 {
				return usage("--limit %d: give 0 (all) or a positive number", limit)
			}
			a, err := g.open(appOptions{})
			if err != nil {
				return err
			}
			defer a.Close()
			runs, err := a.Engine.History(limit)
			if err != nil {
				return failed("read the sync history: %v", err)
			}
			res := RunsResult{Runs: make([]RunResult, len(runs))}
			for i, r := range runs {
				res.Runs[i] = toRunResult(r)
			}
			g.out(res, func(w io.Writer) { printRuns(w, runs) })
			return nil
		},
	}
	c.Flags().IntVar(&limit, "limit", 20, "how many runs (0: all kept)")
	return c
}

func printRuns(w io.Writer, runs []store.Run) {
	if len(runs) == 0 {
		fmt.Fprintln(w, "No syncs yet: run `sfsync sync --once`.")
		return
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "#\tSTARTED\tDURATION\tRESULT\tAPI CALLS\tCHANGES\tERROR")
	for _, r := range runs {
		dur := "-"
		if !r.End.IsZero() {
			dur = r.End.Sub(r.Start).Round(100 * time.Millisecond).String()
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\n", r.Seq, r.Start.Local().Format("2006-01-02 15:04:05"), dur,
			wording.RunResult(r.Result), format.Thousands(int64(r.APICalls)), wording.Changes(r.Objects), oneLine(r.Error, 80))
	}
	tw.Flush()
	fmt.Fprintln(w, "\nChanges: "+wording.ChangesLegend)
}

// oneLine shortens s to one line of at most n runes for a table.
func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
