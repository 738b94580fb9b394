package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/sfsync/sfsync/core/app"
	"github.com/sfsync/sfsync/core/demo"
	"github.com/sfsync/sfsync/core/engine"
	"github.com/sfsync/sfsync/core/store"
	"github.com/sfsync/sfsync/core/wording"
)

func newSync(g *global) *cobra.Command {
	var once bool
	c := &cobra.Command{
		Use:   "sync",
		Short: "Sync now (--once) or on the schedule until interrupted",
		Long: `Sync with Salesforce. With --once: one run, then exit 0 if it succeeded, 1 if
not. Without: sync now if due and then on the schedule (the Update frequency)
until SIGINT or SIGTERM; an unfinished sync resumes from its last committed
page next time. Before a first sync it prints the estimated cost.`,
		Example: `  sfsync sync --once
  sfsync sync            # keep syncing; Ctrl-C stops
  sfsync sync --once --json | jq '.result.runs[0].result'`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			ctx, stop := interruptible(c.Context())
			defer stop()
			return g.sync(ctx, once)
		},
	}
	c.Flags().BoolVar(&once, "once", false, "run one sync and exit")
	return c
}

func (g *global) sync(ctx context.Context, once bool) error {
	a, err := g.openWithKeyring(appOptions{})
	if err != nil {
		return err
	}
	r := renderEvents(g.say(), a)
	if err := g.syncable(a); err != nil {
		closeRendered(a, r)
		return err
	}
	g.estimate(ctx, a, r)
	if once {
		run, err := g.syncOnce(ctx, a, r)
		closeRendered(a, r)
		if err != nil {
			return err
		}
		g.out(SyncResult{Runs: []RunResult{toRunResult(run)}}, func(io.Writer) {})
		return nil
	}
	fmt.Fprintf(g.say(), "Syncing %s while this runs; press Ctrl-C to stop.\n", strings.ToLower(wording.Period(a.Engine.State().Frequency)))
	a.Engine.Start(ctx)
	<-ctx.Done()
	fmt.Fprintln(g.say(), "Stopping: an unfinished sync resumes from its last committed page next time.")
	closeRendered(a, r)
	g.out(SyncResult{Runs: r.results()}, func(io.Writer) {})
	return nil
}

// syncable refuses a sync that cannot run: not connected, or signed out.
func (g *global) syncable(a *app.App) error {
	st := a.Engine.State()
	switch {
	case st.Status == engine.StatusNotConnected && st.Detail == demo.EndedDetail:
		return failed("Salesforce is not connected in %s. %s", a.DataDir, demo.EndedDetailCLI)
	case st.Status == engine.StatusNotConnected && st.Detail != "":
		return failed("Salesforce is not connected in %s. %s Run `sfsync connect`", a.DataDir, st.Detail)
	case st.Status == engine.StatusNotConnected:
		return failed("Salesforce is not connected in %s: run `sfsync connect` first", a.DataDir)
	case st.NeedsReauth && st.ReauthReason != "":
		return failed("%s %s", st.ReauthReason, wording.ReauthCLI(st.CLIOrg))
	case st.NeedsReauth:
		return failed("%s Run `sfsync connect` to sign in again", st.Detail)
	}
	return nil
}

// syncOnce runs one sync and waits for the renderer's summary of it. A run
// that did not succeed is exit 1 (its summary was printed already); one
// stopped by Ctrl-C is named Interrupted whichever of the summary and the
// signal comes first.
func (g *global) syncOnce(ctx context.Context, a *app.App, r *renderer) (store.Run, error) {
	run, err := a.Engine.RunOnce(ctx)
	if run.Seq == 0 && err != nil { // nothing ran: no summary will come
		if ctx.Err() != nil {
			fmt.Fprintln(g.say(), wording.StoppedBeforeRun)
			return run, g.interrupted(wording.StoppedBeforeRun)
		}
		return run, failed("the sync did not start: %v", err)
	}
	var fin finishedRun
	select {
	case fin = <-r.runs:
	case <-ctx.Done():
		// The engine reported the stopped run before RunOnce returned:
		// its summary follows.
		select {
		case fin = <-r.runs:
		case <-time.After(summaryWait):
			fmt.Fprintln(g.say(), "Sync stopped. "+wording.RunResumes)
			return run, g.interrupted("Sync stopped. " + wording.RunResumes)
		}
	}
	switch {
	case fin.run.Result == store.RunStopped:
		return fin.run, g.interrupted(wording.RunSummary(fin.run))
	case fin.err != nil || fin.run.Result != store.RunOK:
		return fin.run, g.runFailed(fin.run)
	}
	return fin.run, nil
}

// interrupted is Ctrl-C's exit: quiet in text (msg was printed), msg in
// JSON.
func (g *global) interrupted(msg string) error {
	return &exitError{code: ExitFailed, name: "Interrupted", msg: msg, quiet: !g.json}
}

// summaryWait bounds the wait for a stopped run's summary.
const summaryWait = 5 * time.Second

// runFailed is a failed run's exit: quiet in text (the summary said it),
// the run's error in JSON.
func (g *global) runFailed(run store.Run) error {
	return &exitError{code: ExitFailed, name: "SyncFailed", msg: wording.RunSummary(run), quiet: !g.json}
}

// estimate prints what a first sync will cost before it starts (one API
// call) and feeds the per-object counts to the progress line. It does
// nothing once the first sync is done, nor while syncing is paused for the
// API quota (the count would be a call past the threshold, and the run
// stops before reading anything); a failed estimate is a note, the sync
// goes on as asked.
func (g *global) estimate(ctx context.Context, a *app.App, r *renderer) *EstimateResult {
	if st := a.Engine.State(); st.FirstSyncDone || st.Status == engine.StatusPausedQuota {
		return nil
	}
	est, err := a.Engine.EstimateFirstSync(ctx)
	if err != nil {
		if !errors.Is(err, context.Canceled) {
			fmt.Fprintln(g.note(), "sfsync: "+wording.EstimateFailed(err))
		}
		return nil
	}
	r.setEstimates(est.Records)
	res := &EstimateResult{Records: est.Records, TotalRecords: est.TotalRecords, APICalls: est.APICalls,
		Text: wording.FirstSyncEstimate(est.TotalRecords, est.APICalls, est.Quota)}
	if est.Quota.Max > 0 {
		used, max := est.Quota.Used, est.Quota.Max
		res.QuotaUsed, res.QuotaMax = &used, &max
	}
	fmt.Fprintln(g.say(), res.Text)
	return res
}

// note is where warnings go: stderr, or nowhere with --json.
func (g *global) note() io.Writer {
	if g.json {
		return io.Discard
	}
	return g.io.Err
}
