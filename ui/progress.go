package ui

import (
	"fmt"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/sfsync/sfsync/core/engine"
	"github.com/sfsync/sfsync/core/format"
	"github.com/sfsync/sfsync/core/wording"
)

// SyncProgress shows a running sync: one row per object (rows done of
// estimated) and an overall bar.
type SyncProgress struct {
	Overall *widget.ProgressBar
	Title   *widget.Label
	Bars    map[string]*widget.ProgressBar
	Labels  map[string]*widget.Label
	seen    map[string]engine.Progress
	box     *fyne.Container
}

func newSyncProgress() *SyncProgress {
	p := &SyncProgress{Overall: newBar(), Title: widget.NewLabel("Syncing…"),
		Bars: map[string]*widget.ProgressBar{}, Labels: map[string]*widget.Label{}, seen: map[string]engine.Progress{}}
	grid := container.NewGridWithColumns(2)
	for _, obj := range engine.Objects {
		p.Bars[obj] = newBar()
		p.Labels[obj] = widget.NewLabel(obj)
		grid.Add(p.Labels[obj])
		grid.Add(p.Bars[obj])
	}
	p.box = container.NewVBox(widget.NewSeparator(), p.Title, p.Overall, grid)
	p.box.Hide()
	return p
}

// newBar is a progress bar without Fyne's percentage on it: that text is
// drawn in one colour over both the bar and its half-transparent track,
// and no colour reads on both (2.1:1 on the light track, 2.4:1 on the
// dark one). The labels beside the bars carry the figures instead. The
// blank (not empty) text keeps the bar's height.
func newBar() *widget.ProgressBar {
	b := widget.NewProgressBar()
	b.TextFormatter = func() string { return " " }
	return b
}

// Update shows st.Progress while st.Running; objects already past in this
// run keep their last figures.
func (p *SyncProgress) Update(st engine.State) {
	if !st.Running {
		if p.box.Visible() {
			p.box.Hide()
			clear(p.seen)
		}
		return
	}
	pr := st.Progress
	if pr.Object != "" {
		p.seen[pr.Object] = pr
	}
	kind := "Checking for changes"
	if pr.FirstSync {
		kind = "Full sync"
	}
	title := kind + " · " + fmt.Sprintf("%s of %s records", format.Thousands(pr.TotalDone), estimate(pr.TotalEstimated))
	if pr.TotalEstimated > 0 {
		title += " (" + format.Percent(math.Floor(100*fraction(pr.TotalDone, pr.TotalEstimated))) + ")"
	}
	p.Title.SetText(title)
	p.Overall.SetValue(fraction(pr.TotalDone, pr.TotalEstimated))
	for _, obj := range engine.Objects {
		seen, ok := p.seen[obj]
		text := obj
		if ok {
			text = fmt.Sprintf("%s: %s / %s", obj, format.Thousands(seen.Done), estimate(seen.Estimated))
		}
		if seen.Skipped > 0 {
			text += " · " + wording.Skipped(seen.Skipped)
		}
		p.Labels[obj].SetText(text)
		p.Bars[obj].SetValue(fraction(seen.Done, seen.Estimated))
	}
	p.box.Show()
}

func estimate(n int64) string {
	if n <= 0 {
		return "?"
	}
	return format.Thousands(n)
}

func fraction(done, total int64) float64 {
	if total <= 0 {
		return 0
	}
	return min(float64(done)/float64(total), 1)
}
