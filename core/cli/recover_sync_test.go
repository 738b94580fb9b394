package cli

import (
	"testing"

	"github.com/sfsync/sfsync/core/store"
)

// TestSyncAfterRecoverEqualsTheOrg: the org changes while the store is
// damaged (a purge, a User's new Email, a Lead moved to a Queue); after
// `sfsync recover` and one `sync --once` every selected field of every
// object, the Queue owners' names and the Account Executive's Email
// included, equals the org's.
func TestSyncAfterRecoverEqualsTheOrg(t *testing.T) {
	seed := smallSeed
	seed.Queues, seed.QueueLeadShare = 2, 30
	sim, srv := newSim(t, seed)
	c := newCLI(t)
	c.must(0, sim.IssueAccessToken()+"\n", "connect", "--instance-url", srv.URL, "--access-token", "-")
	c.must(0, "", "fields", "select", "--object", "Lead", "Name", "OwnerId")
	c.must(0, "", "sync", "--once")

	org := sim.Org()
	acc := org.Snapshot("Account")[7]
	lead := org.Snapshot("Lead")[0]["Id"].(string)
	queue := org.Snapshot("Group")[0]["Id"].(string)
	for _, err := range []error{
		org.HardDelete("Account", org.Snapshot("Account")[3]["Id"].(string)),
		org.Update("User", acc["OwnerId"].(string), map[string]any{"Email": "moved@example.com"}),
		org.Update("Lead", lead, map[string]any{"OwnerId": queue}),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	cutStore(t, c.dir)
	// Recover keeps the settings where the cut left them readable; where
	// the settings' page was in the lost half (bbolt's page order follows
	// the order the run's objects committed in), it says so and the person
	// connects again, as the recover sentence tells them.
	if rec := jsonResult[RecoverResult](t, c.must(0, "", "recover", "--json")); !rec.SettingsKept {
		c.must(0, sim.IssueAccessToken()+"\n", "connect", "--instance-url", srv.URL, "--access-token", "-", "--no-sync")
		c.must(0, "", "fields", "select", "--object", "Lead", "Name", "OwnerId")
	}
	c.must(0, "", "sync", "--once")

	st, err := store.Open(c.dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	assertStoreEqualsOrg(t, st, sim, "Account", []string{"Name", "Website", "Type", "OwnerId", "Owner.Name", "Owner.Email", "Owner.Phone"})
	assertStoreEqualsOrg(t, st, sim, "Lead", []string{"Name", "OwnerId", "Owner.Name"})
	assertStoreEqualsOrg(t, st, sim, "User", []string{"Name", "Email", "Phone"})
	for _, obj := range []string{"Contact", "Opportunity"} {
		assertStoreEqualsOrg(t, st, sim, obj, nil)
	}
}
