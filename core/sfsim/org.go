package sfsim

import (
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// PinnedVersion is the API version the client pins; older versions stay served.
const PinnedVersion = "62.0"

// Oldest and newest API versions served: a real org's GET /services/data/
// lists every version from 31.0 (Summer '14) up to its release's
// (docs/salesforce-api.md §2.1), and clients pin old ones (the Salesforce
// CLI reads the User record at v51.0 during login).
const (
	oldestVersion = 31
	newestVersion = 62
)

// SupportedVersions lists the API versions the simulator serves, pinned
// first, then the others newest first: 62.0, 61.0, … 31.0.
func SupportedVersions() []string {
	out := []string{PinnedVersion}
	for major := newestVersion; major >= oldestVersion; major-- {
		if v := strconv.Itoa(major) + ".0"; v != PinnedVersion {
			out = append(out, v)
		}
	}
	return out
}

// Org is a simulated Salesforce org: the schema of five objects, their rows,
// REST query cursors and Bulk query jobs. It is safe for concurrent use: data
// endpoints read consistent snapshots under a read lock while mutations take
// the write lock, so a sync can run while a test changes the org.
type Org struct {
	mu       sync.RWMutex
	freezeMu sync.Mutex
	schema   *schema
	tables   map[*objectDef]*table
	seq      map[*objectDef]int64 // last Id sequence per object
	pod      string               // two Id characters derived from the seed
	orgID    string
	users    []string
	queues   []string // seeded queues (Group Ids), in Id order
	bin      recycleBin
	sharing  sharing

	plainNumbers atomic.Bool // REST JSON numbers as plain decimals (number.go)

	late      []lateCommit // changes waiting for their commit time (late.go), under mu
	lateCount atomic.Int32 // len(late), read without the lock
	now       func() time.Time

	cursors *cursorStore
	jobs    *jobStore
}

func newEmptyOrg(seed int64) *Org {
	o := &Org{
		schema:  newOrgSchema(),
		tables:  map[*objectDef]*table{},
		seq:     map[*objectDef]int64{},
		pod:     podFor(seed),
		now:     time.Now,
		cursors: newCursorStore(),
		jobs:    newJobStore(),
	}
	for _, obj := range o.schema.objects {
		o.tables[obj] = newTable(obj)
	}
	o.orgID = salesforceID("00D", o.pod, 1)
	return o
}

// OrgID is the org's 18-character Id (prefix 00D).
func (o *Org) OrgID() string { return o.orgID }

// Users returns the Ids of the seeded users, in Id order. The first is the
// integration user the simulator's sessions belong to.
func (o *Org) Users() []string {
	o.mu.RLock()
	defer o.mu.RUnlock()
	return append([]string(nil), o.users...)
}

// Count returns the number of rows of object, soft-deleted ones included on request.
func (o *Org) Count(object string, includeDeleted bool) int {
	o.commitDue()
	o.mu.RLock()
	defer o.mu.RUnlock()
	obj := o.schema.object(object)
	if obj == nil {
		return 0
	}
	t := o.tables[obj]
	f := obj.deletedField()
	if includeDeleted || f == nil {
		return t.n
	}
	del := t.cols[f.col].bools
	n := 0
	for _, d := range del[:t.n] {
		if !d {
			n++
		}
	}
	return n
}

// FailNextJobs makes the next n Bulk query jobs end in state Failed.
func (o *Org) FailNextJobs(n int) { o.jobs.failNextJobs(n) }

// view snapshots every table under the read lock.
func (o *Org) view() *orgView {
	o.commitDue()
	o.mu.RLock()
	defer o.mu.RUnlock()
	return o.viewLocked()
}

// viewLocked snapshots every table; the caller holds o.mu (either mode).
// Freezing sets the columns' shared flag, so two readers freezing at once
// would race on it: freezeMu serialises them (writers hold o.mu exclusively).
func (o *Org) viewLocked() *orgView {
	o.freezeMu.Lock()
	defer o.freezeMu.Unlock()
	v := &orgView{tables: map[*objectDef]*tableView{}, schema: o.schema, plainNumbers: o.plainNumbers.Load()}
	for obj, t := range o.tables {
		tv := t.view()
		tv.org = v
		tv.hide = o.hiddenRows(t)
		v.tables[obj] = tv
	}
	return v
}

// nowMillis is the current time truncated to milliseconds, Salesforce's precision.
func (o *Org) nowMillis() int64 { return o.now().UnixMilli() }

// objectOrNil resolves an object name case-insensitively.
func (o *Org) object(name string) *objectDef { return o.schema.object(strings.TrimSpace(name)) }

// salesforceID builds an 18-character Id: key prefix, two pod characters, a
// zero, a nine-digit base-62 sequence and the case-checksum suffix. Base-62
// digits in ASCII order make Ids sort in creation order.
func salesforceID(prefix, pod string, seq int64) string {
	const digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	var b [18]byte
	copy(b[:], prefix)
	copy(b[3:], pod)
	b[5] = '0'
	for i := 14; i >= 6; i-- {
		b[i] = digits[seq%62]
		seq /= 62
	}
	return fullID(string(b[:15]))
}

func podFor(seed int64) string {
	const letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	s := uint64(seed)
	return string([]byte{letters[s%26], letters[(s/26)%26]})
}
