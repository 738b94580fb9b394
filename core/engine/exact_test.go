package engine

import (
	"bytes"
	"context"
	"encoding/csv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sfsync/sfsync/core/export"
	"github.com/sfsync/sfsync/core/sfsim"
	"github.com/sfsync/sfsync/core/sfsim/simtest"
	"github.com/sfsync/sfsync/core/store"
)

// testClock is a settable engine clock (Config.Now).
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// withClock makes the harness engine read time from a testClock.
func withClock(clock *testClock) func(*Config) {
	return func(c *Config) { c.Now = clock.now }
}

var smallSeed = sfsim.SeedConfig{Users: 3, Accounts: 12, ContactsPerAccount: 1, OpportunitiesPerAccount: 1, Leads: 4, Seed: 11}

// exportRows exports obj as the CLI does and returns rows by Id, columns by
// header name.
func exportRows(t *testing.T, st *store.Store, obj string) map[string]map[string]string {
	t.Helper()
	var buf bytes.Buffer
	if _, err := export.Write(context.Background(), st, &buf, export.Options{Object: obj, Raw: true}); err != nil {
		t.Fatalf("export %s: %v", obj, err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string]string{}
	for _, rec := range recs[1:] {
		row := map[string]string{}
		for i, h := range recs[0] {
			row[h] = rec[i]
		}
		out[row["Id"]] = row
	}
	return out
}

// TestChangedUserIsCurrentEverywhere is issue 7 case 1: an owner's Email
// and Phone change in the org while the Accounts do not. The export (and
// the oracle, which reads cells as the Records view does) must show the
// new values after one run, at the cost of the one incremental call.
func TestChangedUserIsCurrentEverywhere(t *testing.T) {
	h := newHarness(t, sfsim.Options{Seed: smallSeed}, nil)
	h.connectToken()
	h.runOK()
	org := h.sim.Org()
	acc := org.Snapshot("Account")[0]
	owner := acc["OwnerId"].(string)
	if err := org.Update("User", owner, map[string]any{"Email": "new.owner@example.com", "Phone": "+1 555 0100"}); err != nil {
		t.Fatal(err)
	}
	before := h.usage()
	h.runOK()
	if calls := h.usage() - before; calls != 1 {
		t.Errorf("the run after a User change cost %d API calls, want the 1 incremental composite call", calls)
	}
	rows := exportRows(t, h.st, "Account")
	owned := 0
	for _, a := range org.Snapshot("Account") {
		if a["OwnerId"] != owner {
			continue
		}
		owned++
		got := rows[a["Id"].(string)]
		if got["Owner.Email"] != "new.owner@example.com" || got["Owner.Phone"] != "+1 555 0100" {
			t.Errorf("Account %s exports owner %q %q, want the User's new Email and Phone", a["Id"], got["Owner.Email"], got["Owner.Phone"])
		}
	}
	if owned == 0 {
		t.Fatal("the seed gave the owner no Accounts")
	}
	h.assertEqual(nil)
}

// TestUserLookupAndFormulaFollowTheUser: the CSM lookup follows its User at
// once; the Owner_Email__c formula (which Salesforce recalculates without
// moving the Account's SystemModstamp) follows on the formula refresh, and
// the run history shows the refresh and its calls.
func TestUserLookupAndFormulaFollowTheUser(t *testing.T) {
	clock := &testClock{t: time.Now()}
	h := newHarness(t, sfsim.Options{Seed: smallSeed}, withClock(clock))
	h.connectToken()
	sel := h.e.Selection()
	sel["Account"] = append(sel["Account"], "CSM__c", "CSM__r.Name", "CSM__r.Email", "CSM__r.Phone", "Owner_Email__c")
	if err := h.e.SaveFields(sel); err != nil {
		t.Fatal(err)
	}
	h.runOK()
	org := h.sim.Org()
	var acc map[string]any
	for _, a := range org.Snapshot("Account") {
		if a["CSM__c"] != nil {
			acc = a
			break
		}
	}
	if acc == nil {
		t.Fatal("no Account has a CSM")
	}
	csm, owner := acc["CSM__c"].(string), acc["OwnerId"].(string)
	if err := org.Update("User", csm, map[string]any{"Email": "csm.moved@example.com"}); err != nil {
		t.Fatal(err)
	}
	if err := org.Update("User", owner, map[string]any{"Email": "owner.moved@example.com"}); err != nil {
		t.Fatal(err)
	}
	h.runOK()
	id := acc["Id"].(string)
	if got := exportRows(t, h.st, "Account")[id]; got["CSM__r.Email"] != "csm.moved@example.com" {
		t.Errorf("CSM email %q after one run", got["CSM__r.Email"])
	}
	clock.advance(25 * time.Hour)
	run := h.runOK()
	got := exportRows(t, h.st, "Account")[id]
	if got["Owner_Email__c"] != "owner.moved@example.com" {
		t.Errorf("formula Owner_Email__c = %q after the daily refresh, want the owner's new email", got["Owner_Email__c"])
	}
	if run.RefreshCalls == 0 || run.Objects["Account"].Refreshed == 0 {
		t.Errorf("run history does not show the refresh: refreshCalls %d, Account %+v", run.RefreshCalls, run.Objects["Account"])
	}
	h.assertEqual(nil)
}

// TestFailedReReadKeepsTheStore is issue 7 case 3: after widening the
// Account selection, every read fails — every Bulk job (objects beyond
// BulkThreshold), or the composite call small objects are read with; the
// stored Accounts must stay as they were (count and values), and the next
// good run re-reads them and reports a re-read, not new records.
func TestFailedReReadKeepsTheStore(t *testing.T) {
	for _, tc := range []struct {
		name  string
		tune  func(*Config)
		fault sfsim.Fault
	}{
		{"bulk", func(c *Config) { c.BulkThreshold = 1 }, sfsim.Fault{Endpoint: "jobs", Times: -1, Kind: sfsim.FaultJobFailed}},
		{"rest", nil, sfsim.Fault{Endpoint: "composite", Times: -1, Kind: sfsim.FaultHTTP500}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, sfsim.Options{Seed: sfsim.SeedConfig{Users: 3, Accounts: 20, Leads: 2, Seed: 5}}, tc.tune)
			h.connectToken()
			h.runOK()
			before, err := h.st.Count("Account")
			if err != nil || before == 0 {
				t.Fatalf("count %d %v", before, err)
			}
			sel := h.e.Selection()
			sel["Account"] = append(sel["Account"], "Industry")
			if err := h.e.SaveFields(sel); err != nil {
				t.Fatal(err)
			}
			h.sim.InjectFault(tc.fault)
			if _, err := h.e.RunOnce(context.Background()); err == nil {
				t.Fatal("the run with every read failing succeeded")
			}
			after, err := h.st.Count("Account")
			if err != nil || after != before {
				t.Fatalf("Account count %d after the failed re-read, was %d (%v)", after, before, err)
			}
			if rows := exportRows(t, h.st, "Account"); len(rows) != before {
				t.Fatalf("export has %d Accounts after the failed re-read, want %d", len(rows), before)
			}
			h.sim.ClearFaults()
			h.customFields = true
			run := h.runOK()
			if c := run.Objects["Account"]; c.Reread != before || c.Added != 0 {
				t.Errorf("re-read reported as %+v, want Reread %d and nothing added", c, before)
			}
			h.assertEqual(nil)
		})
	}
}

// TestPurgedRecordLeavesWithinOneSweep is issue 7 case 4: an Account hard
// deleted after the first sync leaves the store on the next sweep.
func TestPurgedRecordLeavesWithinOneSweep(t *testing.T) {
	clock := &testClock{t: time.Now()}
	h := newHarness(t, sfsim.Options{Seed: smallSeed}, withClock(clock))
	h.connectToken()
	h.runOK()
	org := h.sim.Org()
	gone := org.Snapshot("Account")[3]["Id"].(string)
	if err := org.HardDelete("Account", gone); err != nil {
		t.Fatal(err)
	}
	h.runOK()
	if r, _ := h.st.Get("Account", gone); r == nil {
		t.Fatal("the sweep ran before it was due")
	}
	clock.advance(24*time.Hour + time.Minute)
	run := h.runOK()
	if r, _ := h.st.Get("Account", gone); r != nil {
		t.Errorf("purged Account %s still stored after the sweep", gone)
	}
	if run.Objects["Account"].Purged != 1 {
		t.Errorf("run counts %+v, want 1 purged", run.Objects["Account"])
	}
	h.assertEqual(nil)
}

// TestPurgeSweepOfALargeObjectUsesBulk: an object beyond one REST page is
// swept through a Bulk query job, and a record created after the sweep's
// snapshot is kept.
func TestPurgeSweepOfALargeObjectUsesBulk(t *testing.T) {
	clock := &testClock{t: time.Now()}
	h := newHarness(t, sfsim.Options{Seed: sfsim.SeedConfig{Users: 3, Accounts: refreshRESTMax + 50, Leads: 2, Seed: 3}}, withClock(clock))
	h.connectToken()
	h.runOK()
	org := h.sim.Org()
	accs := org.Snapshot("Account")
	for _, i := range []int{1, 500, 2049} {
		if err := org.HardDelete("Account", accs[i]["Id"].(string)); err != nil {
			t.Fatal(err)
		}
	}
	clock.advance(25 * time.Hour)
	jobs := h.calls.count("POST", "/jobs/query")
	run := h.runOK()
	if run.Objects["Account"].Purged != 3 {
		t.Errorf("Account counts %+v, want 3 purged", run.Objects["Account"])
	}
	if n := h.calls.count("POST", "/jobs/query") - jobs; n != 1 {
		t.Errorf("the sweep created %d Bulk jobs, want 1 (Account; the small objects share one composite call)", n)
	}
	t.Logf("sweep of %d Accounts: %d API calls", refreshRESTMax+47, run.RefreshCalls)
	h.assertEqual(nil)
}

// TestQueueOwnedLeadsReadAsTheQueue is issue 7 case 2: a Lead owned by a
// Queue (OwnerId 00G…) reads as the Queue's name in the export (and, the ui
// tests show, in the Records view, which reads the same cells), a new
// Queue taking a Lead is read on the next run, and the oracle compares the
// owner's name with the org's own join.
func TestQueueOwnedLeadsReadAsTheQueue(t *testing.T) {
	seed := smallSeed
	seed.Leads, seed.Queues, seed.QueueLeadShare = 20, 2, 40
	h := newHarness(t, sfsim.Options{Seed: seed}, nil)
	h.connectToken()
	sel := h.e.Selection()
	sel["Lead"] = append(sel["Lead"], "Name", "OwnerId")
	if err := h.e.SaveFields(sel); err != nil {
		t.Fatal(err)
	}
	h.runOK()
	org := h.sim.Org()
	queues := map[string]string{}
	for _, g := range org.Snapshot("Group") {
		queues[g["Id"].(string)] = g["Name"].(string)
	}
	check := func() {
		t.Helper()
		rows := exportRows(t, h.st, "Lead")
		owned := 0
		for _, l := range simtest.Live(org, "Lead") {
			owner := l["OwnerId"].(string)
			if name, ok := queues[owner]; ok {
				owned++
				if got := rows[l["Id"].(string)]["Owner.Name"]; got != name {
					t.Errorf("Lead %s owned by Queue %s exports owner %q, want %q", l["Id"], owner, got, name)
				}
			}
		}
		if owned == 0 {
			t.Fatal("no queue-owned Lead to check")
		}
	}
	check()
	q, err := org.CreateQueue("Late Queue")
	if err != nil {
		t.Fatal(err)
	}
	queues[q] = "Late Queue"
	lead := simtest.Live(org, "Lead")
	var leadID string
	for id := range lead {
		leadID = id
		break
	}
	if err := org.Update("Lead", leadID, map[string]any{"OwnerId": q}); err != nil {
		t.Fatal(err)
	}
	h.runOK()
	check()
	h.customFields = true
	h.assertEqualWith(map[string][]string{"Lead": {"Owner.Name"}}, nil)
}

// TestWithoutViewAllUsersLookupsSayWhy: a user without View All Users sees
// only some Users (§9). Connect says which lookups may show Ids; an owner
// the store never saw reads as its Id (never a blank) with the reason.
func TestWithoutViewAllUsersLookupsSayWhy(t *testing.T) {
	seed := smallSeed
	seed.Users = 6
	h := newHarness(t, sfsim.Options{Seed: seed, NoViewAllUsers: true}, nil)
	h.connectToken()
	note := h.e.State().UsersNote
	if !strings.Contains(note, "View All Users") || !strings.Contains(note, "Account Owner") {
		t.Fatalf("connect note %q does not name the lookups that may stay unresolved", note)
	}
	h.runOK()
	res, err := export.LoadResolver(h.st)
	if err != nil {
		t.Fatal(err)
	}
	rows := exportRows(t, h.st, "Account")
	hidden := 0
	for _, a := range simtest.Live(h.sim.Org(), "Account") {
		owner := a["OwnerId"].(string)
		if rec, _ := h.st.Get("User", owner); rec != nil {
			continue
		}
		hidden++
		if got := rows[a["Id"].(string)]["Owner.Name"]; got != owner {
			t.Errorf("Account %s with an unseen owner exports %q, want the owner's Id %s", a["Id"], got, owner)
		}
		if _, _, why := res.Resolve(owner, "Name"); !strings.Contains(why, "View All Users") {
			t.Errorf("reason %q does not say View All Users", why)
		}
	}
	if hidden == 0 {
		t.Fatal("every owner was visible: the test proves nothing")
	}
}

// TestNumbersAreExactWhicheverAPIPrintedThem: REST JSON prints large
// currency values in exponent form (9.9213206E7) and Bulk CSV plainly
// (forcedotcom/cli#3367); the store keeps one exact text for both.
func TestNumbersAreExactWhicheverAPIPrintedThem(t *testing.T) {
	h := newHarness(t, sfsim.Options{Seed: smallSeed}, nil)
	org := h.sim.Org()
	opps := org.Snapshot("Opportunity")
	bulkID, restID := opps[0]["Id"].(string), opps[1]["Id"].(string)
	if err := org.Update("Opportunity", bulkID, map[string]any{"Amount": 99213206.0}); err != nil {
		t.Fatal(err)
	}
	h.connectToken()
	h.runOK() // Bulk: plain decimals
	if err := org.Update("Opportunity", restID, map[string]any{"Amount": 1234567.89}); err != nil {
		t.Fatal(err)
	}
	if err := org.Update("Opportunity", bulkID, map[string]any{"Amount": 12345678.5}); err != nil {
		t.Fatal(err)
	}
	h.runOK() // REST: Java double form
	for id, want := range map[string]string{bulkID: "12345678.5", restID: "1234567.89"} {
		rec, _ := h.st.Get("Opportunity", id)
		if got, _ := rec.Field("Amount"); got != want {
			t.Errorf("Opportunity %s Amount stored %q, want %q", id, got, want)
		}
	}
	h.assertEqual(nil)
}

// TestAddedAndRestoredFieldsAppearAndSync: a custom field added in the org
// and a field whose access was given back reach the catalog with the daily
// refresh (one composite of describes), and selecting them re-reads the
// object with their values.
func TestAddedAndRestoredFieldsAppearAndSync(t *testing.T) {
	clock := &testClock{t: time.Now()}
	h := newHarness(t, sfsim.Options{Seed: smallSeed}, withClock(clock))
	h.connectToken()
	h.runOK()
	org := h.sim.Org()
	if err := org.DeleteField("Account", "Industry"); err != nil {
		t.Fatal(err)
	}
	values := map[string]any{}
	for i, a := range org.Snapshot("Account") {
		values[a["Id"].(string)] = []string{"EMEA", "AMER", "APAC"}[i%3]
	}
	if err := org.AddField("Account", sfsim.FieldSpec{Name: "Region__c", Label: "Region", Type: "string", Values: values}); err != nil {
		t.Fatal(err)
	}
	if err := org.RestoreField("Account", "Industry"); err != nil {
		t.Fatal(err)
	}
	clock.advance(25 * time.Hour)
	h.runOK()
	cat, err := h.e.catalog()
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := cat.Object("Account").Field("Region__c"); !ok {
		t.Fatal("the added field is not in the catalog after the refresh")
	}
	sel := h.e.Selection()
	sel["Account"] = append(sel["Account"], "Region__c", "Industry")
	if err := h.e.SaveFields(sel); err != nil {
		t.Fatal(err)
	}
	h.customFields = true
	h.runOK()
	h.assertEqual(nil)
}

// TestSweepFollowsSharingBothWays: a record hidden from the user by a
// sharing change (no SystemModstamp moves) leaves the store with the next
// sweep, and comes back with the sweep after it is shared again.
func TestSweepFollowsSharingBothWays(t *testing.T) {
	clock := &testClock{t: time.Now()}
	h := newHarness(t, sfsim.Options{Seed: smallSeed}, withClock(clock))
	h.connectToken()
	h.runOK()
	org := h.sim.Org()
	id := ""
	for _, c := range org.Snapshot("Contact") {
		stamp, _ := time.Parse("2006-01-02T15:04:05.000-0700", c["SystemModstamp"].(string))
		if time.Since(stamp) > 24*time.Hour { // well before the bookmark: no incremental sees it again
			id = c["Id"].(string)
			break
		}
	}
	if id == "" {
		t.Fatal("no Contact stamped before yesterday")
	}
	if err := org.HideRecord("Contact", id, true); err != nil {
		t.Fatal(err)
	}
	clock.advance(25 * time.Hour)
	if run := h.runOK(); run.Objects["Contact"].Purged != 1 {
		t.Errorf("hidden Contact: counts %+v, want 1 purged", run.Objects["Contact"])
	}
	if r, _ := h.st.Get("Contact", id); r != nil {
		t.Error("a Contact the user can no longer see is still stored")
	}
	if err := org.HideRecord("Contact", id, false); err != nil {
		t.Fatal(err)
	}
	h.runOK()
	if r, _ := h.st.Get("Contact", id); r != nil {
		t.Fatal("the shared-again Contact came back before the sweep: the test proves nothing about the sweep")
	}
	clock.advance(25 * time.Hour)
	if run := h.runOK(); run.Objects["Contact"].Added != 1 {
		t.Errorf("shared-again Contact: counts %+v, want 1 added by the sweep", run.Objects["Contact"])
	}
	h.assertEqual(nil)
}
