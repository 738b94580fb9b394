package ui

import (
	"fmt"
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/sfsync/sfsync/core/engine"
)

// statuses are every badge the engine can show.
var statuses = []engine.Status{engine.StatusNotConnected, engine.StatusConfiguring, engine.StatusSettingUp,
	engine.StatusActive, engine.StatusNotSyncing, engine.StatusPausedQuota, engine.StatusError}

// TestContrastMeetsWCAGAA computes, from the theme colours the window
// actually uses, the contrast of the status badge and of every text on the
// Data Sources page, Settings and the field picker against its background,
// in dark and light: each must reach WCAG AA's 4.5:1 (issue 10: "Active"
// was white on bright green, 1.48:1, "Not connected" 1.26:1, the helper
// texts 1.26–1.55:1, the lookup rule's reason 1.47:1). Inactive controls
// are exempt (WCAG 1.4.3), so disabled widgets are skipped.
func TestContrastMeetsWCAGAA(t *testing.T) {
	for name, v := range variants {
		t.Run(name, func(t *testing.T) {
			env := newUIEnv(t)
			env.app.Settings().SetTheme(fixedTheme(v))
			for _, s := range statuses {
				b := newBadge()
				b.Set(s)
				if fg, bg := b.Colors(); Contrast(fg, bg) < MinContrast {
					t.Errorf("badge %q: %.2f:1", s, Contrast(fg, bg))
				}
			}
			m := env.window()
			m.Window.Resize(screenSize)
			bg := themeColor(theme.ColorNameBackground)
			checkTexts(t, "Data Sources (not connected)", m.Sources.Content(), bg)
			env.connectDemo(m)
			checkTexts(t, "Data Sources (Active)", m.Sources.Content(), bg)
			overlay := themeColor(theme.ColorNameOverlayBackground)
			menuItem(t, m, "Settings")
			checkTexts(t, "Settings", m.Window.Canvas().Overlays().Top(), overlay)
			m.Settings.Tabs.SelectIndex(1)
			checkTexts(t, "Sync history", m.Window.Canvas().Overlays().Top(), overlay)
			test.Tap(m.Settings.EditFields)
			p := m.Picker
			test.Tap(p.Checks[fieldKey("Account", "Owner.Email")]) // the banner shows
			checkTexts(t, "field picker", m.Window.Canvas().Overlays().Top(), overlay)
			for _, n := range []fyne.ThemeColorName{ColorNameSecondary, theme.ColorNameForeground, theme.ColorNamePlaceHolder} {
				if c := Contrast(themeColor(n), themeColor(theme.ColorNameInputBackground)); c < MinContrast {
					t.Errorf("%s on an input: %.2f:1", n, c)
				}
			}
		})
	}
}

// checkTexts fails for each visible, enabled text under o whose colour
// has less than MinContrast against bg.
func checkTexts(t *testing.T, screen string, o fyne.CanvasObject, bg color.Color) {
	t.Helper()
	seen := 0
	walkTexts(o, func(what string, c color.Color) {
		seen++
		if r := Contrast(c, bg); r < MinContrast {
			t.Errorf("%s: %s: %.2f:1", screen, what, r)
		}
	})
	if seen == 0 {
		t.Errorf("%s: no text found", screen)
	}
}

// walkTexts calls fn with each visible text's description and colour: a
// label's by its importance, a rich text's segments' colour names, a form
// hint's canvas text. Disabled widgets, buttons (their own fill) and
// badges (checked on their fill) are skipped.
func walkTexts(o fyne.CanvasObject, fn func(string, color.Color)) {
	if o == nil || !o.Visible() {
		return
	}
	if d, ok := o.(fyne.Disableable); ok && d.Disabled() {
		return
	}
	switch x := o.(type) {
	case *widget.Label:
		if x.Text != "" {
			fn(fmt.Sprintf("label %q (importance %d)", clip(x.Text), x.Importance), themeColor(labelColor(x.Importance)))
		}
		return
	case *widget.RichText:
		for _, s := range x.Segments {
			if ts, ok := s.(*widget.TextSegment); ok && ts.Text != "" && ts.Style.ColorName != "" {
				fn(fmt.Sprintf("text %q", clip(ts.Text)), themeColor(ts.Style.ColorName))
			}
		}
		return
	case *canvas.Text:
		if x.Text != "" {
			fn(fmt.Sprintf("text %q", clip(x.Text)), x.Color)
		}
		return
	case *widget.Button, *widget.Select, *widget.Entry, *widget.Check, *widget.RadioGroup:
		return
	case *fyne.Container:
		if isBadge(x) {
			return
		}
		for _, c := range x.Objects {
			walkTexts(c, fn)
		}
		return
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			walkTexts(c, fn)
		}
	}
}

// isBadge reports whether c is a status badge's box (rectangle + text).
func isBadge(c *fyne.Container) bool {
	if len(c.Objects) != 2 {
		return false
	}
	_, rect := c.Objects[0].(*canvas.Rectangle)
	inner, ok := c.Objects[1].(*fyne.Container)
	if !rect || !ok || len(inner.Objects) != 1 {
		return false
	}
	_, text := inner.Objects[0].(*canvas.Text)
	return text
}

// labelColor is the colour name a label of importance i is drawn in
// (widget.Label.syncSegments).
func labelColor(i widget.Importance) fyne.ThemeColorName {
	switch i {
	case widget.LowImportance:
		return theme.ColorNameDisabled
	case widget.HighImportance:
		return theme.ColorNamePrimary
	case widget.DangerImportance:
		return theme.ColorNameError
	case widget.WarningImportance:
		return theme.ColorNameWarning
	case widget.SuccessImportance:
		return theme.ColorNameSuccess
	}
	return theme.ColorNameForeground
}

func clip(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}
