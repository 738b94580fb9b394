package engine

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sfsync/sfsync/core/format"
	"github.com/sfsync/sfsync/core/store"
)

// storeFailed reports a local store that cannot take a run (damaged, or its
// file removed or replaced: store.ErrDamaged, store.ErrReplaced) before any
// data moved: the status turns Error with the store's own sentence, which
// says what to do. Without it the run would end unseen in the log while
// the badge kept saying Active.
func (e *Engine) storeFailed(err error) error {
	detail := asSentence(storeSentence(err))
	e.update(false, func(s *State) { s.Status, s.Detail, s.LastError = StatusError, detail, detail })
	e.emit(EventError, func(ev *Event) { ev.Err = err })
	return err
}

// storeSentence is the store's own sentence for a damaged or replaced file,
// without the context the layers above added ("save run: …"); other errors
// as they are.
func storeSentence(err error) string {
	var damaged *store.DamagedError
	var replaced *store.ReplacedError
	switch {
	case errors.As(err, &damaged):
		return damaged.Error()
	case errors.As(err, &replaced):
		return replaced.Error()
	}
	return err.Error()
}

// asSentence capitalises msg and ends it with a full stop.
func asSentence(msg string) string {
	if msg == "" {
		return ""
	}
	r, n := utf8.DecodeRuneInString(msg)
	return string(unicode.ToUpper(r)) + strings.TrimSuffix(msg[n:], ".") + "."
}

// quarantineNotice tells the person about rows the run skipped because
// Salesforce sent them without a usable Id (store.Counts.Quarantined), for
// the status detail and the run's history entry; "" when there were none.
func quarantineNotice(objects map[string]store.Counts) string {
	var parts []string
	for _, obj := range Objects {
		if n := objects[obj].Quarantined; n > 0 {
			parts = append(parts, fmt.Sprintf("%s %s", format.Thousands(int64(n)), obj))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return "Salesforce sent rows with a missing or malformed record Id; sfsync skipped them (" +
		strings.Join(parts, ", ") + ") and synced everything else. The log names them."
}

// joinNotices joins the non-empty notices of a run.
func joinNotices(notices ...string) string {
	var out []string
	for _, n := range notices {
		if n != "" {
			out = append(out, n)
		}
	}
	return strings.Join(out, " ")
}
