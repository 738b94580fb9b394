package ui

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// ColorNameSecondary is the theme colour of secondary text: captions,
// reasons, notes and labels of facts. It is grey but meets WCAG AA (4.5:1)
// on the window, dialog and input backgrounds of both variants, unlike
// Fyne's disabled colour (1.26:1 on dark), which is for inactive controls
// only (WCAG 1.4.3 exempts those).
const ColorNameSecondary fyne.ThemeColorName = "sfsync-secondary"

// MinContrast is WCAG 2.x AA's minimum contrast ratio for body text.
const MinContrast = 4.5

// Theme is sfsync's theme: Fyne's default with colours that keep text
// readable (WCAG AA) where the default does not: secondary text, the
// primary colour (selected tabs, buttons), the light variant's
// placeholder, and the light variant's success, error and warning colours,
// which carry white text in the status badge and are text themselves in
// messages. The variant follows the desktop (FYNE_THEME overrides it).
func Theme() fyne.Theme { return &appTheme{Theme: theme.DefaultTheme()} }

type appTheme struct {
	fyne.Theme
	variant *fyne.ThemeVariant // fixed variant (screenshots and tests); nil: the asked one
}

// Overrides of Fyne's colours. Fyne's primary blue (#296ff6) is 4.47:1
// under white text and 3.79:1 as text on a dark dialog (a selected tab):
// the light variant deepens it, the dark one lightens it and, as Material's
// dark theme does, puts dark text on it. Light success, error and warning
// follow GitHub Primer's accessible palette; the dark ones keep Fyne's,
// which already pass on the dark backgrounds.
var themeOverrides = map[fyne.ThemeVariant]map[fyne.ThemeColorName]color.Color{
	theme.VariantDark: {
		// Control outlines (entries, unchecked radio buttons and check
		// boxes): Fyne's #39393a is 1.48:1 on dark dialogs, under WCAG
		// 1.4.11's 3:1 for the parts of a control; #6e6e6e gives 3.33:1.
		theme.ColorNameInputBorder:         color.NRGBA{R: 0x6e, G: 0x6e, B: 0x6e, A: 0xff},
		ColorNameSecondary:                 color.NRGBA{R: 0xa8, G: 0xa8, B: 0xac, A: 0xff},
		theme.ColorNamePrimary:             color.NRGBA{R: 0x5b, G: 0x94, B: 0xff, A: 0xff},
		theme.ColorNameForegroundOnPrimary: color.NRGBA{R: 0x17, G: 0x17, B: 0x18, A: 0xff},
	},
	theme.VariantLight: {
		theme.ColorNameInputBorder: color.NRGBA{R: 0x8a, G: 0x8a, B: 0x8a, A: 0xff}, // 3.45:1 on white (Fyne's #e3e3e3: 1.28:1)
		ColorNameSecondary:         color.NRGBA{R: 0x5c, G: 0x5c, B: 0x60, A: 0xff},
		theme.ColorNamePrimary:     color.NRGBA{R: 0x25, G: 0x63, B: 0xeb, A: 0xff},
		theme.ColorNamePlaceHolder: color.NRGBA{R: 0x6a, G: 0x6a, B: 0x6e, A: 0xff},
		theme.ColorNameSuccess:     color.NRGBA{R: 0x1a, G: 0x7f, B: 0x37, A: 0xff},
		theme.ColorNameError:       color.NRGBA{R: 0xcf, G: 0x22, B: 0x2e, A: 0xff},
		theme.ColorNameWarning:     color.NRGBA{R: 0x9a, G: 0x67, B: 0x00, A: 0xff},
	},
}

func (t *appTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if t.variant != nil {
		v = *t.variant
	}
	if v != theme.VariantLight {
		v = theme.VariantDark
	}
	if c, ok := themeOverrides[v][n]; ok {
		return c
	}
	return t.Theme.Color(n, v)
}

// themeColor is a colour of the current app's theme and variant (Theme's
// where the current theme does not know the name).
func themeColor(n fyne.ThemeColorName) color.Color {
	a := fyne.CurrentApp()
	v := a.Settings().ThemeVariant()
	if c := a.Settings().Theme().Color(n, v); c != nil {
		return c
	}
	return Theme().Color(n, v)
}

// useTheme makes Theme the app's theme unless it is already (a variant
// of) it.
func useTheme(a fyne.App) {
	if _, ok := a.Settings().Theme().(*appTheme); !ok {
		a.Settings().SetTheme(Theme())
	}
}

// Contrast is the WCAG 2.x contrast ratio of two opaque colours (1 to 21);
// a translucent fg is first laid over bg.
func Contrast(fg, bg color.Color) float64 {
	l1, l2 := luminance(over(fg, bg)), luminance(bg)
	if l1 < l2 {
		l1, l2 = l2, l1
	}
	return (l1 + 0.05) / (l2 + 0.05)
}

// over composites c on an opaque bg.
func over(c, bg color.Color) color.Color {
	r, g, b, a := c.RGBA()
	if a == 0xffff {
		return c
	}
	br, bgc, bb, _ := bg.RGBA()
	mix := func(x, y uint32) uint8 { return uint8((x + y*(0xffff-a)/0xffff) >> 8) }
	return color.NRGBA{R: mix(r, br), G: mix(g, bgc), B: mix(b, bb), A: 0xff}
}

// luminance is WCAG's relative luminance of an opaque colour.
func luminance(c color.Color) float64 {
	r, g, b, _ := color.NRGBAModel.Convert(c).(color.NRGBA).RGBA()
	lin := func(v uint32) float64 {
		s := float64(v>>8) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// readableOn picks the text colour for a fill: the theme's foreground or
// background, whichever contrasts more, and darkens or lightens the fill
// until the pair meets MinContrast (a bright green badge gets dark text, a
// mid blue one a slightly deeper blue under white text).
func readableOn(fill color.Color) (text, bg color.Color) {
	light, dark := themeColor(theme.ColorNameForeground), themeColor(theme.ColorNameBackground)
	if luminance(light) < luminance(dark) {
		light, dark = dark, light
	}
	text, toward := light, color.Color(color.Black)
	if Contrast(dark, fill) > Contrast(light, fill) {
		text, toward = dark, color.White
	}
	bg = fill
	for i := 1; Contrast(text, bg) < MinContrast && i <= 20; i++ {
		bg = mix(fill, toward, float64(i)/20)
	}
	return text, bg
}

// mix is a + (b−a)·f per channel, opaque.
func mix(a, b color.Color, f float64) color.Color {
	x, y := color.NRGBAModel.Convert(a).(color.NRGBA), color.NRGBAModel.Convert(b).(color.NRGBA)
	m := func(p, q uint8) uint8 { return uint8(math.Round(float64(p) + (float64(q)-float64(p))*f)) }
	return color.NRGBA{R: m(x.R, y.R), G: m(x.G, y.G), B: m(x.B, y.B), A: 0xff}
}

// newNote is secondary text in ColorNameSecondary, word-wrapped.
func newNote(text string) *widget.RichText {
	n := widget.NewRichText(&widget.TextSegment{Text: text,
		Style: widget.RichTextStyle{ColorName: ColorNameSecondary, Inline: true}})
	n.Wrapping = fyne.TextWrapWord
	return n
}

// setNote replaces a note's text.
func setNote(n *widget.RichText, text string) {
	if seg, ok := n.Segments[0].(*widget.TextSegment); ok && seg.Text != text {
		seg.Text = text
		n.Refresh()
	}
}
