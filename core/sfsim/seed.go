package sfsim

import (
	"math/rand/v2"
	"strconv"
	"time"
)

// SeedConfig sizes a seeded org. The same config always yields the same
// data and the same Ids.
type SeedConfig struct {
	Users, Accounts, ContactsPerAccount, OpportunitiesPerAccount, Leads int
	Seed                                                                int64
	// OrgName is the Organization record's Name ("": named after the seed,
	// e.g. "Acme Demo Org" for seed 1).
	OrgName string
	// Queues is the number of lead queues (Group records of Type Queue,
	// Id prefix 00G) to seed; QueueLeadShare is the percentage (0-100) of
	// Leads owned by one of them instead of a User. A share without queues
	// seeds one queue. Both zero: no queues, and Lead data exactly as before.
	Queues, QueueLeadShare int
}

// orgName is the Organization's Name for cfg.
func (cfg SeedConfig) orgName() string {
	if cfg.OrgName != "" {
		return cfg.OrgName
	}
	n := int64(len(companyWords))
	return companyWords[((cfg.Seed-1)%n+n)%n] + " Demo Org"
}

// DefaultSeed is a small realistic org, the Demo org's size.
func DefaultSeed() SeedConfig {
	return SeedConfig{Users: 50, Accounts: 2000, ContactsPerAccount: 3, OpportunitiesPerAccount: 2, Leads: 1000, Seed: 1}
}

// seedAnchor is the fixed "now" of seeded data: dates spread over the three
// years before it, so seeding is deterministic and always in the past.
var seedAnchor = time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC).UnixMilli()

const (
	dayMillis  = int64(24 * time.Hour / time.Millisecond)
	yearMillis = 365 * dayMillis
)

// NewOrg seeds an org deterministically from cfg. At least one user is
// always created: the integration user sessions belong to.
func NewOrg(cfg SeedConfig) *Org {
	o := newEmptyOrg(cfg.Seed)
	s := &seeder{o: o, cfg: cfg}
	s.users(max(cfg.Users, 1))
	s.organization()
	s.permissions()
	s.queues(cfg.queueCount())
	accounts := s.accounts(cfg.Accounts)
	s.contacts(accounts, cfg.ContactsPerAccount)
	s.opportunities(accounts, cfg.OpportunitiesPerAccount)
	s.leads(cfg.Leads, accounts)
	return o
}

type seeder struct {
	o   *Org
	cfg SeedConfig
	buf []byte
}

// rng gives each object its own stream, so resizing one object leaves the
// others' values unchanged.
func (s *seeder) rng(stream uint64) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(s.cfg.Seed), stream))
}

// rows writes seeded rows into one table through a reusable row buffer.
type rows struct {
	s    *seeder
	obj  *objectDef
	t    *table
	row  []cellValue
	r    *rand.Rand
	cols map[string]int // exact field name -> column; fieldExact is a scan
}

func (s *seeder) rows(object string, stream uint64, n int) *rows {
	obj := s.o.schema.object(object)
	s.o.tables[obj].reserve(n)
	w := &rows{s: s, obj: obj, t: s.o.tables[obj], row: make([]cellValue, obj.ncols()), r: s.rng(stream), cols: map[string]int{}}
	for _, f := range obj.fields() {
		if f.col >= 0 {
			w.cols[f.Name] = f.col
		}
	}
	return w
}

// col is the storage column of a field name.
func (w *rows) col(name string) int {
	c, ok := w.cols[name]
	if !ok {
		panic("sfsim: seed: no stored field " + w.obj.Name + "." + name)
	}
	return c
}

// blank starts a new row with a fresh Id, every other field null (false
// for a checkbox), and returns the Id.
func (w *rows) blank() string {
	for _, f := range w.obj.fields() {
		if f.col >= 0 {
			w.row[f.col] = nullCell(f.kind)
			if f.kind == kindBool {
				w.row[f.col] = boolCell(false)
			}
		}
	}
	id := w.s.o.nextID(w.obj)
	w.row[0] = stringCell(id)
	return id
}

// begin starts a new row with a fresh Id and audit fields, returns the Id.
func (w *rows) begin() string {
	id := w.blank()
	created := seedAnchor - 30*dayMillis - w.r.Int64N(3*yearMillis)
	modified := created + w.r.Int64N(seedAnchor-created)
	stamp := modified
	if w.r.IntN(10) == 0 { // automated processes move SystemModstamp alone
		stamp += w.r.Int64N(seedAnchor - modified + 1)
	}
	w.set("CreatedDate", timeCell(kindDateTime, created))
	w.set("LastModifiedDate", timeCell(kindDateTime, modified))
	w.set("SystemModstamp", timeCell(kindDateTime, stamp))
	if users := w.s.o.users; len(users) > 0 {
		w.set("CreatedById", stringCell(w.pick(users)))
		w.set("LastModifiedById", stringCell(w.pick(users)))
	}
	if _, ok := w.cols["IsDeleted"]; ok {
		w.set("IsDeleted", boolCell(w.r.IntN(100) == 0)) // about 1 % in the Recycle Bin
	}
	return id
}

func (w *rows) set(name string, v cellValue) { w.row[w.col(name)] = v }
func (w *rows) str(name, v string)           { w.set(name, stringCell(v)) }
func (w *rows) commit()                      { w.t.push(w.row) }
func (w *rows) pick(vals []string) string    { return vals[w.r.IntN(len(vals))] }

// maybe returns v with probability pct %, else "" (null).
func (w *rows) maybe(pct int, v string) string {
	if w.r.IntN(100) < pct {
		return v
	}
	return ""
}

// concat builds a string in the seeder's scratch buffer: one allocation.
func (w *rows) concat(parts ...string) string {
	b := w.s.buf[:0]
	for _, p := range parts {
		b = append(b, p...)
	}
	w.s.buf = b
	return string(b)
}

func (w *rows) phone() string {
	b := append(w.s.buf[:0], '(')
	b = strconv.AppendInt(b, 200+w.r.Int64N(800), 10)
	b = append(b, ") 555-"...)
	b = strconv.AppendInt(b, 1000+w.r.Int64N(9000), 10)
	w.s.buf = b
	return string(b)
}

func (w *rows) street() string {
	n := strconv.Itoa(1 + w.r.IntN(9999))
	if w.r.IntN(8) == 0 {
		return w.concat("Suite ", strconv.Itoa(100+w.r.IntN(900)), "\n", n, " ", w.pick(streetNames))
	}
	return w.concat(n, " ", w.pick(streetNames))
}

// slug lower-cases and strips a name down to [a-z0-9] for emails and URLs.
func slug(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') {
			b = append(b, c)
		}
	}
	if len(b) == 0 {
		return "x"
	}
	return string(b)
}

func (w *rows) date(from, spread int64) cellValue {
	d := (from + w.r.Int64N(spread)) / dayMillis * dayMillis
	return timeCell(kindDate, d)
}

func (w *rows) address(prefix string) {
	loc := locations[w.r.IntN(len(locations))]
	w.str(prefix+"Street", w.street())
	w.str(prefix+"City", loc.city)
	w.str(prefix+"State", loc.state)
	w.str(prefix+"PostalCode", loc.postal)
	w.str(prefix+"Country", loc.country)
}
