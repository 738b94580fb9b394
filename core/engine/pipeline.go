package engine

import (
	"context"
	"errors"
	"time"

	"github.com/sfsync/sfsync/core/salesforce"
)

// maxPagesHeld bounds the result pages in memory across all reads of a
// run: one being committed and one arriving. Commits happen one at a time,
// so more would only wait; this keeps memory flat however many objects
// read at once.
const maxPagesHeld = 2

// pipeline runs a run's reads side by side. Every network call runs on a
// goroutine of its own and hands its result back to the loop; the loop
// runs on the worker goroutine and alone commits pages, moves progress and
// changes state, so bbolt's one writer is never contended and one object's
// pages are committed in order. A read has at most one call in flight, plus
// the next results page fetched while the current one commits. One object's
// failure ends only that object's read; a run-wide one (quota,
// reauthorization, cancellation) stops them all.
type pipeline struct {
	r      *runner
	parent context.Context
	ctx    context.Context // cancelled on a run-wide failure
	cancel context.CancelFunc

	done    chan func() // results of calls and timers, run on the loop
	pending int         // goroutines that will send on done
	fatal   error

	held    int      // result pages fetched or being fetched, not yet committed
	waiting []func() // page fetches waiting for room
	free    []*salesforce.ResultPage
}

func newPipeline(ctx context.Context, r *runner) *pipeline {
	p := &pipeline{r: r, parent: ctx, done: make(chan func())}
	p.ctx, p.cancel = context.WithCancel(ctx)
	return p
}

// wait runs the loop until every call and timer has reported back, and
// returns the run-wide failure, if any. State changes asked meanwhile
// (setters) run between results.
func (p *pipeline) wait() error {
	for p.pending > 0 {
		select {
		case fn := <-p.done:
			p.pending--
			fn()
		case op := <-p.r.e.ops:
			op()
		}
	}
	p.cancel()
	if p.fatal == nil {
		p.fatal = p.parent.Err() // handlers drop the results of a cancelled run
	}
	return p.fatal
}

// spawn makes call on a goroutine of its own and runs then on the loop
// with its result.
func spawn[T any](p *pipeline, call func(ctx context.Context) (T, error), then func(T, error)) {
	p.pending++
	go func() {
		v, err := call(p.ctx)
		p.done <- func() { then(v, err) }
	}()
}

// after runs then on the loop once d has passed on the engine's clock, or
// at once when the run stops (then checks stopped).
func (p *pipeline) after(d time.Duration, then func()) {
	p.pending++
	go func() {
		select {
		case <-p.r.e.after(d):
		case <-p.ctx.Done():
		}
		p.done <- then
	}()
}

// stopped reports a run-wide failure: no new call should start.
func (p *pipeline) stopped() bool { return p.fatal != nil || p.ctx.Err() != nil }

// fail ends rd's read with err; a run-wide failure stops every read.
func (p *pipeline) fail(rd *read, err error) {
	if p.fatal != nil || rd.err != nil {
		return // later errors of a stopping run or read only echo the first
	}
	if runWide(p.parent, err) {
		p.fatal = err
		p.cancel()
		return
	}
	rd.err = err
	p.r.objectFailed(rd.obj, err)
}

// dead reports whether rd's results should be dropped.
func (p *pipeline) dead(rd *read) bool { return p.stopped() || rd.err != nil }

// runWide reports an error that ends the whole run rather than one object:
// the quota guard, Salesforce's daily limit, a session that needs signing
// in again, or the run's own cancellation.
func runWide(ctx context.Context, err error) bool {
	var qe *quotaError
	return errors.As(err, &qe) || errors.Is(err, salesforce.ErrRequestLimitExceeded) ||
		errors.Is(err, salesforce.ErrReauthorize) || ctx.Err() != nil
}

// withPage runs fetch once a result page may be held (see maxPagesHeld),
// with a page buffer to fill; the fetch's handler gives it back with
// releasePage.
func (p *pipeline) withPage(fetch func(page *salesforce.ResultPage)) {
	if p.held >= maxPagesHeld {
		p.waiting = append(p.waiting, func() { fetch(p.takePage()) })
		return
	}
	p.held++
	fetch(p.takePage())
}

func (p *pipeline) takePage() *salesforce.ResultPage {
	if n := len(p.free); n > 0 {
		page := p.free[n-1]
		p.free = p.free[:n-1]
		return page
	}
	return &salesforce.ResultPage{}
}

// releasePage gives a page back (nil: a REST page, nothing to reuse) and
// starts the next waiting fetch.
func (p *pipeline) releasePage(page *salesforce.ResultPage) {
	if page != nil {
		p.free = append(p.free, page)
	}
	p.held--
	if len(p.waiting) > 0 && !p.stopped() {
		next := p.waiting[0]
		p.waiting = p.waiting[1:]
		p.held++
		next()
	}
}
