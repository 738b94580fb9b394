package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/sfsync/sfsync/core/engine"
	"github.com/sfsync/sfsync/core/format"
	"github.com/sfsync/sfsync/core/wording"
)

// Badge is the coloured status pill of a source.
type Badge struct {
	Text   *canvas.Text
	bg     *canvas.Rectangle
	status engine.Status
	box    fyne.CanvasObject
}

func newBadge() *Badge {
	b := &Badge{Text: canvas.NewText("", color.White), bg: canvas.NewRectangle(color.Transparent)}
	b.Text.TextStyle.Bold = true
	b.Text.Alignment = fyne.TextAlignCenter
	b.bg.CornerRadius = theme.InputRadiusSize() * 2
	b.box = container.NewStack(b.bg, container.NewPadded(b.Text))
	b.Set(engine.StatusNotConnected)
	return b
}

// BadgeColorName is the theme colour of a status: Active green, Error red,
// the transitional ones in the primary colour, Not syncing amber, Not
// connected grey.
func BadgeColorName(s engine.Status) fyne.ThemeColorName {
	switch s {
	case engine.StatusActive:
		return theme.ColorNameSuccess
	case engine.StatusError:
		return theme.ColorNameError
	case engine.StatusConfiguring, engine.StatusSettingUp:
		return theme.ColorNamePrimary
	case engine.StatusNotSyncing:
		return theme.ColorNameWarning
	}
	return ColorNameSecondary
}

// Set shows status s: its colour as the fill, with the text colour (and
// the fill deepened where needed) that reads at WCAG AA (readableOn).
func (b *Badge) Set(s engine.Status) {
	b.status = s
	b.Text.Text = string(s)
	b.Text.Color, b.bg.FillColor = readableOn(themeColor(BadgeColorName(s)))
	b.Text.Refresh()
	b.bg.Refresh()
}

// Colors are the badge's text and fill colours as drawn.
func (b *Badge) Colors() (text, fill color.Color) { return b.Text.Color, b.bg.FillColor }

// Status is the status shown.
func (b *Badge) Status() engine.Status { return b.status }

// QuotaGauge shows the org's daily API usage against its maximum with the
// pause threshold marked on the bar.
type QuotaGauge struct {
	Bar       *widget.ProgressBar
	Label     *widget.Label
	AppShare  *widget.RichText // secondary text: sfsync's own share
	marker    *canvas.Rectangle
	threshold float64 // 0..1
	box       fyne.CanvasObject
}

func newQuotaGauge() *QuotaGauge {
	g := &QuotaGauge{Bar: widget.NewProgressBar(), Label: widget.NewLabel(""), AppShare: newNote(""),
		marker: canvas.NewRectangle(theme.Color(theme.ColorNameError)), threshold: 0.8}
	g.Bar.TextFormatter = func() string { return "" }
	g.Label.Wrapping = fyne.TextWrapWord
	bar := container.New(&markerLayout{g: g}, g.Bar, g.marker)
	g.box = container.NewVBox(g.Label, bar, g.AppShare)
	return g
}

// markerLayout stretches the bar and puts the threshold marker on it.
type markerLayout struct{ g *QuotaGauge }

func (l *markerLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	objs[0].Resize(size)
	objs[0].Move(fyne.NewPos(0, 0))
	w := theme.Padding() / 2
	objs[1].Resize(fyne.NewSize(w, size.Height))
	objs[1].Move(fyne.NewPos(float32(l.g.threshold)*size.Width-w/2, 0))
}

func (l *markerLayout) MinSize(objs []fyne.CanvasObject) fyne.Size { return objs[0].MinSize() }

// Set shows the quota of st and the threshold; appCalls is what sfsync
// itself used in the last 24 hours (-1: unknown).
func (g *QuotaGauge) Set(st engine.State, appCalls int64) {
	g.threshold = st.QuotaThreshold / 100
	g.Bar.SetValue(st.Quota.Fraction())
	g.Label.SetText(wording.QuotaUsage(st.Quota, st.QuotaThreshold))
	switch {
	case appCalls < 0 || st.Quota.Max <= 0:
		setNote(g.AppShare, "")
	default:
		setNote(g.AppShare, "sfsync used "+format.Thousands(appCalls)+" of them in the last 24 hours")
	}
	g.box.Refresh()
}

// Threshold is the marked fraction (0..1).
func (g *QuotaGauge) Threshold() float64 { return g.threshold }
