package demo

import (
	"context"
	"testing"
	"time"

	"github.com/sfsync/sfsync/core/engine"
	"github.com/sfsync/sfsync/core/secrets"
	"github.com/sfsync/sfsync/core/sfsim"
	"github.com/sfsync/sfsync/core/store"
)

// TestSeedIsOneRealisticSize: the one Demo org both faces start holds tens
// of thousands of records (issue 9: the CLI's had 13,050, the window's
// 65,200).
func TestSeedIsOneRealisticSize(t *testing.T) {
	s := Seed()
	total := s.Users + s.Accounts*(1+s.ContactsPerAccount+s.OpportunitiesPerAccount) + s.Leads
	if total != 65_200 {
		t.Fatalf("the Demo org seeds %d records, want 65,200", total)
	}
}

// TestLifecycle: the command line signs in to the Demo org with Allow (no
// browser), the source is the Demo org, and End signs it out when the org
// ends: Not connected with EndedDetail, records kept; a second End does
// nothing.
func TestLifecycle(t *testing.T) {
	org, err := Start(sfsim.SeedConfig{Users: 3, Accounts: 20, ContactsPerAccount: 1, Leads: 5, Seed: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer org.Stop()
	st, err := store.Open(t.TempDir(), store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	eng, err := engine.New(engine.Config{Store: st, Secrets: secrets.NewMemory(),
		OpenURL: func(u string) error { go func() { _ = org.Allow(ctx, u) }(); return nil }})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	if err := eng.Connect(ctx, org.ConnectOptions()); err != nil {
		t.Fatalf("connect to the Demo org: %v", err)
	}
	if _, err := eng.RunOnce(ctx); err != nil {
		t.Fatalf("first sync: %v", err)
	}
	set, _, _ := st.Settings()
	if !IsDemo(set) {
		t.Fatalf("the stored source %+v is not recognised as the Demo org", set)
	}
	accounts := eng.State().Counts["Account"]
	org.Stop()
	ended, err := End(ctx, eng, st)
	if err != nil || !ended {
		t.Fatalf("End = %v, %v", ended, err)
	}
	s := eng.State()
	if s.Status != engine.StatusNotConnected || s.Detail != EndedDetail || s.Counts["Account"] != accounts || accounts == 0 {
		t.Fatalf("after End: %s %q, %d Accounts (had %d)", s.Status, s.Detail, s.Counts["Account"], accounts)
	}
	if again, err := End(ctx, eng, st); again || err != nil {
		t.Fatalf("second End = %v, %v", again, err)
	}
}
