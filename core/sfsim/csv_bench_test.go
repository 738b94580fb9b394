package sfsim

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// benchColumns is the 25-column Account read of the sync benchmark,
// relationship columns included.
const benchColumns = "Id, Name, Type, ParentId, BillingStreet, BillingCity, BillingState, BillingPostalCode, BillingCountry, " +
	"Phone, Website, Industry, AnnualRevenue, NumberOfEmployees, Description, Rating, OwnerId, Owner.Name, Owner.Email, " +
	"CSM__c, CSM__r.Name, CSM__r.Email, CreatedDate, SystemModstamp, IsDeleted"

// countingWriter counts bytes and drops them.
type countingWriter struct{ n int64 }

func (c *countingWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

// BenchmarkBulkResultsCSV writes 10,000-row result pages of the 25-column
// Account query; MB/s is the CSV writer's throughput.
func BenchmarkBulkResultsCSV(b *testing.B) {
	o := NewOrg(SeedConfig{Users: 200, Accounts: 100_000, Seed: 1})
	p, err := compileSOQL(o.schema, "SELECT "+benchColumns+" FROM Account")
	if err != nil {
		b.Fatal(err)
	}
	v := o.view()
	rows := p.run(v, true)
	const page = 10_000
	var probe countingWriter
	if err := newCSVWriter(&probe, ',', false).writeResults(v, p, rows[:page]); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(probe.n)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := (i * page) % (len(rows) - page)
		if err := newCSVWriter(io.Discard, ',', false).writeResults(v, p, rows[start:start+page]); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(probe.n)/page, "B/row")
}

// BenchmarkBulkReadMillionHTTP is the floor the client is compared with:
// one Bulk job over 1,000,000 Accounts (25 columns) read through loopback
// HTTP in 10,000-row pages with plain net/http and encoding/csv.
func BenchmarkBulkReadMillionHTTP(b *testing.B) {
	org := NewOrg(SeedConfig{Users: 200, Accounts: 1_000_000, Seed: 1})
	s := New(Options{Org: org, DailyAPIMax: 1_000_000})
	srv := httptest.NewServer(s)
	defer srv.Close()
	token := s.IssueAccessToken()
	base := srv.URL + "/services/data/v" + PinnedVersion + "/jobs/query"
	do := func(method, url, body string) *http.Response {
		req, _ := http.NewRequest(method, url, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		return resp
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		resp := do(http.MethodPost, base, jobBody("queryAll", "SELECT "+benchColumns+" FROM Account"))
		var job jobInfo
		if err := json.NewDecoder(resp.Body).Decode(&job); err != nil {
			b.Fatal(err)
		}
		resp.Body.Close()
		for job.State != stateJobComplete {
			resp = do(http.MethodGet, base+"/"+job.ID, "")
			_ = json.NewDecoder(resp.Body).Decode(&job)
			resp.Body.Close()
		}
		rows, bytes := 0, int64(0)
		for loc := ""; loc != "null"; {
			url := base + "/" + job.ID + "/results?maxRecords=10000"
			if loc != "" {
				url += "&locator=" + loc
			}
			resp = do(http.MethodGet, url, "")
			cr := &countingReader{r: resp.Body}
			r := csv.NewReader(cr)
			r.ReuseRecord = true
			for {
				if _, err := r.Read(); err == io.EOF {
					break
				} else if err != nil {
					b.Fatal(err)
				}
				rows++
			}
			resp.Body.Close()
			bytes += cr.n
			loc = resp.Header.Get("Sforce-Locator")
		}
		if rows != 1_000_000+100 { // one header row per page
			b.Fatalf("%d rows read", rows)
		}
		b.SetBytes(bytes)
	}
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
