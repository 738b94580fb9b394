package ui

import (
	"fyne.io/fyne/v2"

	"github.com/sfsync/sfsync/core/engine"
)

// Notifier shows the engine's notifications (quota pause, failed sync,
// reauthorization needed) as desktop notifications. The engine calls it
// from its worker goroutine, so it goes through fyne.Do.
type Notifier struct{ App fyne.App }

var _ engine.Notifier = Notifier{}

// Notify sends a desktop notification.
func (n Notifier) Notify(title, body string) {
	note := fyne.NewNotification(title, body)
	fyne.Do(func() { n.App.SendNotification(note) })
}
