package sfsim

import (
	"fmt"
	"net/http"
	"sync"
	"testing"
)

// TestReadsWhileTheOrgChanges pages REST and Bulk results while another
// goroutine creates, updates, deletes and purges records. Under -race this
// checks the copy-on-write snapshots; the assertions check each result set
// stays internally consistent.
func TestReadsWhileTheOrgChanges(t *testing.T) {
	d := newDataOrg(t, SeedConfig{Users: 4, Accounts: 2500, Seed: 12})
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			id, err := d.org.Create("Account", map[string]any{"Name": fmt.Sprintf("Churn %d", i)})
			if err != nil {
				t.Error(err)
				return
			}
			ids := d.org.Snapshot("User")
			_ = d.org.Update("User", ids[i%len(ids)]["Id"].(string), map[string]any{"Email": fmt.Sprintf("u%d@example.com", i)})
			_ = d.org.Update("Account", id, map[string]any{"Phone": "555"})
			switch i % 3 {
			case 0:
				_ = d.org.Delete("Account", id)
			case 1:
				_ = d.org.HardDelete("Account", id)
			}
		}
	}()
	for range 3 {
		pages := d.queryAllPages("queryAll", "SELECT Id, Name, Owner.Email FROM Account")
		seen := map[string]bool{}
		for _, p := range pages {
			if p.TotalSize != pages[0].TotalSize {
				t.Fatalf("totalSize moved between pages: %d vs %d", p.TotalSize, pages[0].TotalSize)
			}
			for _, r := range p.Records {
				seen[r["Id"].(string)] = true
			}
		}
		if len(seen) != pages[0].TotalSize {
			t.Fatalf("%d distinct rows for totalSize %d", len(seen), pages[0].TotalSize)
		}
		j := d.createJob("queryAll", "SELECT Id, Name, CSM__r.Email FROM Account")
		final, _ := d.completeJob(j.ID)
		_, rows, _ := d.allResults(j.ID, 700)
		if len(rows) != final.NumberRecordsProcessed {
			t.Fatalf("%d rows for numberRecordsProcessed %d", len(rows), final.NumberRecordsProcessed)
		}
	}
	close(stop)
	wg.Wait()
	var rec map[string]any
	first := d.org.Snapshot("Account")[0]["Id"].(string)
	d.getJSON("sobjects/Account/"+first, http.StatusOK, &rec)
	if rec["Id"] != first || rec["attributes"] == nil {
		t.Errorf("record GET: %v", rec)
	}
}
