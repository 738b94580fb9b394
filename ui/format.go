package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/sfsync/sfsync/core/engine"
	"github.com/sfsync/sfsync/core/format"
)

// whenText shows a time for the Data Sources card: the local date and
// time, with how long ago or until when within the hour ("Nov 30 04:54 (5
// min ago)"); "—" for none.
func whenText(t, now time.Time) string {
	if t.IsZero() {
		return "—"
	}
	at := t.Local().Format("Jan 2 15:04")
	d := t.Sub(now)
	switch {
	case d > -time.Minute && d < time.Minute:
		return at + " (just now)"
	case d < 0 && d > -time.Hour:
		return fmt.Sprintf("%s (%d min ago)", at, int(-d.Minutes()))
	case d > 0 && d < time.Hour:
		return fmt.Sprintf("%s (in %d min)", at, int(d.Minutes())+1)
	}
	return at
}

// countsText lists record counts per object in sync order.
func countsText(counts map[string]int) string {
	var parts []string
	for _, obj := range engine.Objects {
		if n, ok := counts[obj]; ok {
			parts = append(parts, format.Thousands(int64(n))+" "+plural(obj, n))
		}
	}
	if len(parts) == 0 {
		return "No records yet"
	}
	return strings.Join(parts, " · ")
}

func plural(obj string, n int) string {
	if n == 1 {
		return obj
	}
	if strings.HasSuffix(obj, "y") {
		return strings.TrimSuffix(obj, "y") + "ies"
	}
	return obj + "s"
}

// nameLimit is how many characters of a record's name fit a record page's
// title or one of its buttons (a 640 px page; Salesforce allows 255).
const nameLimit = 60

// clipName shortens s to at most n characters, at a word's end where one is
// near, with "…" to say there is more: for titles and buttons, which Fyne
// neither wraps nor truncates (a long name made them wider than the
// window).
func clipName(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n-1])
	if i := strings.LastIndexByte(cut, ' '); i > len(cut)*2/3 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,.;:-") + "…"
}
