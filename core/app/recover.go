package app

import (
	"errors"
	"io"
	"log/slog"

	"github.com/sfsync/sfsync/core/store"
)

// ErrNotDamaged is Recover's answer for a store that opens without damage
// when it was not forced: recovering it would only drop the synced records.
var ErrNotDamaged = errors.New("the local store is not damaged")

// Recover is the way back from a damaged store (store.DamagedError says to
// take it): it sets the data directory's store file aside and starts a new
// one with the settings, field selection, describes and history that are
// still readable (store.Recover); the keyring is untouched, so the sign-in
// stays, and the next sync reads every record again. A store that opens
// without damage is left as it is (ErrNotDamaged) unless force. Another
// sfsync holding the directory is a *store.AlreadyRunningError. dataDirFlag ""
// is the default directory; dir is the directory used, absolute.
func Recover(dataDirFlag string, force bool) (dir string, rec store.Recovered, err error) {
	if dir, err = dataDir(dataDirFlag); err != nil {
		return "", rec, err
	}
	if !force {
		st, err := store.Open(dir, store.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
		if err == nil {
			st.Close()
			return dir, rec, ErrNotDamaged
		}
		if !errors.Is(err, store.ErrDamaged) {
			return dir, rec, err
		}
	}
	rec, err = store.Recover(dir, store.Options{})
	if err != nil {
		return dir, rec, err
	}
	log, f := openLog(dir, nil)
	if f != nil {
		defer f.Close()
	}
	log.Warn("the local store was set aside and started again; the next sync reads every record from Salesforce",
		"aside", rec.DamagedPath, "settings_kept", rec.Settings, "describes", rec.Describes, "runs", rec.Runs)
	return dir, rec, nil
}
