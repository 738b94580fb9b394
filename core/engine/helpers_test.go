package engine

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sfsync/sfsync/core/salesforce"
	"github.com/sfsync/sfsync/core/secrets"
	"github.com/sfsync/sfsync/core/sfsim"
	"github.com/sfsync/sfsync/core/sfsim/simtest"
	"github.com/sfsync/sfsync/core/store"
)

// testSeed is small enough for -race yet spans several Bulk pages.
var testSeed = sfsim.SeedConfig{Users: 8, Accounts: 250, ContactsPerAccount: 2, OpportunitiesPerAccount: 1, Leads: 150, Seed: 7}

// recordingNotifier counts notifications.
type recordingNotifier struct {
	mu    sync.Mutex
	notes []string
}

func (n *recordingNotifier) Notify(title, body string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.notes = append(n.notes, title+": "+body)
}

func (n *recordingNotifier) all() []string {
	n.mu.Lock()
	defer n.mu.Unlock()
	return slices.Clone(n.notes)
}

type harness struct {
	t     *testing.T
	sim   *sfsim.Server
	srv   *httptest.Server // nil for an in-memory harness
	url   string           // the simulator's base URL
	dir   string
	sync  bool // fsync every commit (default); tests of many tiny commits turn it off
	st    *store.Store
	sec   *secrets.Memory
	notes *recordingNotifier
	e     *Engine
	cfg   Config
	calls *callLog // every request the engine sent
	// customFields: the test changed the selection away from the default,
	// so the oracle compares the stored selection only.
	customFields bool

	evMu   sync.Mutex
	events []Event // every event read, in order
}

// seen returns the events of the given kind read so far.
func (h *harness) seen(kind EventKind) []Event {
	h.evMu.Lock()
	defer h.evMu.Unlock()
	var out []Event
	for _, ev := range h.events {
		if ev.Kind == kind {
			out = append(out, ev)
		}
	}
	return out
}

// forget drops the events read so far.
func (h *harness) forget() {
	h.evMu.Lock()
	defer h.evMu.Unlock()
	h.events = nil
}

func newHarness(t *testing.T, opts sfsim.Options, tune func(*Config)) *harness {
	t.Helper()
	h := newSim(t, opts)
	h.srv = httptest.NewServer(h.sim)
	h.url = h.srv.URL
	t.Cleanup(h.srv.Close)
	h.configure(tune)
	return h
}

// newMemHarness is a harness whose engine reaches the simulator through
// memTransport instead of loopback TCP, for tests inside a
// testing/synctest bubble (network waits are not durably blocking).
func newMemHarness(t *testing.T, opts sfsim.Options, mt *memTransport, tune func(*Config)) *harness {
	t.Helper()
	h := newSim(t, opts)
	h.url = memURL
	mt.h = h.sim
	h.configure(func(c *Config) {
		c.HTTPClient = &http.Client{Transport: mt}
		if tune != nil {
			tune(c)
		}
	})
	return h
}

func newSim(t *testing.T, opts sfsim.Options) *harness {
	if opts.Seed == (sfsim.SeedConfig{}) && opts.Org == nil {
		opts.Seed = testSeed
	}
	return &harness{t: t, sim: sfsim.New(opts), dir: t.TempDir(), sync: true, sec: secrets.NewMemory(), notes: &recordingNotifier{}}
}

func (h *harness) configure(tune func(*Config)) {
	h.calls = &callLog{}
	h.cfg = Config{
		HTTPClient: &http.Client{Transport: h.calls.wrap(http.DefaultTransport)},
		Secrets:    h.sec, Notifier: h.notes,
		Retry: salesforce.RetryPolicy{Attempts: 4, Base: time.Millisecond, Max: 5 * time.Millisecond},
		Poll:  salesforce.PollPolicy{Initial: time.Millisecond, Max: 5 * time.Millisecond},
	}
	if tune != nil {
		tune(&h.cfg)
	}
	h.open()
}

// open opens the store and an engine on it (again after closeEngine).
func (h *harness) open() {
	h.t.Helper()
	st, err := store.Open(h.dir, store.Options{NoSync: !h.sync})
	if err != nil {
		h.t.Fatal(err)
	}
	h.st = st
	cfg := h.cfg
	cfg.Store = st
	e, err := New(cfg)
	if err != nil {
		h.t.Fatal(err)
	}
	h.e = e
	go func() { // a reader that keeps up, as the UI does
		for ev := range e.Events() {
			h.evMu.Lock()
			h.events = append(h.events, ev)
			h.evMu.Unlock()
		}
	}()
	h.t.Cleanup(h.closeEngine)
}

func (h *harness) closeEngine() {
	if h.e != nil {
		h.e.Close()
		h.e = nil
	}
	if h.st != nil {
		h.st.Close()
		h.st = nil
	}
}

func (h *harness) connectToken() {
	h.t.Helper()
	if err := h.e.ConnectWithToken(context.Background(), h.url, h.sim.IssueAccessToken()); err != nil {
		h.t.Fatalf("connect: %v", err)
	}
}

func (h *harness) runOK() store.Run {
	h.t.Helper()
	run, err := h.e.RunOnce(context.Background())
	if err != nil {
		h.t.Fatalf("run: %v (state %+v)", err, h.e.State().Detail)
	}
	if run.Result != resultOK {
		h.t.Fatalf("run result %q: %s", run.Result, run.Error)
	}
	return run
}

func (h *harness) usage() int {
	used, _ := h.sim.Usage()
	return used
}

// settledUsage is the simulator's count once no call of a stopped run is
// still arriving: a request the client gave up on when its run stopped
// may reach the server after RunOnce returned, and Salesforce counts it
// as the simulator does. Unchanged for 200 ms is settled.
func (h *harness) settledUsage() int {
	last := h.usage()
	for {
		time.Sleep(200 * time.Millisecond)
		now := h.usage()
		if now == last {
			return now
		}
		last = now
	}
}

// seedFields are the seeds' common fields, written out as Crossbeam's help
// page lists them (not taken from the selection code under test): the
// default selection must sync every one of them.
var seedFields = map[string][]string{
	"Account":     {"Name", "Website", "Type", "CreatedDate", "Owner.Name", "Owner.Phone", "Owner.Email"},
	"Contact":     {"Email", "Name", "Phone", "Title", "CreatedDate"},
	"Opportunity": {"Amount", "CloseDate", "CreatedDate", "StageName"},
}

// columns is what the oracle compares for obj: Id and SystemModstamp, the
// seeds' fields when the engine runs its default selection, and the
// selection stored in the store (what the person chose), dotted lookups
// included.
func (h *harness) columns(obj string) []string {
	h.t.Helper()
	set, _, err := h.st.Settings()
	if err != nil {
		h.t.Fatal(err)
	}
	cols := []string{"Id", "SystemModstamp"}
	if h.cfg.DefaultSelection == nil && !h.customFields {
		cols = append(cols, seedFields[obj]...)
	}
	for _, f := range set.Fields[obj] {
		if !slices.Contains(cols, f) {
			cols = append(cols, f)
		}
	}
	return cols
}

// assertEqual checks that the store holds exactly the org's live rows, with
// every selected field equal.
func (h *harness) assertEqual(skip map[string]bool) {
	h.t.Helper()
	h.assertEqualWith(nil, skip)
}

// assertEqualWith is assertEqual comparing extra fields too (object →
// fields, e.g. a Lead's Owner.Name resolved from its OwnerId).
func (h *harness) assertEqualWith(extra map[string][]string, skip map[string]bool) {
	h.t.Helper()
	for _, obj := range Objects {
		diffs, err := simtest.Diff(h.st, h.sim.Org(), obj, append(h.columns(obj), extra[obj]...), skip)
		if err != nil {
			h.t.Fatal(err)
		}
		for _, d := range diffs {
			h.t.Error(d)
		}
	}
}

// mutator changes the org: creates, updates, soft deletes and undeletes.
type mutator struct {
	t       *testing.T
	org     *sfsim.Org
	n       int
	deleted map[string][]string
}

func newMutator(t *testing.T, org *sfsim.Org) *mutator {
	return &mutator{t: t, org: org, deleted: map[string][]string{}}
}

func (m *mutator) liveIDs(obj string) []string {
	var ids []string
	for _, row := range m.org.Snapshot(obj) {
		if row["IsDeleted"] != true {
			ids = append(ids, row["Id"].(string))
		}
	}
	return ids
}

// step makes one change of each kind on one object.
func (m *mutator) step(obj string) {
	m.n++
	ids := m.liveIDs(obj)
	tag := "m" + strconv.Itoa(m.n)
	var err error
	switch obj {
	case "Account":
		_, err = m.org.Create(obj, map[string]any{"Name": "New " + tag, "Website": "https://" + tag + ".example"})
		if err == nil {
			err = m.org.Update(obj, ids[m.n%len(ids)], map[string]any{"Name": "Renamed " + tag, "Type": nil})
		}
	case "Contact":
		_, err = m.org.Create(obj, map[string]any{"LastName": "Doe " + tag, "Email": tag + "@example.com"})
		if err == nil {
			err = m.org.Update(obj, ids[m.n%len(ids)], map[string]any{"Title": "VP " + tag})
		}
	case "Lead":
		_, err = m.org.Create(obj, map[string]any{"LastName": "Lee " + tag, "Company": "Co " + tag, "Status": "Open - Not Contacted"})
		if err == nil {
			err = m.org.Update(obj, ids[m.n%len(ids)], map[string]any{"Email": tag + "@lead.example"})
		}
	case "Opportunity":
		_, err = m.org.Create(obj, map[string]any{"Name": "Deal " + tag, "StageName": "Prospecting", "CloseDate": "2026-01-31", "Amount": 1234.5})
		if err == nil {
			err = m.org.Update(obj, ids[m.n%len(ids)], map[string]any{"Amount": float64(m.n * 10)})
		}
	case "User":
		err = m.org.Update(obj, ids[m.n%len(ids)], map[string]any{"Title": "Title " + tag})
	}
	if err != nil {
		m.t.Errorf("mutate %s: %v", obj, err)
		return
	}
	if obj == "User" {
		return
	}
	victim := ids[(m.n*7+3)%len(ids)]
	if err := m.org.Delete(obj, victim); err != nil && !strings.Contains(err.Error(), "ENTITY_IS_DELETED") {
		m.t.Errorf("delete %s %s: %v", obj, victim, err)
		return
	}
	m.deleted[obj] = append(m.deleted[obj], victim)
	if d := m.deleted[obj]; len(d) > 1 && m.n%2 == 0 {
		if err := m.org.Undelete(obj, d[0]); err == nil {
			m.deleted[obj] = d[1:]
		}
	}
}

func (m *mutator) round() {
	for _, obj := range Objects {
		m.step(obj)
	}
}

func optsWithSeed() sfsim.Options { return sfsim.Options{Seed: testSeed} }

// bulkReads makes every object of testSeed but User (8 rows) big enough
// for a Bulk job, for tests of the Bulk path: the shipped threshold reads
// the whole test org through one composite call.
func bulkReads(c *Config) { c.BulkThreshold = 100 }

func readFile(path string) ([]byte, error) { return os.ReadFile(path) }

// callLog records the method and path of every request the engine sends,
// so tests can tell which calls a run made (jobs created, pages read).
type callLog struct {
	mu    sync.Mutex
	calls []string // "METHOD //host/path?query"
}

func (l *callLog) wrap(next http.RoundTripper) http.RoundTripper {
	return roundTripFunc(func(r *http.Request) (*http.Response, error) {
		l.mu.Lock()
		l.calls = append(l.calls, r.Method+" //"+r.URL.Host+r.URL.RequestURI())
		l.mu.Unlock()
		return next.RoundTrip(r)
	})
}

// count is how many requests so far had the method and a path containing part.
func (l *callLog) count(method, part string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, c := range l.calls {
		if strings.HasPrefix(c, method+" ") && strings.Contains(c, part) {
			n++
		}
	}
	return n
}

// since returns the requests after the first n.
func (l *callLog) since(n int) []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Clone(l.calls[min(n, len(l.calls)):])
}

// len is how many requests were sent so far.
func (l *callLog) len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.calls)
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
