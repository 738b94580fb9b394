package store

import (
	"bytes"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sfsync/sfsync/core/store/storetest"
)

// damagedFixture is a closed store of a few MB: settings with a field
// selection, two describes, a run and 6,000 Account rows in six pages.
type damagedFixture struct {
	dir      string
	settings SourceSettings
}

func newDamagedFixture(t *testing.T) damagedFixture {
	t.Helper()
	dir := t.TempDir()
	s, err := Open(dir, Options{NoSync: true, Logger: discardLog()})
	if err != nil {
		t.Fatal(err)
	}
	set := SourceSettings{LoginHost: LoginProduction, InstanceURL: "https://acme.my.salesforce.com", OrgID: "00D000000000001AAA",
		Enabled: true, Status: "active", Fields: map[string][]string{"Account": {"Id", "Name", "Website"}}}
	if err := s.PutSettings(set); err != nil {
		t.Fatal(err)
	}
	type field struct {
		Name string `json:"name"`
	}
	type describe struct { // the shape of salesforce.SObjectDescribe
		Name   string  `json:"name"`
		Label  string  `json:"label"`
		Fields []field `json:"fields"`
	}
	for _, obj := range []string{"Account", "User"} {
		if err := s.PutSchema(obj, describe{Name: obj, Label: obj, Fields: []field{{"Id"}, {"Name"}}}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SaveRun(&Run{Start: time.Now(), End: time.Now(), Result: "ok"}); err != nil {
		t.Fatal(err)
	}
	for p := 0; p < 6; p++ {
		if _, err := s.ApplyPage(Page{Object: "Account", Columns: benchColumns(), Rows: newBenchRows(p*1000, 1000)}); err != nil {
			t.Fatal(err)
		}
	}
	want, _, err := s.Settings()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return damagedFixture{dir: dir, settings: want}
}

func (f damagedFixture) path() string { return filepath.Join(f.dir, FileName) }

func discardLog() *slog.Logger { return slog.New(slog.DiscardHandler) }

// assertDamaged checks err is the one sentence a person gets about damage.
func assertDamaged(t *testing.T, what string, err error) {
	t.Helper()
	var d *DamagedError
	if !errors.Is(err, ErrDamaged) || !errors.As(err, &d) {
		t.Fatalf("%s: err %v, want a *DamagedError", what, err)
	}
	msg := err.Error()
	for _, want := range []string{"is damaged", "sfsync recover", "keeping the settings and field selection"} {
		if !strings.Contains(msg, want) {
			t.Errorf("%s: message lacks %q: %s", what, want, msg)
		}
	}
	if strings.Contains(msg, "\n") || len(msg) > 600 {
		t.Errorf("%s: not one bounded sentence (%d bytes): %s", what, len(msg), msg)
	}
}

// assertOpenRefused opens the damaged fixture and expects the damage
// sentence.
func assertOpenRefused(t *testing.T, f damagedFixture, opts Options) error {
	t.Helper()
	opts.Logger = discardLog()
	s, err := Open(f.dir, opts)
	if err == nil {
		s.Close()
		t.Fatal("a damaged store opened")
	}
	assertDamaged(t, "open", err)
	return err
}

// operations runs every kind of Store call once and returns their errors;
// none may panic.
func operations(s *Store) map[string]error {
	errs := map[string]error{}
	errs["Scan"] = s.Scan("Account", func(*Record) bool { return true })
	_, errs["Get"] = s.Get("Account", "001000000000002500")
	_, errs["Count"] = s.Count("Account")
	_, _, errs["Settings"] = s.Settings()
	_, errs["Runs"] = s.Runs(0)
	_, errs["Columns"] = s.Columns("Account")
	_, _, errs["Bookmark"] = s.Bookmark("Account")
	_, errs["ApplyPage"] = s.ApplyPage(Page{Object: "Account", Columns: benchColumns(), Rows: newBenchRows(9000, 10)})
	errs["SaveRun"] = s.SaveRun(&Run{Start: time.Now(), Result: RunRunning})
	return errs
}

func TestOpenRefusesTruncatedStore(t *testing.T) {
	f := newDamagedFixture(t)
	storetest.TruncateHalf(t, f.path())
	err := assertOpenRefused(t, f, Options{})
	if !strings.Contains(err.Error(), "cut short") {
		t.Errorf("the reason does not say the file was cut short: %v", err)
	}
	// The directory's lock was released: Recover can take it. The newest
	// root is past the cut, so the settings and describes come from the
	// raw bytes.
	out := assertRecovers(t, f)
	if !out.Settings || out.Describes != 2 {
		t.Errorf("recovered %+v, want the settings and 2 describes", out)
	}
}

func TestOpenRefusesFlippedBytes(t *testing.T) {
	f := newDamagedFixture(t)
	storetest.FlipMiddle(t, f.path())
	assertOpenRefused(t, f, Options{})
	if out := assertRecovers(t, f); !out.Settings {
		t.Errorf("recovered %+v, want the settings", out)
	}
}

// TestDamageMetAfterOpenIsCaught: a store too large to check at Open (here:
// the check turned off) is damaged where only a full read goes. Every
// operation returns the damage sentence instead of a panic or a SIGSEGV,
// keeps returning it, and the next Open reports it too, so `status` cannot
// say Active over it.
func TestDamageMetAfterOpenIsCaught(t *testing.T) {
	f := newDamagedFixture(t)
	storetest.FlipMiddle(t, f.path())
	var logBuf bytes.Buffer
	s, err := Open(f.dir, Options{CheckLimit: -1, Logger: slog.New(slog.NewTextHandler(&logBuf, nil))})
	if err != nil {
		t.Fatalf("open without the check: %v (the fixture's damage must lie past what Open reads)", err)
	}
	errs := operations(s)
	assertDamaged(t, "Scan", errs["Scan"])
	for op, err := range errs {
		if err != nil {
			assertDamaged(t, op, err)
		}
	}
	if err := s.SaveRun(&Run{Start: time.Now(), Result: RunRunning}); !errors.Is(err, ErrDamaged) {
		t.Errorf("a write after damage was found: %v", err)
	}
	if err := s.Close(); err != nil && !errors.Is(err, ErrDamaged) {
		t.Errorf("close: %v", err)
	}
	if !strings.Contains(logBuf.String(), "damaged") {
		t.Errorf("damage not logged: %s", logBuf.String())
	}
	assertOpenRefused(t, f, Options{CheckLimit: -1}) // the damage found before is remembered
	if out := assertRecovers(t, f); !out.Settings {
		t.Errorf("recovered %+v, want the settings", out)
	}
}

// TestFileCutWhileOpen: the file shrinks under an open store (another
// program, a restore gone wrong). Reading a mapped page past the new end is
// a SIGBUS; the store turns it into the damage error.
func TestFileCutWhileOpen(t *testing.T) {
	f := newDamagedFixture(t)
	s, err := Open(f.dir, Options{Logger: discardLog()})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	storetest.TruncateHalf(t, f.path())
	err = s.Scan("Account", func(*Record) bool { return true })
	assertDamaged(t, "scan of a cut file", err)
	if _, err := s.Count("Account"); !errors.Is(err, ErrDamaged) {
		t.Errorf("Count after damage: %v", err)
	}
}

// TestCallerPanicIsNotDamage: a panic in Scan's callback is the caller's
// bug; it propagates and the store stays usable.
func TestCallerPanicIsNotDamage(t *testing.T) {
	f := newDamagedFixture(t)
	s, err := Open(f.dir, Options{Logger: discardLog()})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	func() {
		defer func() {
			if r := recover(); r != "caller bug" {
				t.Errorf("recovered %v, want the caller's panic", r)
			}
		}()
		_ = s.Scan("Account", func(*Record) bool { panic("caller bug") })
	}()
	if n, err := s.Count("Account"); err != nil || n != 6000 {
		t.Errorf("after a caller panic: count %d, %v", n, err)
	}
	if _, err := os.Stat(filepath.Join(f.dir, DamageMarkerName)); err == nil {
		t.Error("a caller panic marked the store damaged")
	}
}

// assertRecovers runs Recover on the damaged fixture: the damaged file is
// kept aside, the new store opens, has no records, and has the settings
// with their field selection when they were readable.
func assertRecovers(t *testing.T, f damagedFixture) Recovered {
	t.Helper()
	before, err := os.ReadFile(f.path())
	if err != nil {
		t.Fatal(err)
	}
	out, err := Recover(f.dir, Options{})
	if err != nil {
		t.Fatalf("recover: %v", err)
	}
	aside, err := os.ReadFile(out.DamagedPath)
	if err != nil || !bytes.Equal(aside, before) {
		t.Fatalf("the damaged file was not kept aside as it was (%s): %v", out.DamagedPath, err)
	}
	if !strings.HasPrefix(filepath.Base(out.DamagedPath), FileName+DamagedSuffix) {
		t.Errorf("aside name %s", out.DamagedPath)
	}
	s, err := Open(f.dir, Options{Logger: discardLog()})
	if err != nil {
		t.Fatalf("open after recover: %v", err)
	}
	defer s.Close()
	set, found, err := s.Settings()
	if err != nil {
		t.Fatal(err)
	}
	if found != out.Settings {
		t.Errorf("Recovered.Settings %v but settings found %v", out.Settings, found)
	}
	if found && (set.OrgID != f.settings.OrgID || !slices.Equal(set.Fields["Account"], f.settings.Fields["Account"])) {
		t.Errorf("settings after recover %+v, want %+v", set, f.settings)
	}
	if n, err := s.Count("Account"); err != nil || n != 0 {
		t.Errorf("records after recover: %d, %v (want a full re-sync)", n, err)
	}
	if _, ok, _ := s.Bookmark("Account"); ok {
		t.Error("a bookmark survived recover: the next sync would not be a full one")
	}
	if _, err := s.ApplyPage(Page{Object: "Account", Columns: benchColumns(), Rows: newBenchRows(0, 10)}); err != nil {
		t.Errorf("write after recover: %v", err)
	}
	return out
}

// TestRecoverKeepsSettingsAndHistory: with the damage away from them, the
// settings, field selection, describes and run history come through, and a
// new run does not overwrite an old one.
func TestRecoverKeepsSettingsAndHistory(t *testing.T) {
	f := newDamagedFixture(t)
	storetest.FlipMiddle(t, f.path())
	out, err := Recover(f.dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !out.Settings || out.Describes != 2 || out.Runs != 1 {
		t.Fatalf("recovered %+v, want settings, 2 describes and 1 run", out)
	}
	s, err := Open(f.dir, Options{Logger: discardLog()})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var d map[string]any
	if ok, err := s.Schema("User", &d); !ok || err != nil || d["name"] != "User" {
		t.Errorf("describe after recover: %v %v %v", ok, err, d)
	}
	r := Run{Start: time.Now(), Result: "ok"}
	if err := s.SaveRun(&r); err != nil {
		t.Fatal(err)
	}
	if runs, _ := s.Runs(0); len(runs) != 2 || r.Seq != 2 {
		t.Errorf("runs after recover: %+v (new seq %d)", runs, r.Seq)
	}
}

func TestRecoverRefusedWhileOpen(t *testing.T) {
	f := newDamagedFixture(t)
	s, err := Open(f.dir, Options{Logger: discardLog()})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := Recover(f.dir, Options{Timeout: 100 * time.Millisecond}); !errors.Is(err, ErrAlreadyRunning) {
		t.Fatalf("recover while the store is open: %v", err)
	}
}
