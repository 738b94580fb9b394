package ui

import (
	"strings"
	"testing"

	"github.com/sfsync/sfsync/core/engine"
)

// TestReauthorizeSaysWhatHappened (seen in the real window): a Deny at
// Reauthorize said "sfsync is not connected. Choose Connect again" while
// sfsync stayed connected and Active; and after Salesforce revoked the new
// sign-in, "Success: reauthorized." stayed on the card under the error
// that asks to reauthorize.
func TestReauthorizeSaysWhatHappened(t *testing.T) {
	env := newUIEnv(t)
	m := env.window()
	env.connectDemo(m)
	env.decision.Store("deny")
	m.reauthorize()
	env.app.waitFor(t, "the denied reauthorization", func() bool { return strings.Contains(m.Sources.Message.Text, "Deny") })
	if msg := m.Sources.Message.Text; strings.Contains(msg, "not connected") || strings.Contains(msg, "Connect again") ||
		!strings.Contains(msg, "Reauthorize again") {
		t.Errorf("after a Deny at Reauthorize the card says %q", msg)
	}
	// The engine's state events reach the badge on their own queue, after
	// Reauthorize has returned: the badge must come back to Active.
	env.app.waitFor(t, "the badge back to Active after a denied reauthorization (the sign-in is kept)", func() bool {
		return m.Sources.Badge.Status() == engine.StatusActive
	})
	env.decision.Store("allow")
	m.reauthorize()
	env.app.waitFor(t, "the reauthorization", func() bool { return strings.HasPrefix(m.Sources.Message.Text, "Success") })
	runs, _ := env.eng.History(0)
	env.sim.RevokeRefreshTokens()
	env.sim.ExpireAccessTokens()
	env.eng.SyncNow()
	env.app.waitFor(t, "the refused run", func() bool {
		now, _ := env.eng.History(0)
		return len(now) > len(runs) && m.State().NeedsReauth && !m.State().Running
	})
	env.app.drain()
	if m.Sources.Message.Visible() && strings.HasPrefix(m.Sources.Message.Text, "Success") {
		t.Errorf("the card still says %q under %q", m.Sources.Message.Text, m.Sources.Detail.Text)
	}
}
