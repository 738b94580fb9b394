package cli

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/sfsync/sfsync/core/app"
	"github.com/sfsync/sfsync/core/format"
	"github.com/sfsync/sfsync/core/store"
	"github.com/sfsync/sfsync/core/wording"
)

// settingsFlags are `settings`' changes ("": unchanged; the percents only
// where setThreshold, setRunCap say they were given, so any number given is
// checked, negative ones included).
type settingsFlags struct {
	sync, frequency, formulaRefresh, sweep string
	threshold, runCap                      int
	setThreshold, setRunCap                bool
}

func newSettings(g *global) *cobra.Command {
	var f settingsFlags
	c := &cobra.Command{
		Use:   "settings",
		Short: "Show or change the sync settings",
		Long: `Show the sync settings, or change those given as flags: the same settings as
the app's Settings dialog. The formula refresh re-reads formula fields, which
change in Salesforce without the record being marked changed; the purge sweep
removes records deleted for good in Salesforce. Both run daily by default;
"never" turns one off. Periods are Go durations (12h, 48h) or hourly, daily,
weekly, never.`,
		Example: `  sfsync settings
  sfsync settings --formula-refresh 12h --sweep weekly
  sfsync settings --frequency 4h --threshold 90 --run-cap 30
  sfsync settings --sync off`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			a, err := g.open(appOptions{})
			if err != nil {
				return err
			}
			defer a.Close()
			f.setThreshold, f.setRunCap = cmd.Flags().Changed("threshold"), cmd.Flags().Changed("run-cap")
			if err := applySettings(a, f); err != nil {
				return err
			}
			res := settingsOf(a)
			g.out(res, func(w io.Writer) { printSettings(w, res) })
			return nil
		},
	}
	fl := c.Flags()
	fl.StringVar(&f.sync, "sync", "", "on or off: sync data from Salesforce")
	fl.StringVar(&f.frequency, "frequency", "", "update frequency: 30m, 1h, 2h, 4h, 6h, 12h or 24h")
	fl.IntVar(&f.threshold, "threshold", 0, "pause syncing at this percent of the org's daily API requests (1-100)")
	fl.IntVar(&f.runCap, "run-cap", 0, "one sync may use at most this percent of the daily API requests (1-100)")
	fl.StringVar(&f.formulaRefresh, "formula-refresh", "", "how often formula fields are read again: a period or never")
	fl.StringVar(&f.sweep, "sweep", "", "how often records purged in Salesforce are removed: a period or never")
	return c
}

// applySettings makes the changes the flags ask for, in the order of the
// help; the first refused one stops with its reason (usage error).
func applySettings(a *app.App, f settingsFlags) error {
	eng := a.Engine
	var steps []func() error
	if f.sync != "" {
		on, ok := map[string]bool{"on": true, "off": false}[f.sync]
		if !ok {
			return usage("--sync %q: give on or off", f.sync)
		}
		steps = append(steps, func() error { return eng.SetEnabled(on) })
	}
	if f.frequency != "" {
		d, err := time.ParseDuration(f.frequency)
		if err != nil {
			return usage("--frequency %q: give 30m, 1h, 2h, 4h, 6h, 12h or 24h", f.frequency)
		}
		steps = append(steps, func() error { return eng.SetFrequency(d) })
	}
	if f.setThreshold {
		steps = append(steps, func() error { return eng.SetQuotaThreshold(float64(f.threshold)) })
	}
	if f.setRunCap {
		steps = append(steps, func() error { return eng.SetRunCap(float64(f.runCap)) })
	}
	for _, p := range []struct {
		flag, value string
		set         func(time.Duration) error
	}{{"--formula-refresh", f.formulaRefresh, eng.SetFormulaRefresh}, {"--sweep", f.sweep, eng.SetSweepEvery}} {
		if p.value == "" {
			continue
		}
		d, err := parsePeriod(p.value)
		if err != nil {
			return usage("%s %q: %v", p.flag, p.value, err)
		}
		set := p.set
		steps = append(steps, func() error { return set(d) })
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return usage("%v", err)
		}
	}
	return nil
}

// parsePeriod reads a refresh period: never/off, hourly, daily, weekly, a
// number of days (2d) or a Go duration (12h).
func parsePeriod(s string) (time.Duration, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "never", "off":
		return store.Never, nil
	case "hourly":
		return time.Hour, nil
	case "daily":
		return 24 * time.Hour, nil
	case "weekly":
		return 7 * 24 * time.Hour, nil
	}
	if days, ok := strings.CutSuffix(s, "d"); ok {
		if n, err := strconv.Atoi(days); err == nil && n > 0 {
			return time.Duration(n) * 24 * time.Hour, nil
		}
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("give a period such as 12h, 2d, daily or weekly, or never")
	}
	return d, nil
}

// settingsOf is the engine's settings as `settings` shows them.
func settingsOf(a *app.App) SettingsResult {
	st := a.Engine.State()
	hours := func(d time.Duration) *float64 {
		if d == store.Never {
			return nil
		}
		h := d.Hours()
		return &h
	}
	return SettingsResult{Enabled: st.Enabled, FrequencyMin: st.Frequency.Minutes(), QuotaThreshold: st.QuotaThreshold,
		RunCap: st.RunCap, FormulaRefreshHours: hours(st.FormulaRefresh), SweepHours: hours(st.SweepEvery),
		formulaRefresh: st.FormulaRefresh, sweep: st.SweepEvery, frequency: st.Frequency}
}

func printSettings(w io.Writer, s SettingsResult) {
	on := map[bool]string{true: "on", false: "off (paused)"}[s.Enabled]
	fmt.Fprintf(w, "Sync:                 %s\n", on)
	fmt.Fprintf(w, "Update frequency:     %s\n", wording.Period(s.frequency))
	fmt.Fprintf(w, "API quota threshold:  %s of the org's daily API requests\n", format.Percent(s.QuotaThreshold))
	fmt.Fprintf(w, "Per-run cap:          %s of the daily API requests\n", format.Percent(s.RunCap))
	fmt.Fprintf(w, "Formula refresh:      %s\n  %s\n", wording.Period(s.formulaRefresh), wording.FormulaRefreshNote)
	fmt.Fprintf(w, "Purge sweep:          %s\n  %s\n", wording.Period(s.sweep), wording.SweepNote)
}
