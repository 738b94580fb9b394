package ui

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// errorOnLight is the error colour on light backgrounds: Fyne's #f44336
// gives 3.68:1 on white, under WCAG AA's 4.5:1 for text; #c62828 gives
// 5.62:1 (and white text on it, the Error badge, 5.62:1 too).
var errorOnLight = color.NRGBA{R: 0xc6, G: 0x28, B: 0x28, A: 0xff}

// warningOnLight is the warning colour on light backgrounds: Fyne's
// #ff9800 gives 2.14:1 on white; #b35c00 gives 4.73:1.
var warningOnLight = color.NRGBA{R: 0xb3, G: 0x5c, B: 0x00, A: 0xff}

// inputBorder is the outline of entries and unchecked radio buttons and
// check boxes, per variant: Fyne's #e3e3e3 on white (1.28:1) and #39393a
// on dark dialogs (1.48:1) are under WCAG's 3:1 for the parts of a control
// (1.4.11); #8a8a8a gives 3.45:1 on white, #6e6e6e 3.33:1 on dark dialogs.
var inputBorder = map[fyne.ThemeVariant]color.Color{
	theme.VariantLight: color.NRGBA{R: 0x8a, G: 0x8a, B: 0x8a, A: 0xff},
	theme.VariantDark:  color.NRGBA{R: 0x6e, G: 0x6e, B: 0x6e, A: 0xff},
}

// appTheme is the app's theme on top of base: error and warning text
// readable in the light variant, control outlines visible in both. The
// dark variant keeps Fyne's error and warning (error 4.86:1 on the
// background and 4.63:1 on dialogs, warning 7.95:1).
type appTheme struct{ fyne.Theme }

// Color is base's colour except those above.
func (t appTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	switch {
	case n == theme.ColorNameInputBorder && inputBorder[v] != nil:
		return inputBorder[v]
	case v == theme.VariantLight && n == theme.ColorNameError:
		return errorOnLight
	case v == theme.VariantLight && n == theme.ColorNameWarning:
		return warningOnLight
	}
	return t.Theme.Color(n, v)
}

// useAppTheme puts appTheme over the app's current theme once.
func useAppTheme(a fyne.App) {
	if _, ok := a.Settings().Theme().(appTheme); !ok {
		a.Settings().SetTheme(appTheme{a.Settings().Theme()})
	}
}

// contrastRatio is the WCAG 2 contrast ratio of two opaque colours
// (1 to 21; AA asks 4.5 for text).
func contrastRatio(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// luminance is WCAG 2's relative luminance of c.
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		s := float64(v) / 0xffff
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}
