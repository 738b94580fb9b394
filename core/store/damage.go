package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync/atomic"
)

// ErrDamaged matches (errors.Is) every error that says the store file's
// content is damaged: cut short, overwritten, or not a store at all.
var ErrDamaged = errors.New("the local store is damaged")

// DamagedError is the typed form of ErrDamaged. Once a Store has met damage
// every method returns it, so nothing more is written into a damaged file;
// Recover sets the file aside and starts a new store.
type DamagedError struct {
	Path   string // the store file
	Reason string // what was found, one short clause
}

func (e *DamagedError) Error() string {
	return fmt.Sprintf("the local store %s is damaged (%s): sfsync can set it aside and sync everything again "+
		"from Salesforce, keeping the settings and field selection where they are readable; "+
		"run `sfsync recover` or choose Recover in the app", e.Path, e.Reason)
}

// Is makes errors.Is(err, ErrDamaged) true.
func (e *DamagedError) Is(target error) bool { return target == ErrDamaged }

// DamageMarkerName is written into the data directory when damage is found
// after Open (a panic or fault inside bbolt, an undecodable value), so the
// next Open, and so the next `status`, reports it instead of reading only
// the parts that happen to be whole. Recover removes it.
const DamageMarkerName = "sfsync.damaged"

// catchDamage turns a panic or memory fault inside bbolt into a
// *DamagedError in *err. It must be deferred by the goroutine that runs the
// transaction, after debug.SetPanicOnFault(true) (a read of a page past the
// end of a cut file is a SIGBUS, which only that makes recoverable). A panic
// raised while *inCaller is set came from the caller's callback (Scan's fn),
// not from the file, and is raised again.
func (s *Store) catchDamage(err *error, inCaller *bool) {
	r := recover()
	if r == nil {
		return
	}
	if inCaller != nil && *inCaller {
		panic(r)
	}
	*err = s.markDamaged(panicReason(r))
}

// panicReason is a bbolt panic or runtime fault as one bounded clause.
func panicReason(r any) string {
	return "reading it failed: " + trimReason(strings.Join(strings.Fields(fmt.Sprint(r)), " "))
}

// markDamaged makes the store refuse every further call with a
// *DamagedError, and leaves the marker for the next Open.
func (s *Store) markDamaged(reason string) error {
	if !s.fault.set(&DamagedError{Path: s.Path(), Reason: reason}) {
		return s.fault.get()
	}
	if err := writeMarker(s.dir, reason); err != nil {
		s.log.Warn("could not record the store damage for the next start", "err", err)
	}
	s.log.Error("the local store is damaged", "path", s.Path(), "reason", reason)
	return s.fault.get()
}

// sticky holds the first damage or replacement a Store met; from then on
// every call returns it.
type sticky struct{ p atomic.Pointer[error] }

// set records err unless an error is already recorded; it reports whether
// err is now the recorded one.
func (s *sticky) set(err error) bool { return s.p.CompareAndSwap(nil, &err) }

func (s *sticky) clear() { s.p.Store(nil) }

func (s *sticky) get() error {
	if p := s.p.Load(); p != nil {
		return *p
	}
	return nil
}

// asDamage converts an error that came from undecodable content into a
// *DamagedError (and marks the store); other errors pass unchanged.
func (s *Store) asDamage(err error) error {
	if err == nil || !errors.Is(err, errCorrupt) || errors.Is(err, ErrDamaged) {
		return err
	}
	return s.markDamaged(err.Error())
}

// corrupt wraps an error met decoding what the file holds (a record, a
// field set, a JSON value) with errCorrupt: the store is damaged, whatever
// bbolt thinks.
func corrupt(what string, err error) error {
	return fmt.Errorf("%s: %w: %w", what, errCorrupt, err)
}

// decodeStored decodes a JSON value read from the file.
func decodeStored(what string, v []byte, into any) error {
	if err := json.Unmarshal(v, into); err != nil {
		return corrupt(what, err)
	}
	return nil
}

func writeMarker(dir, reason string) error {
	path := filepath.Join(dir, DamageMarkerName)
	return os.WriteFile(path, []byte(reason+"\n"), 0o600)
}

// readMarker returns the reason a previous run recorded, if any.
func readMarker(dir string) (string, bool) {
	b, err := os.ReadFile(filepath.Join(dir, DamageMarkerName))
	if err != nil {
		return "", false
	}
	reason := strings.TrimSpace(string(b))
	if reason == "" {
		reason = "found damaged earlier"
	}
	return "found earlier: " + reason, true
}

// guarded runs fn with memory faults turned into panics and any panic into
// a *DamagedError for path: for the calls into bbolt that happen outside a
// Store's transactions (opening, checking, salvaging).
func guarded(path string, fn func() error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = &DamagedError{Path: path, Reason: panicReason(r)}
		}
	}()
	return fn()
}
