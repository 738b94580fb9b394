package engine

import (
	"context"
	"time"
)

// quotaRecheck is how often a source paused for quota looks again (one
// /limits call) while its frequency is longer.
const quotaRecheck = 15 * time.Minute

// nextSyncLocked is when the scheduler will next try, or zero.
func (e *Engine) nextSyncLocked() time.Time {
	s := &e.state
	if !e.schedule || e.sess == nil || e.held || s.NeedsReauth || (!s.Enabled && s.FirstSyncDone) {
		return time.Time{}
	}
	freq := s.Frequency
	if freq <= 0 {
		freq = time.Hour
	}
	last := e.lastTry
	if last.IsZero() {
		last = s.LastSync
	}
	if last.IsZero() || (!s.FirstSyncDone && e.lastTry.IsZero()) {
		return e.now()
	}
	if e.quotaStop != nil {
		freq = min(freq, quotaRecheck)
	}
	return last.Add(freq)
}

// scheduleTimer returns a channel that fires when the next scheduled sync
// is due (nil: none), from the engine's clock.
func (e *Engine) scheduleTimer() <-chan time.Time {
	e.mu.Lock()
	next := e.nextSyncLocked()
	e.mu.Unlock()
	if next.IsZero() {
		return nil
	}
	return e.after(max(next.Sub(e.now()), 0))
}

// sleep waits d on the engine's clock, or until ctx ends.
func (e *Engine) sleep(ctx context.Context, d time.Duration) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-e.after(d):
		return nil
	}
}

// runAsked runs a sync if one was asked for (SyncNow) or is due.
func (e *Engine) runAsked(due bool) {
	e.mu.Lock()
	asked := e.syncAsked
	e.syncAsked = false
	ok := e.sess != nil && !e.state.NeedsReauth
	due = due && !e.held // a held first sync starts only when asked
	if ok && (asked || due) {
		e.lastTry = e.now()
	}
	e.mu.Unlock()
	if !ok || !(asked || due) {
		return
	}
	ctx, cancel := e.workContext(e.ctx)
	defer cancel()
	if _, err := e.run(ctx, due && !asked); err != nil {
		e.log.Info("sync ended with an error", "err", err)
	}
}
