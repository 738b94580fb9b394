package salesforce

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/sfsync/sfsync/core/sfsim"
)

func TestRESTMetadataAndLimits(t *testing.T) {
	e := newSimEnv(t, sfsim.Options{DailyAPIMax: 9000})
	c := e.client()
	ctx := context.Background()
	checkVersionsAreFree(t, e, c)

	var counter CallCounter
	cctx := WithCallCounter(ctx, &counter)
	checkDescribes(cctx, t, e, c)
	lim, err := c.Limits(cctx)
	if err != nil {
		t.Fatal(err)
	}
	used, apiMax := e.sim.Usage()
	if dr := lim.DailyAPIRequests(); dr.Max != 9000 || dr.Max != int64(apiMax) {
		t.Errorf("limits DailyApiRequests %+v, org max %d", dr, apiMax)
	}
	if counter.Calls() != 4 {
		t.Errorf("counted %d calls, want 4", counter.Calls())
	}
	q, ok := c.Quota()
	if !ok || q.Used != int64(used) || q.Max != 9000 {
		t.Errorf("quota %+v, org usage %d/%d", q, used, apiMax)
	}
}

// checkVersionsAreFree checks that the client lists the org's API versions,
// the pinned one among them, and that neither it nor the org counts a call.
func checkVersionsAreFree(t *testing.T, e *simEnv, c *Client) {
	t.Helper()
	ctx := context.Background()
	usedBefore, _ := e.sim.Usage()
	var free CallCounter
	vs, err := c.Versions(WithCallCounter(ctx, &free))
	if err != nil || !slices.ContainsFunc(vs, func(v VersionInfo) bool { return v.Version == APIVersion }) {
		t.Fatalf("versions %v %v", vs, err)
	}
	if ok, err := c.SupportsVersion(ctx); !ok || err != nil {
		t.Errorf("SupportsVersion = %v %v", ok, err)
	}
	if used, _ := e.sim.Usage(); free.Calls() != 0 || used != usedBefore {
		t.Errorf("versions counted: client %d, org %d -> %d", free.Calls(), usedBefore, used)
	}
}

// checkDescribes makes three calls: describeGlobal (the five objects,
// queryable), describe Account (the CSM__c lookup to User) and describe of an
// unknown object (ErrNotFound, no token in the error).
func checkDescribes(ctx context.Context, t *testing.T, e *simEnv, c *Client) {
	t.Helper()
	objs, err := c.DescribeGlobal(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Account", "Contact", "Lead", "Opportunity", "User"} {
		if !slices.ContainsFunc(objs, func(o SObjectSummary) bool { return o.Name == want && o.Queryable }) {
			t.Errorf("describeGlobal lacks queryable %s", want)
		}
	}
	d, err := c.Describe(ctx, "Account")
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(d.Fields, func(f Field) bool { return f.Name == "CSM__c" })
	if d.Name != "Account" || i < 0 || d.Fields[i].RelationshipName != "CSM__r" || !slices.Equal(d.Fields[i].ReferenceTo, []string{"User"}) {
		t.Errorf("describe Account: CSM__c = %+v", d.Fields[max(i, 0)])
	}
	_, err = c.Describe(ctx, "NoSuchObject__c")
	if !errors.Is(err, ErrNotFound) {
		t.Errorf("describe unknown object: %v", err)
	}
	e.noTokenIn(err, c)
}

func TestQueryPagingAndQueryAll(t *testing.T) {
	e := newSimEnv(t, sfsim.Options{})
	c := e.client()
	ctx := context.Background()
	org := e.sim.Org()
	accounts := org.Snapshot("Account")
	victim := accounts[3]["Id"].(string)
	if err := org.Delete("Account", victim); err != nil {
		t.Fatal(err)
	}
	names, deleted := map[string]string{}, map[string]bool{}
	for _, a := range org.Snapshot("Account") {
		names[a["Id"].(string)] = a["Name"].(string)
		deleted[a["Id"].(string)] = a["IsDeleted"] == true
	}
	if !deleted[victim] {
		t.Fatal("Delete did not set IsDeleted")
	}

	soql := "SELECT Id, Name, IsDeleted, Owner.Name, CSM__r.Email FROM Account"
	for _, all := range []bool{false, true} {
		var counter CallCounter
		seen := map[string]bool{}
		pages := 0
		err := c.QueryPages(WithCallCounter(ctx, &counter), soql, all, func(res *QueryResult) error {
			pages++
			for _, r := range res.Records {
				id := r.ID()
				if seen[id] {
					return fmt.Errorf("row %s twice", id)
				}
				seen[id] = true
				if v, _ := r.Get("Name"); v.Text != names[id] {
					return fmt.Errorf("%s name %q, want %q", id, v.Text, names[id])
				}
				if v, ok := r.Get("Owner.Name"); !ok || v.Null {
					return fmt.Errorf("%s has no Owner.Name: %v", id, r.Names)
				}
				if _, ok := r.Get("CSM__r.Email"); !ok {
					if v, ok := r.Get("CSM__r"); !ok || !v.Null {
						return fmt.Errorf("%s has neither CSM__r.Email nor a null CSM__r", id)
					}
				}
				if v, _ := r.Get("IsDeleted"); (v.Text == "true") != deleted[id] {
					return fmt.Errorf("%s IsDeleted %q", id, v.Text)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if want := org.Count("Account", all); len(seen) != want {
			t.Errorf("all=%v: %d rows, want %d", all, len(seen), want)
		}
		if seen[victim] != all {
			t.Errorf("all=%v: deleted row seen=%v", all, seen[victim])
		}
		if counter.Calls() != int64(pages) {
			t.Errorf("%d calls for %d pages", counter.Calls(), pages)
		}
	}
	res, err := c.Query(ctx, "SELECT Id FROM Contact")
	if err != nil || res.TotalSize != org.Count("Contact", false) {
		t.Fatalf("contacts %v %v", res, err)
	}
}

func TestQueryErrorsAreTypedAndNotRetried(t *testing.T) {
	e := newSimEnv(t, sfsim.Options{})
	c := e.client()
	cases := []struct {
		soql string
		want error
	}{
		{"SELECT Id, Nope__c FROM Account", ErrInvalidField},
		{"SELEKT Id FROM Account", ErrMalformedQuery},
	}
	for _, cs := range cases {
		var counter CallCounter
		_, err := c.QueryAll(WithCallCounter(context.Background(), &counter), cs.soql)
		if !errors.Is(err, cs.want) {
			t.Errorf("%s: err %v, want %v", cs.soql, err, cs.want)
		}
		if counter.Calls() != 1 {
			t.Errorf("%s: %d calls", cs.soql, counter.Calls())
		}
		e.noTokenIn(err, c)
	}
	if _, err := c.QueryMore(context.Background(), "https://elsewhere.example.com/x"); err == nil {
		t.Error("QueryMore followed a foreign URL")
	}
}

func TestCompositeQueries(t *testing.T) {
	e := newSimEnv(t, sfsim.Options{Seed: sfsim.SeedConfig{Users: 5, Accounts: 900, ContactsPerAccount: 3, OpportunitiesPerAccount: 1, Leads: 30, Seed: 3}})
	c := e.client()
	ctx := context.Background()
	org := e.sim.Org()
	var counter CallCounter
	cctx := WithCallCounter(ctx, &counter)
	res, err := c.CompositeQueries(cctx, fiveObjectQueries())
	if err != nil {
		t.Fatal(err)
	}
	if counter.Calls() != 1 {
		t.Errorf("composite cost %d calls, want 1", counter.Calls())
	}
	for _, o := range syncedObjects {
		r := res[o]
		if r.Err != nil {
			t.Fatalf("%s: %v", o, r.Err)
		}
		total := 0
		if err := c.FollowPages(cctx, r.Result, func(p *QueryResult) error { total += len(p.Records); return nil }); err != nil {
			t.Fatal(err)
		}
		if want := org.Count(o, true); total != want {
			t.Errorf("%s: %d rows, want %d", o, total, want)
		}
	}
	if res["Contact"].Result.Done || res["Contact"].Result.NextRecordsURL == "" {
		t.Error("2,700 contacts fit in one composite page")
	}

	// A failing subrequest is reported per reference id.
	bad, err := c.CompositeQueries(ctx, []CompositeQuery{{ReferenceID: "ok", SOQL: "SELECT Id FROM Lead"},
		{ReferenceID: "bad", SOQL: "SELECT Bogus__c FROM Lead"}})
	if err != nil || bad["ok"].Err != nil || !errors.Is(bad["bad"].Err, ErrInvalidField) {
		t.Fatalf("mixed composite: %v %+v", err, bad)
	}
}

// syncedObjects are the five objects sfsync keeps.
var syncedObjects = []string{"User", "Account", "Contact", "Lead", "Opportunity"}

// fiveObjectQueries are queryAll reads of the five objects since 2000, one
// per reference id named after its object.
func fiveObjectQueries() []CompositeQuery {
	var qs []CompositeQuery
	for _, o := range syncedObjects {
		cols := "Id, SystemModstamp, IsDeleted"
		if o == "User" { // a real User has no IsDeleted
			cols = "Id, SystemModstamp, IsActive"
		}
		qs = append(qs, CompositeQuery{ReferenceID: o, All: true,
			SOQL: "SELECT " + cols + " FROM " + o + " WHERE SystemModstamp >= 2000-01-01T00:00:00Z"})
	}
	return qs
}

// TestCompositeLimitsAreClientSide: more than 5 queries, more than 25
// subrequests or a repeated reference id are refused before anything is sent.
func TestCompositeLimitsAreClientSide(t *testing.T) {
	e := newSimEnv(t, sfsim.Options{})
	c := e.client()
	ctx := context.Background()
	before := c.TotalCalls().Calls()
	six := append(fiveObjectQueries(), CompositeQuery{ReferenceID: "Extra", SOQL: "SELECT Id FROM Lead"})
	if _, err := c.CompositeQueries(ctx, six); err == nil || !strings.Contains(err.Error(), "at most 5") {
		t.Errorf("6 queries: %v", err)
	}
	var subs []CompositeSubrequest
	for i := range 26 {
		subs = append(subs, CompositeSubrequest{Method: "GET", ReferenceID: fmt.Sprintf("d%d", i), URL: c.dataPath("limits")})
	}
	if _, err := c.Composite(ctx, subs, false); err == nil || !strings.Contains(err.Error(), "at most 25") {
		t.Errorf("26 subrequests: %v", err)
	}
	if _, err := c.Composite(ctx, subs[:2:2], false); err != nil {
		t.Errorf("2 subrequests: %v", err)
	}
	dup := []CompositeSubrequest{subs[0], subs[0]}
	if err := ValidateComposite(dup); err == nil {
		t.Error("duplicate reference ids accepted")
	}
	if c.TotalCalls().Calls() != before+1 {
		t.Errorf("rejected composites were sent: %d calls", c.TotalCalls().Calls()-before)
	}
}
