package engine

// heldDetail is the Detail of a source whose first sync waits for the
// person (ConnectOptions.HoldFirstSync).
const heldDetail = "Connected. The first sync starts when you choose Start first sync (or Sync now)."

// holdFirstSync shows a connected source with no synced data as waiting
// for its first sync.
func holdFirstSync(s *State) {
	s.Status, s.Detail, s.FirstSyncHeld = StatusConfiguring, heldDetail, true
}

// releaseHold ends a HoldFirstSync wait: the source shows Setting up… and
// the scheduler may run it. It runs on the worker goroutine before a run.
func (e *Engine) releaseHold() {
	e.mu.Lock()
	held := e.held
	e.held = false
	e.mu.Unlock()
	if !held {
		return
	}
	e.update(true, func(s *State) {
		if s.FirstSyncHeld {
			s.Status, s.Detail, s.FirstSyncHeld = StatusSettingUp, "", false
			e.deriveStatus(s)
		}
	})
}
