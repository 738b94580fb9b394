package cli

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/sfsync/sfsync/core/app"
	"github.com/sfsync/sfsync/core/engine"
	"github.com/sfsync/sfsync/core/format"
	"github.com/sfsync/sfsync/core/store"
	"github.com/sfsync/sfsync/core/wording"
)

// finishedRun is a run the engine reported finished.
type finishedRun struct {
	run store.Run
	err error
}

// renderer prints the engine's events: on a terminal one progress line
// rewritten in place, otherwise plain lines (at most one per object and
// plainEvery); a summary per finished run; status changes to Error.
type renderer struct {
	w   io.Writer
	tty bool

	mu        sync.Mutex
	estimates map[string]int64 // per object, from EstimateFirstSync
	lineOpen  bool
	lastPlain time.Time
	lastObj   string
	lastErr   string

	runs     chan finishedRun
	finished []store.Run // every run reported, for --json
	done     chan struct{}
}

const plainEvery = 5 * time.Second

// renderEvents prints a's events on w until a closes. Close a with
// closeRendered: a command must not return while its renderer still writes.
func renderEvents(w io.Writer, a *app.App) *renderer {
	r := &renderer{w: w, tty: isTerminal(w), runs: make(chan finishedRun, 16), done: make(chan struct{})}
	go r.consume(a.Engine.Events())
	return r
}

// closeRendered closes a and waits until r (nil: none was started) has
// printed the engine's last events.
func closeRendered(a *app.App, r *renderer) {
	a.Close()
	if r != nil {
		<-r.done
	}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

func (r *renderer) setEstimates(m map[string]int64) {
	r.mu.Lock()
	r.estimates = m
	r.mu.Unlock()
}

// consume renders events until the channel closes (engine closed).
func (r *renderer) consume(events <-chan engine.Event) {
	defer close(r.done)
	for ev := range events {
		r.mu.Lock()
		switch ev.Kind {
		case engine.EventProgress:
			r.progress(ev.Progress)
		case engine.EventRunFinished:
			r.endLine()
			if ev.Run != nil {
				fmt.Fprintln(r.w, wording.RunSummary(*ev.Run))
				r.finished = append(r.finished, *ev.Run)
				select {
				case r.runs <- finishedRun{run: *ev.Run, err: ev.Err}:
				default:
				}
			}
		case engine.EventStatusChanged:
			if trouble(ev.State) && ev.State.Detail != "" && ev.State.Detail != r.lastErr {
				r.endLine()
				fmt.Fprintf(r.w, "Status: %s\n", statusLine(ev.State))
			}
			r.lastErr = ev.State.Detail
		}
		r.mu.Unlock()
	}
	r.mu.Lock()
	r.endLine()
	r.mu.Unlock()
}

func (r *renderer) progress(p engine.Progress) {
	// The estimates count whole objects: they fit full syncs only.
	est := p.Estimated
	if est == 0 && p.FirstSync {
		est = r.estimates[p.Object]
	}
	kind := "changes"
	if p.FirstSync {
		kind = "full"
	}
	line := fmt.Sprintf("Syncing %s (%s): %s", p.Object, kind, ofTotal(p.Done, est))
	if p.Skipped > 0 {
		line += " (" + wording.Skipped(p.Skipped) + ")"
	}
	if p.TotalEstimated > 0 || (p.FirstSync && len(r.estimates) > 0) {
		total := p.TotalEstimated
		if total == 0 {
			for _, n := range r.estimates {
				total += n
			}
		}
		line += " · all objects " + ofTotal(p.TotalDone, total)
	}
	if r.tty {
		fmt.Fprintf(r.w, "\r\033[K%s", line)
		r.lineOpen = true
		return
	}
	if p.Object != r.lastObj || time.Since(r.lastPlain) >= plainEvery {
		fmt.Fprintln(r.w, line)
		r.lastObj, r.lastPlain = p.Object, time.Now()
	}
}

func ofTotal(done, est int64) string {
	if est > 0 {
		return format.Thousands(done) + " / " + format.Thousands(est) + " rows"
	}
	return format.Thousands(done) + " rows"
}

func (r *renderer) endLine() {
	if r.lineOpen {
		fmt.Fprintln(r.w)
		r.lineOpen = false
	}
}

// results are the runs reported so far, for --json (read after closeRendered).
func (r *renderer) results() []RunResult {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]RunResult, len(r.finished))
	for i, run := range r.finished {
		out[i] = toRunResult(run)
	}
	return out
}

// trouble reports a state the person must hear of: an error or a quota
// pause.
func trouble(st engine.State) bool {
	return st.Status == engine.StatusError || st.Status == engine.StatusPausedQuota
}

// statusLine is "Error — detail", or a quota pause's detail, which starts
// with its name ("Paused: API quota. …").
func statusLine(st engine.State) string {
	if st.Status == engine.StatusPausedQuota {
		return st.Detail
	}
	return string(st.Status) + " — " + st.Detail
}
