package store

import (
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Defaults applied by SourceSettings.WithDefaults.
const (
	DefaultQuotaThreshold = 80     // percent of the daily API allowance
	DefaultRunCap         = 25     // percent of the daily allowance one run may use
	DefaultMaxRecords     = 20_000 // Bulk 2.0 results page size (see salesforce.DefaultBulkMaxRecords)
	DefaultFrequency      = time.Hour
	// DefaultRefresh is how often formula values and purged records, which
	// SystemModstamp does not track, are refreshed.
	DefaultRefresh = 24 * time.Hour
	// Never turns a refresh off (FormulaRefresh, SweepEvery).
	Never time.Duration = -1
)

// LoginHost says which Salesforce login server the source authorises against.
type LoginHost string

// Login hosts the user can pick on Connect.
const (
	LoginProduction LoginHost = "production" // login.salesforce.com
	LoginSandbox    LoginHost = "sandbox"    // test.salesforce.com
	LoginMyDomain   LoginHost = "mydomain"   // the org's My Domain URL (LoginURL)
	LoginDemo       LoginHost = "demo"       // the built-in simulator
	LoginSFCLI      LoginHost = "sfcli"      // a session the Salesforce CLI keeps (CLIOrg)
)

// SourceSettings is the Salesforce source's configuration and state. It
// deliberately has no token fields: the refresh token lives in the OS
// keyring and the access token only in memory.
type SourceSettings struct {
	LoginHost    LoginHost `json:"loginHost"`
	LoginURL     string    `json:"loginURL,omitempty"` // My Domain or simulator base URL
	InstanceURL  string    `json:"instanceURL,omitempty"`
	OrgID        string    `json:"orgId,omitempty"`
	OrgName      string    `json:"orgName,omitempty"`
	UserName     string    `json:"userName,omitempty"`
	ClientID     string    `json:"clientId,omitempty"` // consumer key: public, not a secret
	CallbackPort int       `json:"callbackPort,omitempty"`
	// CLIOrg is the Salesforce CLI's alias or username of the org
	// (LoginSFCLI): sfsync asks the CLI for its session before each run.
	CLIOrg string `json:"cliOrg,omitempty"`

	Enabled        bool          `json:"enabled"`
	Frequency      time.Duration `json:"frequency"`
	QuotaThreshold int           `json:"quotaThreshold"` // percent
	RunCap         int           `json:"runCap"`         // percent
	MaxRecords     int           `json:"maxRecords"`
	// FormulaRefresh is how often selected formula fields are read again
	// (their values change without SystemModstamp moving); Never turns it
	// off. SweepEvery is how often each object's live Ids are compared with
	// the store so records purged in Salesforce leave it. One read serves
	// both when both are due.
	FormulaRefresh time.Duration `json:"formulaRefresh,omitempty"`
	SweepEvery     time.Duration `json:"sweepEvery,omitempty"`
	// Refreshed is when each object's last formula refresh and sweep ended,
	// on this computer's clock, which decides when the next is due (object
	// → time; "Group" for the Queues).
	Refreshed map[string]time.Time `json:"refreshed,omitempty"`

	// Fields is the selection per object (sorted field names, dotted
	// relationship fields included), as core/fields produces it.
	Fields map[string][]string `json:"fields,omitempty"`

	// UsersHidden is set when the signed-in user lacks "View All Users":
	// Users outside its sharing are not synced, so some lookups may stay
	// unresolved (the reason says so).
	UsersHidden bool `json:"usersHidden,omitempty"`

	Status    string    `json:"status,omitempty"` // e.g. "active", "error"; the engine owns the vocabulary
	LastError string    `json:"lastError,omitempty"`
	UpdatedAt time.Time `json:"updatedAt"`

	// Usage is the org's daily API usage as last known, so a new process
	// can show and guard it before its first call (nil: never known).
	Usage *Usage `json:"usage,omitempty"`
}

// Usage is a figure of the org's daily API requests and when it was read.
type Usage struct {
	Used        int64     `json:"used"`
	Max         int64     `json:"max"`
	At          time.Time `json:"at"`
	Source      string    `json:"source,omitempty"`      // "header" (Sforce-Limit-Info) or "limits" (GET /limits)
	Unconfirmed int64     `json:"unconfirmed,omitempty"` // calls after At answered without the header, included in Used
}

// WithDefaults fills zero numeric settings with their defaults.
func (s SourceSettings) WithDefaults() SourceSettings {
	if s.Frequency <= 0 {
		s.Frequency = DefaultFrequency
	}
	if s.QuotaThreshold <= 0 {
		s.QuotaThreshold = DefaultQuotaThreshold
	}
	if s.RunCap <= 0 {
		s.RunCap = DefaultRunCap
	}
	if s.MaxRecords <= 0 {
		s.MaxRecords = DefaultMaxRecords
	}
	if s.FormulaRefresh == 0 {
		s.FormulaRefresh = DefaultRefresh
	}
	if s.SweepEvery == 0 {
		s.SweepEvery = DefaultRefresh
	}
	return s
}

// sourceKey names the one source sfsync has today; the bucket is keyed so
// more can follow.
var sourceKey = []byte("salesforce")

// Settings returns the stored settings with defaults applied, and whether
// any were stored (false: never connected, or data deleted).
func (s *Store) Settings() (SourceSettings, bool, error) {
	var out SourceSettings
	found := false
	err := s.view(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketSettings).Get(sourceKey)
		if v == nil {
			return nil
		}
		found = true
		return decodeStored("settings", v, &out)
	})
	if err != nil {
		return SourceSettings{}, false, fmt.Errorf("read settings: %w", err)
	}
	return out.WithDefaults(), found, nil
}

// PutSettings replaces the stored settings.
func (s *Store) PutSettings(set SourceSettings) error {
	v, err := json.Marshal(set)
	if err != nil {
		return fmt.Errorf("encode settings: %w", err)
	}
	err = s.update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketSettings).Put(sourceKey, v)
	})
	if err != nil {
		return fmt.Errorf("write settings: %w", err)
	}
	return nil
}

// UpdateSettings reads, changes and writes the settings in one transaction,
// so concurrent updates (UI and engine) do not lose each other's changes.
func (s *Store) UpdateSettings(change func(*SourceSettings)) (SourceSettings, error) {
	var out SourceSettings
	err := s.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketSettings)
		if v := b.Get(sourceKey); v != nil {
			if err := decodeStored("settings", v, &out); err != nil {
				return err
			}
		}
		out = out.WithDefaults()
		change(&out)
		v, err := json.Marshal(out)
		if err != nil {
			return err
		}
		return b.Put(sourceKey, v)
	})
	if err != nil {
		return SourceSettings{}, fmt.Errorf("update settings: %w", err)
	}
	return out, nil
}

// PutSchema caches one object's describe result (any JSON-encodable value,
// normally a salesforce.SObjectDescribe).
func (s *Store) PutSchema(object string, describe any) error {
	v, err := json.Marshal(describe)
	if err != nil {
		return fmt.Errorf("encode describe %s: %w", object, err)
	}
	err = s.update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketSchema).Put([]byte(object), v)
	})
	if err != nil {
		return fmt.Errorf("write describe %s: %w", object, err)
	}
	return nil
}

// Schema decodes the cached describe of object into into, and reports
// whether there was one.
func (s *Store) Schema(object string, into any) (bool, error) {
	found := false
	err := s.view(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketSchema).Get([]byte(object))
		if v == nil {
			return nil
		}
		found = true
		return decodeStored("describe "+object, v, into)
	})
	if err != nil {
		return false, fmt.Errorf("read describe %s: %w", object, err)
	}
	return found, nil
}
