package engine

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/sfsync/sfsync/core/sfsim"
)

// The random steps of TestRandomHistoriesStayExact: org mutations,
// selection changes and faults.

// soakObjects are the objects a history creates, changes and deletes.
var soakObjects = []string{"Account", "Contact", "Lead", "Opportunity"}

// mutate makes one random change in the org.
func (s *soak) mutate() {
	s.n++
	kinds := []func(){s.create, s.update, s.update, s.changeUser, s.moveLead, s.softDelete, s.undelete,
		s.merge, s.purge, s.share, s.lateCommit, s.touchMany, s.changeOwner, s.dropField, s.renameQueue, s.addField}
	before := s.liveNow()
	kinds[s.rng.IntN(len(kinds))]()
	after := s.liveNow()
	for id := range before {
		if !after[id] {
			s.wasDeleted[id] = true
		}
	}
}

// liveNow is every live Id of the objects a history changes.
func (s *soak) liveNow() map[string]bool {
	out := map[string]bool{}
	for _, obj := range soakObjects {
		for _, id := range s.ids(obj, false) {
			out[id] = true
		}
	}
	return out
}

func (s *soak) tag() string { return fmt.Sprint("s", s.seed, "n", s.n) }

// pick is a random element of ids, "" if none.
func (s *soak) pick(ids []string) string {
	if len(ids) == 0 {
		return ""
	}
	return ids[s.rng.IntN(len(ids))]
}

// ids lists obj's Ids, live (IsDeleted false) or in the Recycle Bin.
func (s *soak) ids(obj string, deleted bool) []string {
	var out []string
	for _, row := range s.org.Snapshot(obj) {
		if (row["IsDeleted"] == true) == deleted {
			out = append(out, row["Id"].(string))
		}
	}
	return out
}

func (s *soak) must(what string, err error) {
	if err != nil {
		s.t.Errorf("%s: %v", what, err)
	}
}

func (s *soak) create() {
	obj, tag := soakObjects[s.rng.IntN(len(soakObjects))], s.tag()
	fields := map[string]map[string]any{
		"Account":     {"Name": "Acct " + tag, "Website": "https://" + tag + ".example"},
		"Contact":     {"LastName": "Doe " + tag, "Email": tag + "@example.com", "AccountId": s.pick(s.ids("Account", false))},
		"Lead":        {"LastName": "Lee " + tag, "Company": "Co " + tag, "Status": "Open - Not Contacted"},
		"Opportunity": {"Name": "Deal " + tag, "StageName": "Prospecting", "CloseDate": "2026-01-31", "Amount": 1234.5, "AccountId": s.pick(s.ids("Account", false))},
	}[obj]
	id, err := s.org.Create(obj, fields)
	s.must("create "+obj, err)
	s.logf("  create %s %s", obj, id)
}

func (s *soak) update() {
	obj := soakObjects[s.rng.IntN(len(soakObjects))]
	id, tag := s.pick(s.ids(obj, false)), s.tag()
	fields := map[string]map[string]any{
		"Account":     {"Name": "Renamed " + tag, "Type": nil, "AnnualRevenue": float64(s.n) * 1000.25},
		"Contact":     {"Title": "VP " + tag, "Department": "Dept " + tag},
		"Lead":        {"Email": tag + "@lead.example", "Phone": "+1 555 " + tag},
		"Opportunity": {"Amount": float64(s.n) * 99213206, "StageName": "Closed Won"},
	}[obj]
	if id == "" {
		return
	}
	s.must("update "+obj, s.org.Update(obj, id, fields))
	s.logf("  update %s %s", obj, id)
}

// changeUser changes a User's Email and Phone: the owner's columns of
// every Account follow, the Owner_Email__c formula on its refresh.
func (s *soak) changeUser() {
	id, tag := s.pick(s.ids("User", false)), s.tag()
	s.must("update User", s.org.Update("User", id, map[string]any{"Email": tag + "@users.example", "Phone": "+1 555 " + tag}))
	s.stale["Account"] = true
	s.logf("  User %s Email and Phone", id)
}

// moveLead gives a Lead to the Queue, or back to a User.
func (s *soak) moveLead() {
	id := s.pick(s.ids("Lead", false))
	if id == "" || s.queue == "" {
		return
	}
	owner := s.queue
	if s.rng.IntN(2) == 0 {
		owner = s.pick(s.ids("User", false))
	}
	s.must("move Lead", s.org.Update("Lead", id, map[string]any{"OwnerId": owner}))
	s.logf("  Lead %s to owner %s", id, owner)
}

// changeOwner gives an Account to another User.
func (s *soak) changeOwner() {
	id, owner := s.pick(s.ids("Account", false)), s.pick(s.ids("User", false))
	if id == "" {
		return
	}
	s.must("change owner", s.org.Update("Account", id, map[string]any{"OwnerId": owner}))
	s.logf("  Account %s to owner %s", id, owner)
}

// softDelete moves a record to the Recycle Bin (an Account's children go with it).
func (s *soak) softDelete() {
	obj := soakObjects[s.rng.IntN(len(soakObjects))]
	if id := s.pick(s.ids(obj, false)); id != "" {
		s.must("delete "+obj, s.org.Delete(obj, id))
		s.logf("  delete %s %s", obj, id)
	}
}

func (s *soak) undelete() {
	obj := soakObjects[s.rng.IntN(len(soakObjects))]
	if id := s.pick(s.ids(obj, true)); id != "" {
		if err := s.org.Undelete(obj, id); err == nil {
			s.logf("  undelete %s %s", obj, id)
		}
	}
}

// merge merges one or two Accounts, Contacts or Leads into a master.
func (s *soak) merge() {
	obj := []string{"Account", "Contact", "Lead"}[s.rng.IntN(3)]
	ids := s.ids(obj, false)
	if len(ids) < 3 {
		return
	}
	s.rng.Shuffle(len(ids), func(i, j int) { ids[i], ids[j] = ids[j], ids[i] })
	losers := ids[1 : 2+s.rng.IntN(2)]
	s.must("merge "+obj, s.org.Merge(obj, ids[0], losers...))
	s.logf("  merge %s %v into %s", obj, losers, ids[0])
}

// purge hard-deletes a live record or one in the Recycle Bin; what
// vanishes (children included) is set aside until its object's sweep.
func (s *soak) purge() {
	obj := soakObjects[s.rng.IntN(len(soakObjects))]
	id := s.pick(s.ids(obj, s.rng.IntN(2) == 0))
	if id == "" {
		return
	}
	before := map[string][]string{}
	for _, o := range Objects {
		before[o] = append(s.ids(o, false), s.ids(o, true)...)
	}
	s.must("purge "+obj, s.org.HardDelete(obj, id))
	for o, ids := range before {
		now := append(s.ids(o, false), s.ids(o, true)...)
		for _, gone := range ids {
			if !slices.Contains(now, gone) {
				s.setAside(o, gone)
			}
		}
	}
	s.logf("  purge %s %s", obj, id)
}

func (s *soak) setAside(obj, id string) {
	if s.aside[obj] == nil {
		s.aside[obj] = map[string]bool{}
	}
	s.aside[obj][id] = true
}

// share hides a record from the user (no SystemModstamp moves) or shows a
// hidden one again; the sweep settles both.
func (s *soak) share() {
	for id, obj := range s.hidden {
		if s.rng.IntN(2) == 0 {
			_ = s.org.HideRecord(obj, id, false) // fails only for a record purged since
			delete(s.hidden, id)
			s.setAside(obj, id)
			s.logf("  show %s %s again", obj, id)
			return
		}
	}
	obj := soakObjects[s.rng.IntN(len(soakObjects))]
	id := s.pick(s.ids(obj, false))
	if id == "" {
		return
	}
	s.must("hide", s.org.HideRecord(obj, id, true))
	s.hidden[id] = obj
	s.setAside(obj, id)
	s.logf("  hide %s %s", obj, id)
}

// lateCommit creates or changes a record in a transaction that commits
// after its SystemModstamp (sfsim late.go).
func (s *soak) lateCommit() {
	delay := time.Duration(20+s.rng.IntN(200)) * time.Millisecond
	tag := s.tag()
	var id string
	var err error
	if s.rng.IntN(2) == 0 {
		id, err = s.org.CreateLate("Lead", map[string]any{"LastName": "Late " + tag, "Company": "Late Co", "Status": "Open - Not Contacted"}, delay)
	} else {
		id = s.pick(s.ids("Contact", false))
		if id == "" || time.Now().Before(s.late[id]) {
			// One pending transaction a record: Salesforce locks the row,
			// so a second update waits for the first (UNABLE_TO_LOCK_ROW).
			return
		}
		err = s.org.UpdateLate("Contact", id, map[string]any{"Title": "Late " + tag}, delay)
	}
	s.must("late commit", err)
	s.late[id] = time.Now().Add(delay)
	s.logf("  late commit %s in %v", id, delay)
}

// touchMany updates several records in one transaction: one shared SystemModstamp.
func (s *soak) touchMany() {
	obj := soakObjects[s.rng.IntN(len(soakObjects))]
	n := len(s.ids(obj, false))
	if n == 0 {
		return
	}
	n = 1 + s.rng.IntN(n)
	_, _, err := s.org.TouchMany(obj, n)
	s.must("touch", err)
	s.logf("  touch %d %s records at one stamp", n, obj)
}

// dropField takes a field away from the user (or gives it back).
func (s *soak) dropField() {
	obj, field := []string{"Account", "Lead"}[s.rng.IntN(2)], "Industry"
	if obj == "Lead" {
		field = "LeadSource"
	}
	if err := s.org.DeleteField(obj, field); err == nil {
		s.logf("  field %s.%s deleted", obj, field)
		return
	}
	if err := s.org.RestoreField(obj, field); err == nil {
		s.logf("  field %s.%s restored", obj, field)
	}
}

// renameQueue renames the Queue: Leads it owns read as the new name once
// the Queues are read again (on the sweep schedule, queues.go).
func (s *soak) renameQueue() {
	if s.queue == "" {
		return
	}
	s.must("rename Queue", s.org.Update("Group", s.queue, map[string]any{"Name": "Queue " + s.tag()}))
	s.queueStale = true
	s.logf("  rename Queue %s", s.queue)
}

// addField adds a custom field to Account (once); the refresh's describes
// bring it to the catalog, after which a selection can name it.
func (s *soak) addField() {
	values := map[string]any{}
	for i, id := range s.ids("Account", false) {
		values[id] = []string{"EMEA", "AMER", "APAC"}[i%3]
	}
	if err := s.org.AddField("Account", sfsim.FieldSpec{Name: "Region__c", Label: "Region", Type: "string", Values: values}); err == nil {
		s.logf("  field Account.Region__c added")
	}
}

// reselect widens or narrows one object's selection by a pool group.
func (s *soak) reselect() {
	obj := Objects[s.rng.IntN(len(Objects))]
	group := soakPools[obj][s.rng.IntN(len(soakPools[obj]))]
	sel := s.h.e.Selection()
	cur := sel[obj]
	if slices.Contains(cur, group[0]) {
		sel[obj] = slices.DeleteFunc(slices.Clone(cur), func(f string) bool { return slices.Contains(group, f) })
	} else {
		sel[obj] = append(slices.Clone(cur), group...)
	}
	if err := s.h.e.SaveFields(sel); err != nil {
		s.logf("  select %s %v refused: %v", obj, group, err)
		return
	}
	s.logf("  select %s: %s", obj, strings.Join(sel[obj], ","))
}

// soakFaults are transient faults a run may meet.
var soakFaults = []sfsim.Fault{
	{Endpoint: "composite", Kind: sfsim.FaultHTTP500},
	{Endpoint: "composite", Kind: sfsim.FaultHTTP503, Times: -1},
	{Endpoint: "composite", Kind: sfsim.FaultTruncate},
	{Endpoint: "composite/query", Kind: sfsim.FaultQueryTimeout, Object: "Account"},
	{Endpoint: "composite/query", Kind: sfsim.FaultQueryTimeout, Object: "Contact", Times: -1},
	{Endpoint: "*", Kind: sfsim.FaultExpiredSession, Nth: 2},
	{Endpoint: "jobs", Kind: sfsim.FaultJobFailed},
	{Endpoint: "jobs", Kind: sfsim.FaultJobFailed, Times: -1},
	{Endpoint: "jobs", Kind: sfsim.FaultJobStuck, Polls: 3},
	{Endpoint: "jobs", Kind: sfsim.FaultJobStuck, Polls: -1, Object: "Lead"},
	{Endpoint: "results", Kind: sfsim.FaultTruncate},
	{Endpoint: "results", Kind: sfsim.FaultHTTP502, Times: -1},
	{Endpoint: "job", Kind: sfsim.FaultHTML503},
	{Endpoint: "*", Kind: sfsim.FaultConcurrentRequests, Nth: 3},
	{Endpoint: "*", Kind: sfsim.FaultReset, Nth: 4},
}

// injectFaults arms one or two random faults for the next run.
func (s *soak) injectFaults() {
	for range 1 + s.rng.IntN(2) {
		f := soakFaults[s.rng.IntN(len(soakFaults))]
		s.h.sim.InjectFault(f)
		s.logf("  fault %s on %s %s times %d", f.Kind, f.Endpoint, f.Object, f.Times)
	}
}
