package sfsim

import (
	"io"
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
