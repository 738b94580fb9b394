package engine

import (
	"strings"
	"testing"
	"time"

	"github.com/sfsync/sfsync/core/store"
)

// TestRefreshPeriodSetters: the formula refresh and purge sweep periods
// default to daily, are stored, survive a restart, can be turned off with
// store.Never, and refuse a period under an hour (issue 10: settable from
// Settings and the CLI).
func TestRefreshPeriodSetters(t *testing.T) {
	h := newHarness(t, optsWithSeed(), nil)
	if st := h.e.State(); st.FormulaRefresh != store.DefaultRefresh || st.SweepEvery != store.DefaultRefresh {
		t.Fatalf("defaults: formula refresh %v, sweep %v", st.FormulaRefresh, st.SweepEvery)
	}
	if err := h.e.SetFormulaRefresh(10 * time.Minute); err == nil || !strings.Contains(err.Error(), "1 hour or more") {
		t.Fatalf("10 min formula refresh: %v", err)
	}
	if err := h.e.SetSweepEvery(0); err == nil || !strings.Contains(err.Error(), "purge sweep") {
		t.Fatalf("0 sweep: %v", err)
	}
	if err := h.e.SetFormulaRefresh(12 * time.Hour); err != nil {
		t.Fatal(err)
	}
	if err := h.e.SetSweepEvery(store.Never); err != nil {
		t.Fatal(err)
	}
	h.closeEngine()
	h.open()
	set, _, err := h.st.Settings()
	if err != nil {
		t.Fatal(err)
	}
	st := h.e.State()
	if set.FormulaRefresh != 12*time.Hour || set.SweepEvery != store.Never || st.FormulaRefresh != 12*time.Hour || st.SweepEvery != store.Never {
		t.Fatalf("after restart: stored %v/%v, state %v/%v", set.FormulaRefresh, set.SweepEvery, st.FormulaRefresh, st.SweepEvery)
	}
}
