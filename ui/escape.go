package ui

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// Escape closes sfsync's dialogs. Fyne delivers a key to the focused
// widget only, and its Check, Select and Slider ignore Escape, so a
// dialog's focusable controls are these variants, which hand Escape to the
// dialog; with nothing focused, the window's key handler does
// (MainWindow.typedKey).

// escCheck is a widget.Check that hands Escape to onEscape.
type escCheck struct {
	widget.Check
	onEscape func()
}

func newEscCheck(label string, changed func(bool), onEscape func()) *escCheck {
	c := &escCheck{onEscape: onEscape}
	c.Text, c.OnChanged = label, changed
	c.ExtendBaseWidget(c)
	return c
}

// TypedKey hands Escape to the dialog, the rest to the check.
func (c *escCheck) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && c.onEscape != nil {
		c.onEscape()
		return
	}
	c.Check.TypedKey(ev)
}

// escSelect is a widget.Select that hands Escape to onEscape.
type escSelect struct {
	widget.Select
	onEscape func()
}

func newEscSelect(options []string, changed func(string), onEscape func()) *escSelect {
	s := &escSelect{onEscape: onEscape}
	s.Options, s.OnChanged = options, changed
	s.PlaceHolder = "(Select one)"
	s.ExtendBaseWidget(s)
	return s
}

// TypedKey hands Escape to the dialog, the rest to the select.
func (s *escSelect) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && s.onEscape != nil {
		s.onEscape()
		return
	}
	s.Select.TypedKey(ev)
}

// escSlider is a widget.Slider that hands Escape to onEscape.
type escSlider struct {
	widget.Slider
	onEscape func()
}

func newEscSlider(lo, hi float64, onEscape func()) *escSlider {
	s := &escSlider{onEscape: onEscape}
	s.Min, s.Max, s.Step = lo, hi, 1
	s.Orientation = widget.Horizontal
	s.ExtendBaseWidget(s)
	return s
}

// TypedKey hands Escape to the dialog, the rest to the slider.
func (s *escSlider) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && s.onEscape != nil {
		s.onEscape()
		return
	}
	s.Slider.TypedKey(ev)
}

// escapes closes, on Escape, the dialogs MainWindow.typedKey does not
// name (Connect, Help, the Disconnect question, export), by the overlay
// each shows as: only the one in front closes.
type escapes map[fyne.CanvasObject]func()

// add lets Escape run close while the overlay now in front on c (the
// dialog just shown) stays in front; closed overlays' entries go.
func (e escapes) add(c fyne.Canvas, close func()) {
	shown := c.Overlays().List()
	for o := range e {
		if !slices.Contains(shown, o) {
			delete(e, o)
		}
	}
	if top := c.Overlays().Top(); top != nil {
		e[top] = close
	}
}

// close closes the dialog in front on c, if it is one of these, and
// reports whether it was.
func (e escapes) close(c fyne.Canvas) bool {
	f := e[c.Overlays().Top()]
	if f != nil {
		f()
	}
	return f != nil
}

// escButton is a widget.Button that hands Escape to onEscape (Tab reaches
// a dialog's buttons too; a plain Button swallowed Escape).
type escButton struct {
	widget.Button
	onEscape func()
}

func newEscButton(label string, icon fyne.Resource, tapped, onEscape func()) *escButton {
	b := &escButton{onEscape: onEscape}
	b.Text, b.Icon, b.OnTapped = label, icon, tapped
	b.ExtendBaseWidget(b)
	return b
}

// TypedKey hands Escape to the dialog, the rest to the button.
func (b *escButton) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && b.onEscape != nil {
		b.onEscape()
		return
	}
	b.Button.TypedKey(ev)
}
