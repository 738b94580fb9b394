package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
)

// followLayout lays out a scroll and what follows it (the Connect screen's
// status and estimate): the scroll is as tall as its content, up to the
// space left once the follower has its height, and the follower sits right
// under it. Short content leaves no blank between the two (the blank goes
// below, above the dialog's buttons); long content scrolls and the follower
// stays in view at the bottom.
type followLayout struct {
	scroll   *container.Scroll
	follower fyne.CanvasObject
}

// newFollow is a scroll of content with follower under it (see
// followLayout). The content is watched: a row shown or hidden, or a
// section opened, lays the two out again (a scroll's own min size never
// changes, so Fyne alone would not).
func newFollow(content, follower fyne.CanvasObject) (*fyne.Container, *container.Scroll) {
	l := &followLayout{follower: follower}
	var c *fyne.Container
	watched := container.New(&watchLayout{changed: func() {
		if c != nil {
			c.Refresh()
		}
	}}, content)
	l.scroll = container.NewVScroll(watched)
	c = container.New(l, l.scroll, follower)
	return c, l.scroll
}

func (l *followLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	followH := l.follower.MinSize().Height
	scrollH := max(min(l.scroll.Content.MinSize().Height, size.Height-followH), 0)
	l.scroll.Move(fyne.NewPos(0, 0))
	l.scroll.Resize(fyne.NewSize(size.Width, scrollH))
	l.follower.Move(fyne.NewPos(0, scrollH))
	l.follower.Resize(fyne.NewSize(size.Width, followH))
}

func (l *followLayout) MinSize(_ []fyne.CanvasObject) fyne.Size {
	s, f := l.scroll.MinSize(), l.follower.MinSize()
	return fyne.NewSize(max(s.Width, f.Width), s.Height+f.Height)
}

// watchLayout stacks its objects as a Stack layout does and calls changed
// when their min height changes.
type watchLayout struct {
	changed func()
	height  float32
}

func (l *watchLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
	if h := l.MinSize(objs).Height; h != l.height {
		l.height = h
		l.changed()
	}
}

func (l *watchLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		if o.Visible() {
			s = s.Max(o.MinSize())
		}
	}
	return s
}
