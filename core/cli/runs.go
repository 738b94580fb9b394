package cli

import (
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/sfsync/sfsync/core/format"
	"github.com/sfsync/sfsync/core/store"
)

// runJSON is one line of `runs --json`.
type runJSON struct {
	Seq      uint64                `json:"seq"`
	Start    time.Time             `json:"start"`
	End      *time.Time            `json:"end"` // null while running (or killed)
	Result   string                `json:"result"`
	APICalls int                   `json:"api_calls"`
	Objects  map[string]countsJSON `json:"objects"`
	Error    string                `json:"error,omitempty"`
}

type countsJSON struct {
	Added   int `json:"added"`
	Updated int `json:"updated"`
	Deleted int `json:"deleted"`
}

func toRunJSON(r store.Run) runJSON {
	out := runJSON{Seq: r.Seq, Start: r.Start, Result: string(r.Result), APICalls: r.APICalls, Error: r.Error, Objects: map[string]countsJSON{}}
	if !r.End.IsZero() {
		end := r.End
		out.End = &end
	}
	for obj, c := range r.Objects {
		out.Objects[obj] = countsJSON{Added: c.Added, Updated: c.Updated, Deleted: c.Deleted}
	}
	return out
}

func runRuns(c *cmdContext, args []string) int {
	fs := c.newFlags("runs", "[--json] [--limit N]", "Show the sync history, newest first.")
	asJSON := fs.Bool("json", false, "one JSON object per line per run")
	limit := fs.Int("limit", 20, "how many runs (0: all kept)")
	if code, ok := c.parseNoArgs(fs, args); !ok {
		return code
	}
	if *limit < 0 {
		return c.fail(ExitUsage, "--limit %d: give 0 (all) or a positive number.", *limit)
	}
	env, code := c.openEnv(envOptions{})
	if env == nil {
		return code
	}
	defer env.Close()
	runs, err := env.Engine.History(*limit)
	if err != nil {
		return c.fail(ExitFailed, "%v.", err)
	}
	if *asJSON {
		enc := json.NewEncoder(c.stdout)
		for _, r := range runs {
			if err := enc.Encode(toRunJSON(r)); err != nil {
				return c.fail(ExitFailed, "write runs: %v.", err)
			}
		}
		return ExitOK
	}
	if len(runs) == 0 {
		fmt.Fprintln(c.stdout, "No syncs yet: run `sfsync sync --once`.")
		return ExitOK
	}
	tw := tabwriter.NewWriter(c.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "#\tSTARTED\tDURATION\tRESULT\tAPI CALLS\tCHANGES\tERROR")
	for _, r := range runs {
		dur := "-"
		if !r.End.IsZero() {
			dur = r.End.Sub(r.Start).Round(100 * time.Millisecond).String()
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\n", r.Seq, r.Start.Local().Format("2006-01-02 15:04:05"), dur,
			r.Result, format.Thousands(int64(r.APICalls)), countsText(r.Objects), oneLine(r.Error, 80))
	}
	if err := tw.Flush(); err != nil {
		return c.fail(ExitFailed, "write runs: %v.", err)
	}
	return ExitOK
}

// oneLine shortens s to one line of at most n runes for a table.
func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
