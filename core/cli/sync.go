package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/sfsync/sfsync/core/engine"
	"github.com/sfsync/sfsync/core/format"
	"github.com/sfsync/sfsync/core/store"
)

func runSync(c *cmdContext, args []string) int {
	fs := c.newFlags("sync", "[--once]", "Sync with Salesforce. With --once: one run, then exit 0 if it succeeded, 1 if not.\n"+
		"Without: sync now if due and then on the schedule (Update frequency) until SIGINT or SIGTERM.")
	once := fs.Bool("once", false, "run one sync and exit")
	if code, ok := c.parseNoArgs(fs, args); !ok {
		return code
	}
	ctx, stop := interruptible()
	defer stop()
	env, code := c.openEnv(envOptions{})
	if env == nil {
		return code
	}
	r := renderEvents(c.stdout, env)
	defer closeRendered(env, r)

	st := env.Engine.State()
	if st.Status == engine.StatusNotConnected {
		return c.fail(ExitFailed, "Salesforce is not connected in %s: run `sfsync connect` first.", env.DataDir)
	}
	if st.NeedsReauth {
		return c.fail(ExitFailed, "%s Run `sfsync connect` to sign in again.", st.Detail)
	}
	c.estimate(ctx, env, r)
	if *once {
		return c.syncOnce(ctx, env, r)
	}
	fmt.Fprintf(c.stdout, "Syncing every %s while this runs; press Ctrl-C to stop.\n", env.Engine.State().Frequency)
	env.Engine.Start(ctx)
	<-ctx.Done()
	fmt.Fprintln(c.stdout, "Stopping: an unfinished sync resumes from its last committed page next time.")
	return ExitOK
}

// syncOnce runs one sync and waits for the renderer's summary of it.
func (c *cmdContext) syncOnce(ctx context.Context, env *Env, r *renderer) int {
	run, err := env.Engine.RunOnce(ctx)
	if run.Seq == 0 && err != nil { // nothing ran: no summary will come
		return c.fail(ExitFailed, "the sync did not start: %v.", err)
	}
	select {
	case fin := <-r.runs:
		if fin.err != nil || fin.run.Result != store.RunOK {
			return ExitFailed
		}
		return ExitOK
	case <-ctx.Done():
		fmt.Fprintln(c.stdout, "Stopped: the next sync resumes from the last committed page.")
		return ExitFailed
	}
}

// estimate prints what a first sync will cost before it starts (one API
// call), and feeds the per-object counts to the progress line. It does
// nothing once the first sync is done.
func (c *cmdContext) estimate(ctx context.Context, env *Env, r *renderer) {
	if env.Engine.State().FirstSyncDone {
		return
	}
	est, err := env.Engine.EstimateFirstSync(ctx)
	if err != nil {
		if !errors.Is(err, context.Canceled) {
			fmt.Fprintf(c.stderr, "sfsync: could not estimate the first sync (%v); syncing anyway.\n", err)
		}
		return
	}
	r.setEstimates(est.Records)
	fmt.Fprintln(c.stdout, estimateText(est))
}

func estimateText(est engine.Estimate) string {
	s := fmt.Sprintf("First sync: %s records, about %s API calls", format.Thousands(est.TotalRecords), format.Thousands(est.APICalls))
	if est.Quota.Max > 0 {
		s += fmt.Sprintf(" (%s of the %s requests left today)", format.PercentTenths(100*est.ShareOfRemaining), format.Thousands(est.Quota.Max-est.Quota.Used))
	}
	return s + "."
}
