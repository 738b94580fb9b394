package engine

import (
	"strings"
	"testing"

	"github.com/sfsync/sfsync/core/sfsim"
)

// TestUserRenamedWhileTheirLeadsSitOnAQueue: a User is renamed while the
// Leads they owned sit on a Queue; one Lead goes back to them, another
// Lead of theirs moves to the Queue. Owner names follow at once.
func TestUserRenamedWhileTheirLeadsSitOnAQueue(t *testing.T) {
	seed := smallSeed
	seed.Leads, seed.Queues, seed.QueueLeadShare = 20, 1, 50
	h := newHarness(t, sfsim.Options{Seed: seed}, nil)
	h.connectToken()
	sel := h.e.Selection()
	sel["Lead"] = append(sel["Lead"], "Name", "OwnerId")
	if err := h.e.SaveFields(sel); err != nil {
		t.Fatal(err)
	}
	h.customFields = true
	h.runOK()
	org := h.sim.Org()
	queue := org.Snapshot("Group")[0]["Id"].(string)
	var onQueue, onUser string
	user := ""
	for _, l := range org.Snapshot("Lead") {
		switch owner := l["OwnerId"].(string); {
		case owner == queue && onQueue == "":
			onQueue = l["Id"].(string)
		case owner != queue && onUser == "":
			onUser, user = l["Id"].(string), owner
		}
	}
	if onQueue == "" || onUser == "" {
		t.Fatal("the seed has no Lead on the Queue or none on a User")
	}
	for _, err := range []error{
		org.Update("User", user, map[string]any{"FirstName": "Renamed", "LastName": "Owner"}),
		org.Update("Lead", onQueue, map[string]any{"OwnerId": user}),
		org.Update("Lead", onUser, map[string]any{"OwnerId": queue}),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	h.runOK()
	h.assertEqualWith(map[string][]string{"Lead": {"Owner.Name"}}, nil)
	if got := exportRows(t, h.st, "Lead")[onQueue]["Owner.Name"]; !strings.Contains(got, "Renamed") {
		t.Errorf("Lead given back to the renamed User exports owner %q", got)
	}
}
