package engine

import "github.com/sfsync/sfsync/core/store"

// followInstance saves the instance URL the client now uses when a token
// refresh moved it (an org migration or a My Domain change answers the
// refresh with a new instance_url; docs/salesforce-api.md §1.6), so status
// shows it and the next process starts there.
func (e *Engine) followInstance(sess *session) {
	now := sess.client.InstanceURL()
	set, _, err := e.st.Settings()
	if err != nil || now == "" || set.InstanceURL == now {
		return
	}
	if _, err := e.st.UpdateSettings(func(s *store.SourceSettings) { s.InstanceURL = now }); err != nil {
		e.log.Warn("save the new instance URL", "err", err)
		return
	}
	e.log.Info("Salesforce moved the org to a new instance URL", "instance", now)
	e.update(true, func(s *State) { s.InstanceURL = now })
}
