package salesforce

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// Quota is the org's daily API usage as last reported by Salesforce: in a
// response's Sforce-Limit-Info header or by GET /limits.
type Quota struct {
	Used, Max int64
	At        time.Time // when the figure was read; zero if never
	// Source is QuotaFromHeader or QuotaFromLimits ("" when unknown).
	Source string `json:",omitempty"`
	// Unconfirmed counts the calls made after At whose answers carried no
	// usage header; Used includes them (Salesforce counted them), so Used
	// is a lower bound until the next figure.
	Unconfirmed int64 `json:",omitempty"`
}

// Fraction is Used/Max, or 0 when Max is unknown.
func (q Quota) Fraction() float64 {
	if q.Max <= 0 {
		return 0
	}
	return float64(q.Used) / float64(q.Max)
}

// ParseLimitInfo reads the org-wide usage from a Sforce-Limit-Info value such
// as "api-usage=18/5000", "api-usage=10018/100000; api-bursts=1/750" or
// "api-usage=25/5000; per-app-api-usage=17/250(appName=x)". It is loose on
// spacing, order and unknown parts; ok is false when no api-usage is found.
func ParseLimitInfo(header string) (used, max int64, ok bool) {
	for part := range strings.SplitSeq(header, ";") {
		for item := range strings.SplitSeq(part, ",") {
			key, val, found := strings.Cut(strings.TrimSpace(item), "=")
			if !found || !strings.EqualFold(strings.TrimSpace(key), "api-usage") {
				continue
			}
			u, m, found := strings.Cut(strings.TrimSpace(val), "/")
			if !found {
				continue
			}
			// Drop any "(appName=…)" style suffix after the limit.
			m = strings.TrimSpace(m)
			if i := strings.IndexFunc(m, func(r rune) bool { return r < '0' || r > '9' }); i >= 0 {
				m = m[:i]
			}
			uu, err1 := strconv.ParseInt(strings.TrimSpace(u), 10, 64)
			mm, err2 := strconv.ParseInt(m, 10, 64)
			if err1 != nil || err2 != nil || uu < 0 || mm < 0 {
				continue
			}
			return uu, mm, true
		}
	}
	return 0, 0, false
}

// Limit is one entry of GET /limits.
type Limit struct {
	Max, Remaining int64
	// Apps are the per-app sub-limits Salesforce nests inside an entry
	// (e.g. DailyApiRequests → "Salesforce CLI": {Max, Remaining}), by app
	// name; nil when there are none.
	Apps map[string]Limit `json:",omitempty"`
}

// UnmarshalJSON accepts numbers or numeric strings (old API versions sent
// "Remaining":"4980") and reads nested per-app entries into Apps. It never
// fails: a value it cannot read is left zero, so one odd entry of the
// many /limits lists cannot hide the daily API figure.
func (l *Limit) UnmarshalJSON(b []byte) error {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil // not a Max/Remaining entry: leave it zero
	}
	l.Max, _ = looseInt(raw["Max"])
	l.Remaining, _ = looseInt(raw["Remaining"])
	for name, v := range raw {
		if name == "Max" || name == "Remaining" || len(v) == 0 || v[0] != '{' {
			continue
		}
		var app Limit
		_ = app.UnmarshalJSON(v)
		if l.Apps == nil {
			l.Apps = map[string]Limit{}
		}
		l.Apps[name] = app
	}
	return nil
}

// Used is Max-Remaining.
func (l Limit) Used() int64 { return l.Max - l.Remaining }

func looseInt(b json.RawMessage) (int64, error) {
	if len(b) == 0 || string(b) == "null" {
		return 0, nil
	}
	var s string
	if b[0] == '"' {
		if err := json.Unmarshal(b, &s); err != nil {
			return 0, err
		}
	} else {
		s = string(b)
	}
	if n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64); err == nil {
		return n, nil
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil {
		return 0, fmt.Errorf("not a number: %q", s)
	}
	return int64(f), nil
}

// Limits is the /limits resource keyed by limit name ("DailyApiRequests",
// "DailyBulkV2QueryJobs", …).
type Limits map[string]Limit

// DailyAPIRequests is the entry the quota guard reads.
func (l Limits) DailyAPIRequests() Limit { return l["DailyApiRequests"] }

// CallCounter counts the API calls made under a context, each HTTP attempt
// against a counted endpoint being one call (retries and the replay after a
// token refresh included, as Salesforce counts them). Safe for concurrent use.
type CallCounter struct {
	calls, retries, refreshes atomic.Int64
}

// Calls is the number of counted API calls.
func (c *CallCounter) Calls() int64 { return c.calls.Load() }

// Retries is how many of those calls were retries after a transient failure.
func (c *CallCounter) Retries() int64 { return c.retries.Load() }

// Refreshes is how many access-token refreshes happened (not API calls).
func (c *CallCounter) Refreshes() int64 { return c.refreshes.Load() }

type callCounterKey struct{}

// WithCallCounter returns a context under which every call the client makes
// is also added to counter (in addition to any counters of parent contexts).
func WithCallCounter(ctx context.Context, counter *CallCounter) context.Context {
	parents, _ := ctx.Value(callCounterKey{}).([]*CallCounter)
	all := append(append([]*CallCounter(nil), parents...), counter)
	return context.WithValue(ctx, callCounterKey{}, all)
}

func countersOf(ctx context.Context) []*CallCounter {
	c, _ := ctx.Value(callCounterKey{}).([]*CallCounter)
	return c
}
