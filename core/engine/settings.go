package engine

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/sfsync/sfsync/core/store"
	"github.com/sfsync/sfsync/core/wording"
)

// Persisted status words (store.SourceSettings.Status). The engine owns
// this vocabulary; the display Status is derived from it.
const (
	savedSetup        = "setup"
	savedActive       = "active"
	savedError        = "error"
	savedReauth       = "reauth"
	savedQuota        = "quota"
	savedDisconnected = "disconnected"
)

// SetEnabled turns syncing on (Active) or off (Not syncing).
func (e *Engine) SetEnabled(on bool) error {
	return e.change(func() error {
		set, err := e.saveSetting(func(s *store.SourceSettings) { s.Enabled = on })
		if err != nil {
			return err
		}
		e.update(false, func(s *State) {
			s.Enabled = set.Enabled
			e.deriveStatus(s)
		})
		e.wake()
		return nil
	})
}

// SetFrequency sets the update frequency; only the values in Frequencies
// are accepted.
func (e *Engine) SetFrequency(d time.Duration) error {
	if !slices.Contains(Frequencies, d) {
		return fmt.Errorf("syncing %s: %w: choose 30 min, 1, 2, 4, 6, 12 or 24 h", wording.Every(d), ErrInvalidSetting)
	}
	return e.change(func() error {
		if _, err := e.saveSetting(func(s *store.SourceSettings) { s.Frequency = d }); err != nil {
			return err
		}
		e.update(true, func(s *State) { s.Frequency = d })
		e.wake()
		return nil
	})
}

// SetQuotaThreshold sets the share of the org's daily API requests (1-100 %)
// above which syncing pauses.
func (e *Engine) SetQuotaThreshold(pct float64) error {
	if pct < 1 || pct > 100 {
		return fmt.Errorf("API quota threshold %.0f %%: %w: choose between 1 and 100 %%", pct, ErrInvalidSetting)
	}
	return e.change(func() error {
		set, err := e.saveSetting(func(s *store.SourceSettings) { s.QuotaThreshold = int(pct + 0.5) })
		if err != nil {
			return err
		}
		e.update(true, func(s *State) { s.QuotaThreshold = float64(set.QuotaThreshold) })
		e.recheckQuota(float64(set.QuotaThreshold))
		return nil
	})
}

// recheckQuota applies a new threshold at once: paused for quota, the
// source syncs now, which first reads the usage (/limits) and resumes if
// it is below the threshold; not paused, usage already at it pauses now.
func (e *Engine) recheckQuota(threshold float64) {
	e.mu.Lock()
	paused := e.quotaStop != nil
	if paused {
		e.syncAsked = true
	}
	sess := e.sess
	e.mu.Unlock()
	if !paused && sess != nil {
		if q, ok := sess.client.Quota(); ok && overThreshold(q.Used, q.Max, threshold) {
			e.pause(&quotaError{kind: quotaThreshold, used: q.Used, max: q.Max, threshold: threshold})
		}
	}
	e.wake()
}

// SetRunCap sets the share of the daily API requests (1-100 %) one run may
// use before it stops (and resumes at the next run).
func (e *Engine) SetRunCap(pct float64) error {
	if pct < 1 || pct > 100 {
		return fmt.Errorf("per-run cap %.0f %%: %w: choose between 1 and 100 %%", pct, ErrInvalidSetting)
	}
	return e.change(func() error {
		set, err := e.saveSetting(func(s *store.SourceSettings) { s.RunCap = int(pct + 0.5) })
		if err != nil {
			return err
		}
		e.update(true, func(s *State) { s.RunCap = float64(set.RunCap) })
		return nil
	})
}

// RefreshPeriods are the formula refresh and purge sweep periods the
// window offers; store.Never turns either off. SetFormulaRefresh and
// SetSweepEvery accept any period from MinRefreshPeriod up.
var RefreshPeriods = []time.Duration{6 * time.Hour, 12 * time.Hour, 24 * time.Hour, 48 * time.Hour,
	7 * 24 * time.Hour, store.Never}

// MinRefreshPeriod is the shortest formula refresh or sweep period: each
// costs a read of every object's Ids (refresh.go), so more often than
// hourly would spend the quota the incremental syncs save.
const MinRefreshPeriod = time.Hour

// checkRefreshPeriod refuses a period below MinRefreshPeriod (store.Never
// is allowed).
func checkRefreshPeriod(what string, d time.Duration) error {
	if d == store.Never || d >= MinRefreshPeriod {
		return nil
	}
	return fmt.Errorf("%s %s: %w: choose 1 hour or more, or never", what, wording.Every(d), ErrInvalidSetting)
}

// SetFormulaRefresh sets how often selected formula fields are read again
// (store.Never: not at all); the next due refresh follows it.
func (e *Engine) SetFormulaRefresh(d time.Duration) error {
	return e.setRefresh("formula refresh", d, func(s *store.SourceSettings) { s.FormulaRefresh = d },
		func(s *State) { s.FormulaRefresh = d })
}

// SetSweepEvery sets how often records purged in Salesforce are swept out
// of the store (store.Never: not at all).
func (e *Engine) SetSweepEvery(d time.Duration) error {
	return e.setRefresh("purge sweep", d, func(s *store.SourceSettings) { s.SweepEvery = d },
		func(s *State) { s.SweepEvery = d })
}

// setRefresh checks a refresh period and, on the worker, stores it and
// shows it in the state.
func (e *Engine) setRefresh(what string, d time.Duration, save func(*store.SourceSettings), show func(*State)) error {
	if err := checkRefreshPeriod(what, d); err != nil {
		return err
	}
	return e.change(func() error {
		if _, err := e.saveSetting(save); err != nil {
			return err
		}
		e.update(true, show)
		return nil
	})
}

// SetMaxRecords sets the Bulk results page size (maxRecords, default
// store.DefaultMaxRecords); it applies from the next connect or restart.
func (e *Engine) SetMaxRecords(n int) error {
	if n < 100 || n > 1_000_000 {
		return fmt.Errorf("bulk page size %d: %w: choose between 100 and 1,000,000", n, ErrInvalidSetting)
	}
	return e.change(func() error {
		_, err := e.saveSetting(func(s *store.SourceSettings) { s.MaxRecords = n })
		return err
	})
}

// SaveFields stores a new field selection (object -> field API names, dotted
// relationship fields allowed) after checking it against the org's field
// catalog as the field picker does: unknown or unsyncable fields and user
// lookups without the Account Executive's Name, Phone and Email are refused
// with the reason (an error wrapping fields.ErrNotSelectable). Id,
// SystemModstamp and IsDeleted are added: they are always synced. Objects
// whose selection gained fields are re-synced in full at the next run (call
// SyncNow for "Sync now").
func (e *Engine) SaveFields(sel map[string][]string) error {
	return e.change(func() error {
		cat, err := e.catalog()
		if err != nil {
			return fmt.Errorf("save fields: %w", err)
		}
		if cat == nil {
			return fmt.Errorf("save fields: %w: connect first, so sfsync knows the org's fields", ErrNotConnected)
		}
		clean := completeSelection(cat, sel)
		if err := checkSelection(cat, clean); err != nil {
			return err
		}
		if _, err := e.saveSetting(func(s *store.SourceSettings) { s.Fields = clean }); err != nil {
			return err
		}
		e.update(true, func(s *State) { s.Selection = cloneSelection(clean) })
		return nil
	})
}

// saveSetting changes the stored settings (stamping UpdatedAt) on the
// worker goroutine and returns them as saved.
func (e *Engine) saveSetting(change func(*store.SourceSettings)) (store.SourceSettings, error) {
	return e.st.UpdateSettings(func(s *store.SourceSettings) {
		change(s)
		s.UpdatedAt = e.now()
	})
}

// Selection is the stored field selection.
func (e *Engine) Selection() map[string][]string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return cloneSelection(e.state.Selection)
}

// History returns up to limit runs, newest first.
func (e *Engine) History(limit int) ([]store.Run, error) { return e.st.Runs(limit) }

// deriveStatus sets s.Status from the flags, keeping Error statuses (they
// are cleared by a successful run, reauthorization or quota recovery).
func (e *Engine) deriveStatus(s *State) {
	switch {
	case s.Status == StatusNotConnected || s.Status == StatusConfiguring || s.Status == StatusError || s.Status == StatusPausedQuota:
	case !s.FirstSyncDone:
		s.Status = StatusSettingUp
	case !s.Enabled:
		s.Status = StatusNotSyncing
	default:
		s.Status = StatusActive
	}
}

// saveStatus persists the status word and last error.
func (e *Engine) saveStatus(word, lastError string) {
	_, err := e.st.UpdateSettings(func(s *store.SourceSettings) {
		s.Status = word
		if lastError != "" || word == savedActive || word == savedSetup {
			s.LastError = lastError
		}
		s.UpdatedAt = e.now()
	})
	if err != nil {
		e.log.Warn("save status", "err", err)
	}
}

// Start runs the scheduler until ctx ends: syncs every Frequency while
// enabled, resumes an unfinished first sync at once, and re-checks a quota
// pause. Without Start, the engine syncs only on SyncNow and RunOnce.
func (e *Engine) Start(ctx context.Context) {
	e.mu.Lock()
	e.schedule = true
	e.mu.Unlock()
	context.AfterFunc(ctx, func() {
		e.mu.Lock()
		e.schedule = false
		e.mu.Unlock()
		e.wake()
	})
	e.wake()
}
