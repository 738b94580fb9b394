// Package storetest damages real store files for tests, the ways files get
// damaged: cut short (a full disk, a copy that stopped), overwritten in the
// middle, one page's header broken (a bad sector). It works on the file and
// bbolt alone, so core/store's own tests can use it too.
package storetest

import (
	"bytes"
	"os"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// TruncateHalf cuts the file at path to half its size.
func TruncateHalf(t testing.TB, path string) {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(path, info.Size()/2); err != nil {
		t.Fatal(err)
	}
}

// FlipMiddle inverts every byte of the middle eighth of the file.
func FlipMiddle(t testing.TB, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := len(b) * 7 / 16; i < len(b)*9/16; i++ {
		b[i] ^= 0xFF
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// DamageLeafHolding overwrites the header of the live leaf page that holds
// key (a record Id): bbolt panics on reading that page ("page expected to
// be …"), while everything that does not go through it, Open included,
// still works. The store must be closed.
func DamageLeafHolding(t testing.TB, path, key string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, PreLoadFreelist: true})
	if err != nil {
		t.Fatal(err)
	}
	victim := -1
	ps := db.Info().PageSize
	err = db.View(func(tx *bolt.Tx) error {
		for i := 2; i < int(tx.Size())/ps && victim < 0; i++ {
			info, err := tx.Page(i)
			if err != nil {
				return err
			}
			if info != nil && info.Type == "leaf" && bytes.Contains(b[i*ps:(i+1+info.OverflowCount)*ps], []byte(key)) {
				victim = i
			}
		}
		return nil
	})
	db.Close()
	if err != nil || victim < 0 {
		t.Fatalf("no live leaf page holds %s: %v", key, err)
	}
	for j := victim * ps; j < victim*ps+8; j++ { // the page's own id
		b[j] ^= 0xFF
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}
