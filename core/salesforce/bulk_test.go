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

const bulkSOQL = "SELECT Id, Name, Description, Phone, IsDeleted, Owner.Name, Owner.Email, CSM__r.Email, SystemModstamp FROM Account"

// collector checks that every row of a Bulk read arrives once and matches
// the org snapshot.
type collector struct {
	t     *testing.T
	want  map[string]map[string]any // Id -> snapshot row
	seen  map[string]int
	pages []Checkpoint
}

func newCollector(t *testing.T, org *sfsim.Org, object string, includeDeleted bool) *collector {
	c := &collector{t: t, want: map[string]map[string]any{}, seen: map[string]int{}}
	for _, r := range org.Snapshot(object) {
		if includeDeleted || r["IsDeleted"] != true {
			c.want[r["Id"].(string)] = r
		}
	}
	return c
}

func (c *collector) page(p *ResultPage) error {
	if p.JobRecords != int64(len(c.want)) {
		return fmt.Errorf("page %q: JobRecords %d, the job holds %d rows", p.Locator, p.JobRecords, len(c.want))
	}
	if !slices.Equal(p.Columns(), []string{"Id", "Name", "Description", "Phone", "IsDeleted", "Owner.Name", "Owner.Email", "CSM__r.Email", "SystemModstamp"}) {
		return fmt.Errorf("page %q columns %q", p.Locator, p.Columns())
	}
	for _, r := range p.Rows() {
		id := r.ID()
		c.seen[id]++
		w, ok := c.want[id]
		if !ok {
			return fmt.Errorf("unexpected row %s", id)
		}
		for _, col := range []string{"Name", "Description", "Phone"} {
			i := p.Column(col)
			if wv, _ := w[col].(string); r.Text(i) != wv || r.IsNull(i) != (w[col] == nil || wv == "") {
				return fmt.Errorf("%s %s = %q (null %v), want %q", id, col, r.Text(i), r.IsNull(i), w[col])
			}
		}
	}
	c.pages = append(c.pages, p.Next())
	return nil
}

func (c *collector) check() {
	c.t.Helper()
	if len(c.seen) != len(c.want) {
		c.t.Errorf("%d distinct rows, want %d", len(c.seen), len(c.want))
	}
	for id, n := range c.seen {
		if n != 1 {
			c.t.Errorf("row %s delivered %d times", id, n)
		}
	}
}

func TestBulkQueryPagesAndCSVEdgeCases(t *testing.T) {
	e := newSimEnv(t, sfsim.Options{})
	org := e.sim.Org()
	tricky := []map[string]any{
		{"Name": "Acme, Inc.", "Description": "He said \"hi\"\nand left,\r\nquickly", "Phone": ""},
		{"Name": "Zürich Straße — 東京 🚀", "Description": nil},
		{"Name": `"quoted"`, "Description": ",,,", "Phone": "+41 44 000 00 00"},
	}
	for _, f := range tricky {
		if _, err := org.Create("Account", f); err != nil {
			t.Fatal(err)
		}
	}
	c := e.client(func(cfg *Config) { cfg.BulkMaxRecords = 70 })
	col := newCollector(t, org, "Account", true)
	var counter CallCounter
	err := c.BulkQuery(WithCallCounter(context.Background(), &counter), bulkSOQL, true, col.page)
	if err != nil {
		t.Fatal(err)
	}
	col.check()
	wantPages := (len(col.want) + 69) / 70
	if len(col.pages) != wantPages {
		t.Errorf("%d pages, want %d", len(col.pages), wantPages)
	}
	if last := col.pages[len(col.pages)-1]; last.Locator != "" {
		t.Errorf("last page has a next locator %q", last.Locator)
	}
	// create + 3 polls (UploadComplete -> InProgress -> JobComplete) + pages + delete
	if want := int64(1 + 2 + wantPages + 1); counter.Calls() != want {
		t.Errorf("%d calls, want %d", counter.Calls(), want)
	}
	// The job was deleted after the last page.
	if _, err := c.GetJob(context.Background(), col.pages[0].JobID); !errors.Is(err, ErrNotFound) {
		t.Errorf("job after read: %v", err)
	}
}

func TestBulkJobStates(t *testing.T) {
	e := newSimEnv(t, sfsim.Options{})
	c := e.client()
	ctx := context.Background()

	job, err := c.CreateQueryJob(ctx, "SELECT Id FROM Lead", false)
	if err != nil || job.State != JobUploadComplete || job.Operation != "query" || job.ID == "" {
		t.Fatalf("create: %+v %v", job, err)
	}
	var states []string
	for !job.Terminal() {
		if job, err = c.GetJob(ctx, job.ID); err != nil {
			t.Fatal(err)
		}
		states = append(states, job.State)
	}
	if !slices.Equal(states, []string{JobInProgress, JobComplete}) {
		t.Errorf("states %v", states)
	}
	if _, err := c.AbortJob(ctx, job.ID); !isAPIError(err, 400, "API_ERROR", "can no longer be aborted") {
		t.Errorf("aborting a complete job: %v, want 400 API_ERROR (job can no longer be aborted)", err)
	}
}

func TestBulkJobAborted(t *testing.T) {
	e := newSimEnv(t, sfsim.Options{})
	c := e.client()
	ctx := context.Background()
	job, err := c.CreateQueryJob(ctx, "SELECT Id FROM Lead", true)
	if err != nil || job.Operation != "queryAll" {
		t.Fatalf("create queryAll: %+v %v", job, err)
	}
	if err := c.DeleteJob(ctx, job.ID); !isAPIError(err, 400, "API_ERROR", "not terminated") {
		t.Errorf("deleting a running job: %v, want 400 API_ERROR (job is not terminated)", err)
	}
	if job, err = c.AbortJob(ctx, job.ID); err != nil || job.State != JobAborted {
		t.Fatalf("abort: %+v %v", job, err)
	}
	if _, err := c.WaitJob(ctx, job.ID); !errors.Is(err, ErrJobAborted) {
		t.Errorf("wait aborted: %v", err)
	}
	if err := c.DeleteJob(ctx, job.ID); err != nil {
		t.Errorf("delete aborted: %v", err)
	}
}

// TestBulkJobFailed: the typed error carries Salesforce's message and the
// job is cleaned up.
func TestBulkJobFailed(t *testing.T) {
	e := newSimEnv(t, sfsim.Options{})
	c := e.client()
	ctx := context.Background()
	e.sim.Org().FailNextJobs(1)
	var jobID string
	err := c.BulkQuery(ctx, "SELECT Id FROM Lead", true, func(p *ResultPage) error { jobID = p.JobID; return nil })
	var je *JobError
	if !errors.Is(err, ErrJobFailed) || !errors.As(err, &je) || je.Message == "" || jobID != "" {
		t.Fatalf("failed job: %v (%+v)", err, je)
	}
	if _, err := c.GetJob(ctx, je.JobID); !errors.Is(err, ErrNotFound) {
		t.Errorf("failed job not deleted: %v", err)
	}
}

// TestBulkRejectsCompoundFields: Bulk rejects what it does not support, as
// a typed, unretried error.
func TestBulkRejectsCompoundFields(t *testing.T) {
	e := newSimEnv(t, sfsim.Options{})
	c := e.client()
	var counter CallCounter
	_, err := c.CreateQueryJob(WithCallCounter(context.Background(), &counter), "SELECT Id, BillingAddress FROM Account", false)
	if !isAPIError(err, 400, "API_ERROR", "") || counter.Calls() != 1 {
		t.Errorf("compound field job: %v after %d calls", err, counter.Calls())
	}
	e.noTokenIn(err, c)
}

// isAPIError reports whether err is an *APIError with the status and code
// whose message contains fragment.
func isAPIError(err error, status int, code, fragment string) bool {
	var ae *APIError
	return errors.As(err, &ae) && ae.Status == status && ae.Code == code && strings.Contains(ae.Message, fragment)
}

var errStop = errors.New("stop: simulated crash")

// A read stopped after a committed page resumes from its checkpoint, and the
// union is every row exactly once.
func TestBulkResumeFromCheckpoint(t *testing.T) {
	e := newSimEnv(t, sfsim.Options{})
	org := e.sim.Org()
	c := e.client(func(cfg *Config) { cfg.BulkMaxRecords = 50 })
	ctx := context.Background()
	col := newCollector(t, org, "Account", false)
	var committed Checkpoint
	err := c.BulkQuery(ctx, bulkSOQL, false, func(p *ResultPage) error {
		if len(col.pages) == 2 {
			return errStop // crash before committing the third page
		}
		if err := col.page(p); err != nil {
			return err
		}
		committed = p.Next()
		return nil
	})
	if !errors.Is(err, errStop) {
		t.Fatalf("err %v", err)
	}
	if committed.JobID == "" || committed.Locator == "" {
		t.Fatalf("checkpoint %+v", committed)
	}
	// A new client (new process) resumes from the stored checkpoint.
	c2 := e.client(func(cfg *Config) { cfg.BulkMaxRecords = 50 })
	if err := c2.ResumeBulkQuery(ctx, committed, col.page); err != nil {
		t.Fatal(err)
	}
	col.check()
}

// The session expires between pages: the client refreshes (rotated refresh
// token saved), re-reads nothing twice and loses nothing.
func TestBulkTokenExpiryMidRead(t *testing.T) {
	e := newSimEnv(t, sfsim.Options{RotateRefreshTokens: true})
	org := e.sim.Org()
	var saved []string
	c := e.client(func(cfg *Config) {
		cfg.BulkMaxRecords = 40
		cfg.OnRefreshToken = func(rt string) error { saved = append(saved, rt); e.remember(rt); return nil }
	})
	first := c.refresh
	col := newCollector(t, org, "Account", true)
	var counter CallCounter
	err := c.BulkQuery(WithCallCounter(context.Background(), &counter), bulkSOQL, true, func(p *ResultPage) error {
		if len(col.pages) == 1 || len(col.pages) == 4 {
			e.sim.ExpireAccessTokens()
		}
		return col.page(p)
	})
	if err != nil {
		t.Fatal(err)
	}
	col.check()
	if counter.Refreshes() != 2 || len(saved) != 2 || saved[0] == first || saved[1] == saved[0] {
		t.Errorf("refreshes %d, saved %d rotated tokens", counter.Refreshes(), len(saved))
	}
	// The replaced refresh token is dead; the saved one is live.
	if _, err := e.oauth.Refresh(context.Background(), first); !errors.Is(err, ErrReauthorize) {
		t.Errorf("old refresh token: %v", err)
	}
}

// A failing save of a rotated refresh token is reported, and retried before
// the next call.
func TestRotatedTokenSaveFailure(t *testing.T) {
	e := newSimEnv(t, sfsim.Options{RotateRefreshTokens: true})
	fail := true
	var saved string
	c := e.client(func(cfg *Config) {
		cfg.OnRefreshToken = func(rt string) error {
			e.remember(rt)
			if fail {
				return errors.New("keyring locked")
			}
			saved = rt
			return nil
		}
	})
	e.sim.ExpireAccessTokens()
	_, err := c.Limits(context.Background())
	if err == nil || !errorsContains(err, "keyring locked") {
		t.Fatalf("err %v", err)
	}
	e.noTokenIn(err, c)
	fail = false
	if _, err := c.Limits(context.Background()); err != nil {
		t.Fatal(err)
	}
	if saved == "" || saved != c.refresh {
		t.Error("rotated token not saved on the next call")
	}
}

func errorsContains(err error, s string) bool {
	return err != nil && strings.Contains(err.Error(), s)
}
