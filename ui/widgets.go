package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
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
// the transitional ones in the primary colour, the paused ones (by the
// person, for the API quota) amber, Not connected grey.
func BadgeColorName(s engine.Status) fyne.ThemeColorName {
	switch s {
	case engine.StatusActive:
		return theme.ColorNameSuccess
	case engine.StatusError:
		return theme.ColorNameError
	case engine.StatusConfiguring, engine.StatusSettingUp:
		return theme.ColorNamePrimary
	case engine.StatusNotSyncing, engine.StatusPausedQuota:
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

// QuotaGauge shows the org's daily API usage against its maximum: a slim
// bar (its fill primary, amber from the threshold's last tenth, red at the
// threshold) with the pause threshold marked on it.
type QuotaGauge struct {
	Label     *widget.Label
	AppShare  *widget.RichText // secondary text: sfsync's own share
	track     *canvas.Rectangle
	fill      *canvas.Rectangle
	marker    *canvas.Rectangle
	used      float64 // 0..1
	threshold float64 // 0..1
	box       fyne.CanvasObject
}

// gaugeHeight is the bar's thickness.
const gaugeHeight = 8

func newQuotaGauge() *QuotaGauge {
	g := &QuotaGauge{Label: widget.NewLabel(""), AppShare: newNote(""), threshold: 0.8,
		track:  canvas.NewRectangle(themeColor(theme.ColorNameInputBackground)),
		fill:   canvas.NewRectangle(themeColor(theme.ColorNamePrimary)),
		marker: canvas.NewRectangle(themeColor(theme.ColorNameError))}
	g.track.StrokeColor, g.track.StrokeWidth = themeColor(theme.ColorNameSeparator), 1
	g.track.CornerRadius, g.fill.CornerRadius = gaugeHeight/2, gaugeHeight/2
	g.Label.Wrapping = fyne.TextWrapWord
	bar := container.New(&gaugeLayout{g: g}, g.track, g.fill, g.marker)
	g.box = container.NewVBox(g.Label, bar, g.AppShare)
	return g
}

// gaugeLayout lays out the track, the fill to the used share and the
// threshold marker.
type gaugeLayout struct{ g *QuotaGauge }

func (l *gaugeLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	y := (size.Height - gaugeHeight) / 2
	objs[0].Resize(fyne.NewSize(size.Width, gaugeHeight))
	objs[0].Move(fyne.NewPos(0, y))
	objs[1].Resize(fyne.NewSize(max(float32(l.g.used)*size.Width, gaugeHeight), gaugeHeight))
	objs[1].Move(fyne.NewPos(0, y))
	showIf(objs[1], l.g.used > 0)
	w := theme.Padding() / 2
	objs[2].Resize(fyne.NewSize(w, size.Height))
	objs[2].Move(fyne.NewPos(float32(l.g.threshold)*size.Width-w/2, 0))
}

func (l *gaugeLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(4*gaugeHeight, gaugeHeight+2*theme.Padding())
}

// Fraction is the share of the daily requests shown as used (0..1).
func (g *QuotaGauge) Fraction() float64 { return g.used }

// Set shows the quota of st and the threshold; appCalls is what sfsync
// itself used in the last 24 hours (-1: unknown).
func (g *QuotaGauge) Set(st engine.State, appCalls int64) {
	g.threshold = st.QuotaThreshold / 100
	g.used = min(st.Quota.Fraction(), 1)
	fill := theme.ColorNamePrimary
	switch {
	case g.used >= g.threshold:
		fill = theme.ColorNameError
	case g.used >= g.threshold*0.9:
		fill = theme.ColorNameWarning
	}
	g.fill.FillColor = themeColor(fill)
	g.Label.SetText(wording.QuotaUsage(st.Quota, st.QuotaThreshold))
	share := ""
	if appCalls >= 0 && st.Quota.Max > 0 {
		share = "sfsync used " + format.Thousands(appCalls) + " of them in the last 24 hours"
	}
	setNote(g.AppShare, share)
	showIf(g.AppShare, share != "")
	g.box.Refresh()
}

// Threshold is the marked fraction (0..1).
func (g *QuotaGauge) Threshold() float64 { return g.threshold }

// say shows text in a message label, hidden while there is nothing to say.
func say(l *widget.Label, text string) {
	l.SetText(text)
	showIf(l, text != "")
}

// detailImportance styles a status's detail sentence: an error as one, a
// quota pause as a warning.
func detailImportance(s engine.Status) widget.Importance {
	switch s {
	case engine.StatusError:
		return widget.DangerImportance
	case engine.StatusPausedQuota:
		return widget.WarningImportance
	}
	return widget.MediumImportance
}

// border is container.NewBorder with its objects in reading order (top,
// left, content, right, bottom; nil ones left out): Tab follows the tree,
// and NewBorder puts the content first, so Tab reached a screen's list
// before the search above it.
func border(top, bottom, left, right, content fyne.CanvasObject) *fyne.Container {
	var objs []fyne.CanvasObject
	for _, o := range []fyne.CanvasObject{top, left, content, right, bottom} {
		if o != nil {
			objs = append(objs, o)
		}
	}
	return container.New(layout.NewBorderLayout(top, bottom, left, right), objs...)
}
