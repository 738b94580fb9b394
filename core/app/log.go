package app

import (
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sync"

	"github.com/sfsync/sfsync/core/engine"
)

// SetNotifier routes the engine's desktop notifications (quota pause,
// reauthorization needed) to n; the window sets its own.
func (a *App) SetNotifier(n engine.Notifier) { a.notifier.set(n) }

// switchNotifier forwards to a notifier set after the engine was made.
type switchNotifier struct {
	mu sync.Mutex
	n  engine.Notifier
}

func (s *switchNotifier) set(n engine.Notifier) {
	s.mu.Lock()
	s.n = n
	s.mu.Unlock()
}

func (s *switchNotifier) Notify(title, body string) {
	s.mu.Lock()
	n := s.n
	s.mu.Unlock()
	if n != nil {
		n.Notify(title, body)
	}
}

// openLog opens the log file (0600) in the data directory, also writing to
// verbose when set; on failure the engine logs nowhere but verbose rather
// than not starting.
func openLog(dir string, verbose io.Writer) (*slog.Logger, *os.File) {
	path := filepath.Join(dir, LogFileName)
	flags := os.O_CREATE | os.O_WRONLY | os.O_APPEND
	if info, err := os.Stat(path); err == nil && info.Size() > maxLogSize {
		flags |= os.O_TRUNC
	}
	w := io.Discard
	f, err := os.OpenFile(path, flags, 0o600)
	if err == nil {
		w = f
	} else {
		f = nil
	}
	if verbose != nil {
		w = io.MultiWriter(w, verbose)
	}
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelInfo})), f
}
