package store

import (
	"testing"
	"time"
)

func TestSettingsRoundTripAndDefaults(t *testing.T) {
	s := openTemp(t)
	got, found, err := s.Settings()
	if err != nil || found {
		t.Fatalf("fresh store: found=%v err=%v", found, err)
	}
	if got.QuotaThreshold != 80 || got.RunCap != 25 || got.MaxRecords != DefaultMaxRecords || got.Frequency != time.Hour {
		t.Errorf("defaults %+v", got)
	}

	want := sampleSettings()
	if err := s.PutSettings(want); err != nil {
		t.Fatal(err)
	}
	got, found, err = s.Settings()
	if err != nil || !found {
		t.Fatalf("found=%v err=%v", found, err)
	}
	if got.OrgName != want.OrgName || got.Frequency != want.Frequency || got.QuotaThreshold != 90 ||
		got.Fields["Account"][2] != "Name" || !got.UpdatedAt.Equal(want.UpdatedAt) || got.CallbackPort != 1717 {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

// TestUpdateSettingsKeepsOtherFields: UpdateSettings changes what its
// function sets, stores it, and keeps the rest.
func TestUpdateSettingsKeepsOtherFields(t *testing.T) {
	s := openTemp(t)
	if err := s.PutSettings(sampleSettings()); err != nil {
		t.Fatal(err)
	}
	updated, err := s.UpdateSettings(func(set *SourceSettings) { set.Enabled = false; set.LastError = "" })
	if err != nil {
		t.Fatal(err)
	}
	if updated.Enabled || updated.OrgName != "Acme" {
		t.Errorf("UpdateSettings lost fields: %+v", updated)
	}
	got, _, _ := s.Settings()
	if got.Enabled || got.LastError != "" {
		t.Errorf("update not stored: %+v", got)
	}
}

// sampleSettings is a connected source with every setting away from its
// default.
func sampleSettings() SourceSettings {
	return SourceSettings{
		LoginHost: LoginSandbox, InstanceURL: "https://x.my.salesforce.com", OrgID: "00D000000000001",
		OrgName: "Acme", UserName: "ann@acme.test", ClientID: "3MVG9client", CallbackPort: 1717,
		Enabled: true, Frequency: 30 * time.Minute, QuotaThreshold: 90, RunCap: 10, MaxRecords: 5000,
		Fields:    map[string][]string{"Account": {"Id", "IsDeleted", "Name", "SystemModstamp"}},
		Status:    "active",
		LastError: "none",
		UpdatedAt: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC),
	}
}

func TestSchemaCache(t *testing.T) {
	s := openTemp(t)
	type describe struct {
		Name   string
		Fields []string
	}
	var d describe
	if found, err := s.Schema("Account", &d); err != nil || found {
		t.Fatalf("empty cache: found=%v err=%v", found, err)
	}
	if err := s.PutSchema("Account", describe{"Account", []string{"Id", "Name"}}); err != nil {
		t.Fatal(err)
	}
	found, err := s.Schema("Account", &d)
	if err != nil || !found || d.Name != "Account" || len(d.Fields) != 2 {
		t.Fatalf("got %+v found=%v err=%v", d, found, err)
	}
}
