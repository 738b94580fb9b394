package ui

import (
	"image/color"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/sfsync/sfsync/core/engine"
)

// TestProgressTextIsReadable: the sync progress on the Data Sources card,
// in dark and light, mid-run (the overall bar part filled, one object's
// bar empty): every text drawn on a bar meets WCAG AA on the fill and on
// the track under it. Fyne draws the bar's percentage in the "on primary"
// colour over both, and the track is the primary colour at half opacity:
// under Xvfb "0%" was white on #92b1f5 in light (2.1:1) and near-black on
// #39568b in dark (2.9:1). The figures are said in the labels beside them.
func TestProgressTextIsReadable(t *testing.T) {
	for name, v := range variants {
		t.Run(name, func(t *testing.T) {
			test.NewTempApp(t).Settings().SetTheme(fixedTheme(v))
			p := newSyncProgress()
			p.Update(engine.State{Running: true, Progress: engine.Progress{Object: "Contact", FirstSync: true,
				Done: 20000, Estimated: 30000, TotalDone: 20000, TotalEstimated: 65200}})
			w := test.NewWindow(p.box)
			defer w.Close()
			w.Resize(fyne.NewSize(960, 400))
			bars := map[string]*widget.ProgressBar{"overall": p.Overall}
			for obj, b := range p.Bars {
				bars[obj] = b
			}
			// The figures stay readable beside the bars.
			if !strings.HasSuffix(p.Title.Text, "20,000 of 65,200 records (30 %)") || p.Labels["Contact"].Text != "Contact: 20,000 / 30,000" {
				t.Errorf("progress title %q, Contact %q", p.Title.Text, p.Labels["Contact"].Text)
			}
			page := themeColor(theme.ColorNameBackground)
			for obj, b := range bars {
				objs := test.WidgetRenderer(b).Objects()
				track, fill := objs[0].(*canvas.Rectangle).FillColor, objs[1].(*canvas.Rectangle).FillColor
				for _, o := range objs {
					txt, ok := o.(*canvas.Text)
					if !ok || strings.TrimSpace(txt.Text) == "" {
						continue
					}
					for under, bg := range map[string]color.Color{"fill": fill, "track": over(track, page)} {
						if r := Contrast(txt.Color, bg); r < MinContrast {
							t.Errorf("%s bar: %q on its %s: %.2f:1", obj, txt.Text, under, r)
						}
					}
				}
			}
		})
	}
}
