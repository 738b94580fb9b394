package engine

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/sfsync/sfsync/core/salesforce"
	"github.com/sfsync/sfsync/core/store"
	"github.com/sfsync/sfsync/core/wording"
)

// Run results in the history (store.RunResult).
const (
	resultOK      = store.RunOK
	resultError   = store.RunError
	resultStopped = store.RunStopped
	resultRunning = store.RunRunning
)

// reauthHint is the window's way back from a sign-in that no longer works.
const reauthHint = "Choose Reauthorize in Settings to sign in again; sfsync does not sync until then."

// tokenReconnectHint says how an access-token session is renewed.
const tokenReconnectHint = "Reauthorize: connect again with a new access token " +
	"(sfsync connect --instance-url URL --access-token -) or sign in through the browser; sfsync does not sync until then."

// reauthReasonFor is why the session no longer works (State.ReauthReason).
func reauthReasonFor(tokenSession bool) string {
	if tokenSession {
		return "Salesforce no longer accepts the access token sfsync was given (it expired or was revoked), " +
			"and an access token cannot be renewed."
	}
	return "Salesforce no longer accepts sfsync's sign-in (it was revoked, expired or changed)."
}

// reauthDetailFor is the Error detail when the session no longer works.
func reauthDetailFor(tokenSession bool) string {
	if tokenSession {
		return reauthReasonFor(true) + " " + tokenReconnectHint
	}
	return reauthReasonFor(false) + " " + reauthHint
}

// run performs one sync on the worker goroutine and records it.
func (e *Engine) run(ctx context.Context, scheduled bool) (store.Run, error) {
	e.mu.Lock()
	sess, reauth, paused := e.sess, e.state.NeedsReauth, e.quotaStop
	e.mu.Unlock()
	switch {
	case reauth:
		return store.Run{}, ErrNeedsReauth
	case sess == nil:
		return store.Run{}, ErrNotConnected
	}
	e.releaseHold()
	sess.beforeRun()
	set, _, err := e.st.Settings()
	if err != nil {
		return store.Run{}, e.storeFailed(err)
	}
	counter := &salesforce.CallCounter{}
	guard := newQuotaGuard(e, sess, set)
	ctx = salesforce.WithBeforeCall(salesforce.WithCallCounter(ctx, counter), guard.before)
	if err := guard.precheck(ctx, paused != nil); err != nil {
		return e.notRun(ctx, sess, counter, paused, err)
	}
	if paused != nil {
		e.mu.Lock()
		e.quotaStop = nil
		e.mu.Unlock()
		e.update(false, func(s *State) { s.Status, s.Detail = StatusActive, ""; e.deriveStatus(s) })
	}

	run := store.Run{Start: e.now(), Result: resultRunning, Objects: map[string]store.Counts{}}
	if err := e.st.SaveRun(&run); err != nil {
		return run, e.storeFailed(err)
	}
	e.update(true, func(s *State) {
		s.Running = true
		s.Progress = Progress{}
		if s.Status == StatusError || s.Status == StatusPausedQuota {
			s.Status = StatusActive
			e.deriveStatus(s)
		}
	})
	r := &runner{e: e, sess: sess, set: set, run: &run, progress: newRunProgress(), calls: counter}
	err = r.sync(ctx)
	return e.finish(ctx, &run, counter, sess, joinNotices(r.notice, quarantineNotice(run.Objects)), err)
}

// notRun handles a precheck that refused the run: still over the threshold
// while paused (no history entry, no new notification), a quota or sign-in
// stop (recorded as a run), or usage that could not be read.
func (e *Engine) notRun(ctx context.Context, sess *session, counter *salesforce.CallCounter, paused *quotaError, err error) (store.Run, error) {
	e.saveUsage(sess)
	var qe *quotaError
	if errors.As(err, &qe) && paused != nil {
		e.update(false, func(s *State) { s.Detail = qe.Error() })
		e.emit(EventQuotaChanged, nil)
		return store.Run{}, err
	}
	if !errors.As(err, &qe) && !errors.Is(err, salesforce.ErrReauthorize) && !errors.Is(err, salesforce.ErrRequestLimitExceeded) {
		return store.Run{}, e.failBeforeRun(err)
	}
	run := store.Run{Start: e.now(), Objects: map[string]store.Counts{}}
	return e.finish(ctx, &run, counter, sess, "", err)
}

// failBeforeRun reports an error met before any data moved (e.g. /limits
// unreachable) without a history entry.
func (e *Engine) failBeforeRun(err error) error {
	detail := "sfsync could not check the org's API usage: " + err.Error() + ". It tries again at the next sync."
	e.update(false, func(s *State) { s.Status, s.Detail, s.LastError = StatusError, detail, detail })
	e.emit(EventError, func(ev *Event) { ev.Err = err })
	return err
}

// finish records the run's outcome, sets the status and notifies.
func (e *Engine) finish(ctx context.Context, run *store.Run, counter *salesforce.CallCounter, sess *session, notice string, err error) (store.Run, error) {
	run.End = e.now()
	run.APICalls = int(counter.Calls())
	if notice != "" {
		run.Error = notice
	}
	e.saveUsage(sess)
	var qe *quotaError
	switch {
	case err == nil:
		e.finishOK(run, sess, notice)
	case errors.Is(err, salesforce.ErrReauthorize):
		e.finishReauth(run, sess, err)
	case errors.As(err, &qe) || errors.Is(err, salesforce.ErrRequestLimitExceeded):
		err = e.finishQuota(run, sess, qe, err)
	case ctx.Err() != nil:
		// The cause is Ctrl-C, Disconnect or quitting, not something to
		// fix: the history says what happens next, the log keeps Go's words.
		run.Result, run.Error = resultStopped, wording.RunResumes
		e.log.Info("sync stopped before the end", "err", err)
		e.update(true, func(s *State) {
			s.Running, s.Progress = false, Progress{}
			_ = e.refreshCounts(s)
		})
	default:
		e.finishFailed(run, err)
	}
	if serr := e.st.SaveRun(run); serr != nil {
		e.log.Warn("save run", "err", serr)
	}
	saved := *run
	e.emit(EventRunFinished, func(ev *Event) { ev.Run, ev.Err = &saved, err })
	if err != nil {
		e.emit(EventError, func(ev *Event) { ev.Err = err })
	}
	return saved, err
}

func (e *Engine) finishOK(run *store.Run, sess *session, notice string) {
	run.Result = resultOK
	e.mu.Lock()
	e.quotaStop, e.notified = nil, 0
	threshold := e.state.QuotaThreshold
	e.mu.Unlock()
	e.update(true, func(s *State) {
		s.Running, s.Progress, s.ObjectErrors = false, Progress{}, nil
		_ = e.refreshCounts(s)
		s.LastSync = run.End
		if s.Status == StatusError || s.Status == StatusSettingUp {
			s.Status = StatusActive
		}
		s.Detail = notice
		e.deriveStatus(s)
	})
	word := savedActive
	if !e.State().FirstSyncDone {
		word = savedSetup
	}
	e.saveStatus(word, "")
	// The run's last answer may show usage at the threshold: pause now,
	// not at the next run's first call.
	if q, ok := sess.client.Quota(); ok && overThreshold(q.Used, q.Max, threshold) {
		e.pause(&quotaError{kind: quotaThreshold, used: q.Used, max: q.Max, threshold: threshold})
	}
}

func (e *Engine) finishReauth(run *store.Run, sess *session, err error) {
	run.Result, run.Error = resultError, "reauthorization needed: "+err.Error()
	detail := sess.reauthDetail()
	e.update(true, func(s *State) {
		s.Running, s.Progress = false, Progress{}
		_ = e.refreshCounts(s)
		s.Status, s.Detail, s.NeedsReauth, s.LastError = StatusError, detail, true, detail
		s.ReauthReason = sess.reauthReason()
	})
	e.saveStatus(savedReauth, detail)
	e.notify("Salesforce needs reauthorization", detail)
}

// finishQuota stops on the guard or on Salesforce's daily limit: the
// source pauses (the run cap only ends the run) with one notification.
func (e *Engine) finishQuota(run *store.Run, sess *session, qe *quotaError, err error) error {
	if qe == nil {
		q, _ := sess.client.Quota()
		qe = &quotaError{kind: quotaExhausted, used: q.Used, max: q.Max}
		err = fmt.Errorf("%w: %w", qe, err)
	}
	run.Result, run.Error = store.RunPaused, qe.Error()
	e.update(true, func(s *State) {
		s.Running, s.Progress = false, Progress{}
		_ = e.refreshCounts(s)
	})
	e.pause(qe)
	return err
}

// pause shows a quota stop as StatusPausedQuota with its sentence, keeps a
// source-pausing one until usage drops, and notifies once per stop.
func (e *Engine) pause(qe *quotaError) {
	e.mu.Lock()
	already := e.quotaStop != nil || e.notified == qe.kind
	if qe.pausesSource() {
		e.quotaStop = qe
	}
	e.notified = qe.kind
	e.mu.Unlock()
	e.update(true, func(s *State) { s.Status, s.Detail, s.LastError = StatusPausedQuota, qe.Error(), qe.Error() })
	word := savedError
	if qe.pausesSource() {
		word = savedQuota
	}
	e.saveStatus(word, qe.Error())
	if !already {
		e.notify("Salesforce sync paused", qe.Error())
	}
}

// finishFailed: the run failed, or synced some objects and not others
// (*objectsError: each one's reason goes to the history and the state).
func (e *Engine) finishFailed(run *store.Run, err error) {
	run.Result, run.Error = resultError, err.Error()
	detail := "The last sync failed: " + strings.TrimSuffix(err.Error(), ".") +
		". sfsync tries again at the next scheduled sync; choose Sync now to retry sooner."
	var oe *objectsError
	if errors.As(err, &oe) {
		run.ObjectErrors = oe.reasons()
		if !oe.all() {
			detail = "The last sync did not finish for " + strings.TrimSuffix(oe.Error(), ".") +
				". The other objects are up to date; sfsync tries again at the next scheduled sync, or choose Sync now."
		}
	}
	e.update(true, func(s *State) {
		s.Running, s.Progress = false, Progress{}
		_ = e.refreshCounts(s)
		s.Status, s.Detail, s.LastError = StatusError, detail, detail
		s.ObjectErrors = run.ObjectErrors
	})
	e.saveStatus(savedError, detail)
}

// saveUsage keeps the session's last known usage in the store, so a new
// process shows (and guards with) it before its first call; and the
// instance URL, which a token refresh may have moved.
func (e *Engine) saveUsage(sess *session) {
	usage, instance := sess.usage(), sess.client.InstanceURL()
	_, err := e.st.UpdateSettings(func(s *store.SourceSettings) {
		if usage != nil {
			s.Usage = usage
		}
		if instance != "" {
			s.InstanceURL = instance
		}
	})
	if err != nil {
		e.log.Warn("save API usage", "err", err)
	}
	e.update(false, func(s *State) { s.InstanceURL = instance })
}

func (e *Engine) notify(title, body string) {
	if e.cfg.Notifier != nil {
		e.cfg.Notifier.Notify(title, body)
	}
}
