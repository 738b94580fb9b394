package engine

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"maps"
	"slices"
	"sync"
	"time"

	"github.com/sfsync/sfsync/core/store"
)

// Errors callers can match.
var (
	ErrNotConnected = errors.New("salesforce is not connected")
	ErrClosed       = errors.New("engine is closed")
	// ErrNeedsReauth: the refresh token was refused (invalid_grant) or is
	// missing; nothing is attempted until Reauthorize or Connect succeeds.
	ErrNeedsReauth = errors.New("salesforce needs reauthorization")
	// ErrInvalidSetting: a setter was given a value sfsync does not offer;
	// the error's text says which values it takes.
	ErrInvalidSetting = errors.New("not a value sfsync offers")
	// ErrBusy: a run is already in progress.
	ErrBusy = errors.New("a sync is already running")
)

// Engine syncs one Salesforce source. Create it with New, read Events, and
// Close it when done. All methods are safe for concurrent use: every change
// of state (the setters included) runs on the one worker goroutine, so
// memory and store agree and events arrive in the order of the changes.
type Engine struct {
	cfg    Config
	st     *store.Store
	log    *slog.Logger
	now    func() time.Time
	after  func(time.Duration) <-chan time.Time
	events *eventQueue

	jobs   chan workItem
	ops    chan func()   // short state changes (setters), run by the worker between and inside work items
	kick   chan struct{} // SyncNow and schedule changes wake the worker
	ctx    context.Context
	cancel context.CancelFunc
	done   chan struct{}

	mu        sync.Mutex // guards everything below
	state     State
	sess      *session           // nil when not connected
	workStop  context.CancelFunc // cancels the work item running now
	schedule  bool               // Start was called and its context is live
	syncAsked bool               // SyncNow pending
	lastTry   time.Time          // last scheduled attempt (run or quota check)
	quotaStop *quotaError        // set while paused for quota
	notified  quotaKind          // the quota stop last notified, until a run succeeds
	counts    map[string]int64   // record counts of this session (EstimateFirstSync), for progress estimates
	held      bool               // first sync held after Connect (HoldFirstSync) until SyncNow or RunOnce
}

// workItem is one piece of sync work for the worker goroutine.
type workItem struct {
	ctx   context.Context
	fn    func(ctx context.Context) error
	reply chan error
}

// New opens the engine on a store. It restores the source's state (and its
// session from the refresh token in Secrets) without any network call.
func New(cfg Config) (*Engine, error) {
	if cfg.Store == nil || cfg.Secrets == nil {
		return nil, errors.New("engine: Config.Store and Config.Secrets are required")
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.After == nil {
		cfg.After = time.After
	}
	if cfg.JobTimeout <= 0 {
		cfg.JobTimeout = DefaultJobTimeout
	}
	if cfg.Lookback <= 0 {
		cfg.Lookback = 5 * time.Minute
	}
	if cfg.BulkThreshold <= 0 {
		cfg.BulkThreshold = DefaultBulkThreshold
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	ctx, cancel := context.WithCancel(context.Background())
	e := &Engine{
		cfg: cfg, st: cfg.Store, log: cfg.Logger, now: cfg.Now, after: cfg.After,
		events: newEventQueue(64),
		jobs:   make(chan workItem),
		ops:    make(chan func()),
		kick:   make(chan struct{}, 1),
		ctx:    ctx, cancel: cancel,
		done: make(chan struct{}),
	}
	if err := e.restore(); err != nil {
		cancel()
		e.events.close()
		return nil, err
	}
	go e.worker()
	return e, nil
}

// Events delivers the engine's events until Close.
func (e *Engine) Events() <-chan Event { return e.events.out }

// State is a snapshot of the source.
func (e *Engine) State() State {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.snapshotLocked()
}

func (e *Engine) snapshotLocked() State {
	s := e.state
	s.Counts = maps.Clone(s.Counts)
	s.Selection = cloneSelection(s.Selection)
	s.DroppedFields = slices.Clone(s.DroppedFields)
	s.ObjectErrors = maps.Clone(s.ObjectErrors)
	if e.sess != nil {
		if q, ok := e.sess.client.Quota(); ok {
			s.Quota = q
		}
	}
	s.NextSync = e.nextSyncLocked()
	return s
}

// Close stops the worker (cancelling a running sync, which resumes from its
// last committed page next time) and closes Events. The store stays open:
// it belongs to the caller.
func (e *Engine) Close() {
	e.cancel()
	<-e.done
	e.events.close()
}

// update changes the state under the lock and emits StatusChanged when the
// status, detail or reauth flag changed (or always, when force is set).
func (e *Engine) update(force bool, change func(s *State)) {
	e.mu.Lock()
	before := e.state
	change(&e.state)
	after := e.snapshotLocked()
	e.mu.Unlock()
	if before.Status != after.Status || before.Detail != after.Detail {
		e.log.Info("status changed", "status", string(after.Status), "detail", after.Detail)
	}
	if force || before.Status != after.Status || before.Detail != after.Detail || before.NeedsReauth != after.NeedsReauth {
		e.events.push(Event{Kind: EventStatusChanged, State: after})
	}
}

func (e *Engine) emit(kind EventKind, fill func(ev *Event)) {
	ev := Event{Kind: kind, State: e.State()}
	if fill != nil {
		fill(&ev)
	}
	e.events.push(ev)
}

// submit runs fn on the worker goroutine and waits for it.
func (e *Engine) submit(ctx context.Context, fn func(ctx context.Context) error) error {
	item := workItem{ctx: ctx, fn: fn, reply: make(chan error, 1)}
	select {
	case e.jobs <- item:
	case <-ctx.Done():
		return ctx.Err()
	case <-e.ctx.Done():
		return ErrClosed
	}
	select {
	case err := <-item.reply:
		return err
	case <-e.ctx.Done():
		return ErrClosed
	}
}

// change runs fn on the worker goroutine (between work items, or at a wait
// point of the running one) and returns its error. fn must not call submit
// or change.
func (e *Engine) change(fn func() error) error {
	reply := make(chan error, 1)
	select {
	case e.ops <- func() { reply <- fn() }:
	case <-e.ctx.Done():
		return ErrClosed
	}
	return <-reply // the worker runs an op as soon as it takes it
}

// serveUntil runs state changes on the worker goroutine until done is
// closed: work items call it where they wait (the browser sign-in).
func (e *Engine) serveUntil(done <-chan struct{}) {
	for {
		select {
		case <-done:
			return
		case op := <-e.ops:
			op()
		}
	}
}

// workContext derives the context one work item runs under: cancelled by
// the caller, by Close, and by Disconnect (workStop).
func (e *Engine) workContext(parent context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(parent)
	stop := context.AfterFunc(e.ctx, cancel)
	e.mu.Lock()
	e.workStop = cancel
	e.mu.Unlock()
	return ctx, func() {
		stop()
		cancel()
		e.mu.Lock()
		e.workStop = nil
		e.mu.Unlock()
	}
}

// worker is the one goroutine that does sync work.
func (e *Engine) worker() {
	defer close(e.done)
	for {
		timer := e.scheduleTimer()
		select {
		case <-e.ctx.Done():
			return
		case op := <-e.ops:
			op()
		case item := <-e.jobs:
			ctx, cancel := e.workContext(item.ctx)
			err := item.fn(ctx)
			cancel()
			item.reply <- err
		case <-e.kick:
			e.runAsked(false)
		case <-timer:
			e.runAsked(true)
		}
	}
}

// SyncNow asks for a sync as soon as the worker is free; it returns at once.
func (e *Engine) SyncNow() {
	e.mu.Lock()
	e.syncAsked = true
	e.mu.Unlock()
	e.wake()
}

func (e *Engine) wake() {
	select {
	case e.kick <- struct{}{}:
	default:
	}
}

// RunOnce runs one sync now (first sync where needed, else incremental) and
// returns its history entry. It resumes any unfinished Bulk job first.
func (e *Engine) RunOnce(ctx context.Context) (store.Run, error) {
	var run store.Run
	err := e.submit(ctx, func(ctx context.Context) error {
		var err error
		run, err = e.run(ctx, false)
		return err
	})
	return run, err
}

func cloneSelection(sel map[string][]string) map[string][]string {
	if sel == nil {
		return nil
	}
	out := make(map[string][]string, len(sel))
	for k, v := range sel {
		out[k] = slices.Clone(v)
	}
	return out
}
