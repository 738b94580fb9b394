package cli

import (
	"fmt"
	"io"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/sfsync/sfsync/core/engine"
	"github.com/sfsync/sfsync/core/format"
	"github.com/sfsync/sfsync/core/store"
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

	runs chan finishedRun
	done chan struct{}
}

const plainEvery = 5 * time.Second

// renderEvents prints env's events on w until env closes. Close env with
// closeRendered: a command must not return while its renderer still writes.
func renderEvents(w io.Writer, env *Env) *renderer {
	r := &renderer{w: w, tty: isTerminal(w), runs: make(chan finishedRun, 16), done: make(chan struct{})}
	go r.consume(env.Engine.Events())
	return r
}

// closeRendered closes env and waits until r (nil: none was started) has
// printed the engine's last events.
func closeRendered(env *Env, r *renderer) {
	env.Close()
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
				fmt.Fprintln(r.w, runSummary(*ev.Run))
				select {
				case r.runs <- finishedRun{run: *ev.Run, err: ev.Err}:
				default:
				}
			}
		case engine.EventStatusChanged:
			if ev.State.Status == engine.StatusError && ev.State.Detail != "" && ev.State.Detail != r.lastErr {
				r.endLine()
				fmt.Fprintf(r.w, "Status: Error — %s\n", ev.State.Detail)
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

// runSummary is one line about a finished run.
func runSummary(run store.Run) string {
	var b strings.Builder
	switch run.Result {
	case "ok":
		b.WriteString("Sync finished")
	case "stopped":
		b.WriteString("Sync stopped")
	default:
		b.WriteString("Sync failed")
	}
	fmt.Fprintf(&b, " in %s: %s, %s API calls", run.End.Sub(run.Start).Round(100*time.Millisecond), countsText(run.Objects), format.Thousands(int64(run.APICalls)))
	if run.Error != "" {
		b.WriteString(". " + strings.TrimSuffix(run.Error, "."))
	}
	b.WriteString(".")
	return b.String()
}

// countsText is "Account +30,000 ~2 -1, User +50" in sync order, or "no changes".
func countsText(m map[string]store.Counts) string {
	var parts []string
	for _, obj := range orderedObjects(m) {
		c := m[obj]
		if c.Added == 0 && c.Updated == 0 && c.Deleted == 0 {
			continue
		}
		parts = append(parts, fmt.Sprintf("%s +%s ~%s -%s", obj, format.Thousands(int64(c.Added)), format.Thousands(int64(c.Updated)), format.Thousands(int64(c.Deleted))))
	}
	if len(parts) == 0 {
		return "no changes"
	}
	return strings.Join(parts, ", ")
}

// orderedObjects lists map keys in sync order, unknown ones last.
func orderedObjects[V any](m map[string]V) []string {
	var out []string
	for _, obj := range engine.Objects {
		if _, ok := m[obj]; ok {
			out = append(out, obj)
		}
	}
	var rest []string
	for k := range m {
		if !slices.Contains(engine.Objects, k) {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	return append(out, rest...)
}
