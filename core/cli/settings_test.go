package cli

import (
	"strings"
	"testing"

	"github.com/sfsync/sfsync/core/wording"
)

// TestSettingsShowsAndChangesThePeriods: `sfsync settings` shows the
// formula refresh and purge sweep periods (daily by default), changes them
// and the other settings from flags, says "Never" for one turned off, and
// refuses a bad period with the reason (issue 10: settable from the CLI as
// from the window).
func TestSettingsShowsAndChangesThePeriods(t *testing.T) {
	c := newCLI(t)
	r := c.must(0, "", "settings")
	for _, want := range []string{"Formula refresh:      Every day", "Purge sweep:          Every day", wording.FormulaRefreshNote, "Update frequency:     Every hour"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("settings lacks %q:\n%s", want, r.stdout)
		}
	}
	res := jsonResult[SettingsResult](t, c.must(0, "", "settings", "--formula-refresh", "12h", "--sweep", "never",
		"--frequency", "4h", "--threshold", "90", "--run-cap", "30", "--sync", "off", "--json"))
	if res.FormulaRefreshHours == nil || *res.FormulaRefreshHours != 12 || res.SweepHours != nil ||
		res.FrequencyMin != 240 || res.QuotaThreshold != 90 || res.RunCap != 30 || res.Enabled {
		t.Fatalf("after the change: %+v", res)
	}
	r = c.must(0, "", "settings")
	if !strings.Contains(r.stdout, "Formula refresh:      Every 12 hours") || !strings.Contains(r.stdout, "Purge sweep:          Never") {
		t.Errorf("settings after the change:\n%s", r.stdout)
	}
	c.must(0, "", "settings", "--sweep", "weekly")
	if r = c.must(0, "", "settings"); !strings.Contains(r.stdout, "Purge sweep:          Every week") {
		t.Errorf("weekly sweep:\n%s", r.stdout)
	}
	for _, bad := range []struct{ flag, value, why string }{
		{"--formula-refresh", "10m", "choose 1 hour or more, or never"},
		{"--sweep", "sometimes", "give a period such as 12h"},
		{"--sync", "maybe", "give on or off"},
		{"--threshold", "120", "choose between 1 and 100"},
	} {
		r := c.must(2, "", "settings", bad.flag, bad.value)
		if !strings.Contains(r.stderr, bad.why) {
			t.Errorf("settings %s %s: %s", bad.flag, bad.value, r.stderr)
		}
	}
}

// TestExportRawFlag: `export --raw` turns off the neutralising of
// formula-looking cells, which the help says is on by default (as the
// window's export dialog does).
func TestExportRawFlag(t *testing.T) {
	g := &global{}
	for _, raw := range []bool{false, true} {
		opts, err := g.exportOptions(exportFlags{object: "Account", out: "x.csv", header: "api", raw: raw})
		if err != nil || opts.Raw != raw {
			t.Fatalf("raw %v: options %+v, %v", raw, opts, err)
		}
	}
	r := newCLI(t).must(0, "", "export", "--help")
	if !strings.Contains(r.stdout, wording.ExportNeutralised) || !strings.Contains(r.stdout, "--raw") {
		t.Errorf("export --help:\n%s", r.stdout)
	}
}

// TestSettingsRefusesNegativePercents: --threshold and --run-cap below 0
// are refused with the range (exit 2), as 0 and 101 are; they were taken
// for "not given" and left the setting unchanged with exit 0. The help
// shows no "(default -1)".
func TestSettingsRefusesNegativePercents(t *testing.T) {
	c := newCLI(t)
	for _, flag := range []string{"--threshold", "--run-cap"} {
		for _, v := range []string{"-1", "-5"} {
			r := c.must(ExitUsage, "", "settings", flag, v)
			if !strings.Contains(r.stderr, "between 1 and 100") {
				t.Errorf("settings %s %s said:\n%s", flag, v, r.stderr)
			}
		}
	}
	if help := c.must(0, "", "settings", "-h").stdout; strings.Contains(help, "default -1") {
		t.Errorf("settings -h shows an internal default:\n%s", help)
	}
	res := jsonResult[SettingsResult](t, c.must(0, "", "settings", "--json"))
	if res.QuotaThreshold != 80 || res.RunCap != 25 {
		t.Errorf("settings changed by refused flags: %+v", res)
	}
}
