package export

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	"github.com/sfsync/sfsync/core/lookup"
	"github.com/sfsync/sfsync/core/store"
)

// Header says how the header row names columns.
type Header int

// Header styles.
const (
	HeaderAPINames Header = iota // Id, Name, Owner.Name, CSM__r.Name
	HeaderLabels                 // Account ID, Account Name, Account Executive Name, CSM Name
)

// Options say what to export.
type Options struct {
	Object string
	// Fields are the fields to export (nil: the stored selection).
	Fields []string
	Header Header
	// BOM starts the output with a UTF-8 byte order mark, which Excel needs
	// to read non-ASCII text correctly.
	BOM bool
	// Raw writes every value exactly as stored. By default a value that a
	// spreadsheet would run as a formula (=HYPERLINK(…), +cmd…, @SUM(…))
	// gets a leading apostrophe (see Neutralize); plain numbers such as
	// -12.5 are never changed. Raw is for files read by programs, not opened
	// in a spreadsheet: a record's Name or Description can hold a formula
	// anyone with edit access in the org put there.
	Raw bool
	// Progress, when set, is called every ProgressEvery rows and once at the
	// end with rows written and the object's row count.
	Progress func(done, total int64)
}

// ProgressEvery is how many rows pass between Progress calls.
const ProgressEvery = 1000

// Result describes a finished export.
type Result struct {
	Rows    int64
	Columns []Column
}

// Write streams the object's records to w as CSV.
func Write(ctx context.Context, st *store.Store, w io.Writer, opts Options) (Result, error) {
	cols, err := Columns(st, opts.Object, opts.Fields)
	if err != nil {
		return Result{}, err
	}
	res := Result{Columns: cols}
	lookups, err := LoadResolver(st)
	if err != nil {
		return res, fmt.Errorf("export %s: %w", opts.Object, err)
	}
	cells := lookups.Reader(cols)
	nulls := make([]bool, len(cols))
	total, err := st.Count(opts.Object)
	if err != nil {
		return res, fmt.Errorf("export %s: %w", opts.Object, err)
	}
	bw, cw, cell := newCSV(w, opts)
	row := make([]string, len(cols))
	for i, c := range cols {
		row[i] = cell(c.Name)
		if opts.Header == HeaderLabels {
			row[i] = cell(c.Label) // labels are the org admin's text
		}
	}
	if err := cw.writeRecord(row); err != nil {
		return res, fmt.Errorf("export %s: write: %w", opts.Object, err)
	}
	var werr error
	err = st.Scan(opts.Object, func(rec *store.Record) bool {
		cells.Row(rec, row, nulls)
		for i, v := range row {
			row[i] = cell(v)
		}
		if werr = cw.writeRecord(row); werr != nil {
			return false
		}
		res.Rows++
		if res.Rows%ProgressEvery == 0 {
			if werr = ctx.Err(); werr != nil {
				return false
			}
			if opts.Progress != nil {
				opts.Progress(res.Rows, int64(total))
			}
		}
		return true
	})
	if err == nil {
		err = werr
	}
	if err == nil {
		err = bw.Flush()
	}
	if err != nil {
		return res, fmt.Errorf("export %s: %w", opts.Object, err)
	}
	if opts.Progress != nil {
		opts.Progress(res.Rows, int64(total))
	}
	return res, nil
}

// LoadResolver loads the lookup resolver for the store's current Users and
// Queues, telling it whether the connected user lacks View All Users.
func LoadResolver(st *store.Store) (*lookup.Resolver, error) {
	set, _, err := st.Settings()
	if err != nil {
		return nil, err
	}
	return lookup.Load(st, set.UsersHidden)
}

// WriteFile exports to path atomically: the rows go to a temporary file
// (mode 0600) in the same directory, which is synced and renamed over path
// only when complete. On error path is left as it was.
//
// A path that is a folder is refused before anything is written, with an
// error matching syscall.EISDIR.
func WriteFile(ctx context.Context, st *store.Store, path string, opts Options) (res Result, err error) {
	if info, serr := os.Stat(path); serr == nil && info.IsDir() {
		return res, fmt.Errorf("export %s: %w", opts.Object, &fs.PathError{Op: "write", Path: path, Err: syscall.EISDIR})
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return res, fmt.Errorf("export %s: create file in %s: %w", opts.Object, dir, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	// CreateTemp makes the file 0600 already; say so explicitly in case the
	// platform or umask ever differs.
	if err = tmp.Chmod(0o600); err != nil {
		return res, fmt.Errorf("export %s: %w", opts.Object, err)
	}
	if res, err = Write(ctx, st, tmp, opts); err != nil {
		return res, err
	}
	if err = tmp.Sync(); err != nil {
		return res, fmt.Errorf("export %s: sync %s: %w", opts.Object, tmp.Name(), err)
	}
	if err = tmp.Close(); err != nil {
		return res, fmt.Errorf("export %s: close %s: %w", opts.Object, tmp.Name(), err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return res, fmt.Errorf("export %s: rename to %s: %w", opts.Object, path, err)
	}
	return res, nil
}
