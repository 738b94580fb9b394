package export

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/sfsync/sfsync/core/fields"
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
	users, err := loadUserNames(st, cols)
	if err != nil {
		return res, fmt.Errorf("export %s: %w", opts.Object, err)
	}
	total, err := st.Count(opts.Object)
	if err != nil {
		return res, fmt.Errorf("export %s: %w", opts.Object, err)
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	cw := &csvWriter{w: bw}
	if opts.BOM {
		bw.WriteString("\uFEFF")
	}
	row := make([]string, len(cols))
	for i, c := range cols {
		row[i] = c.Name
		if opts.Header == HeaderLabels {
			row[i] = c.Label
		}
	}
	if err := cw.writeRecord(row); err != nil {
		return res, fmt.Errorf("export %s: write: %w", opts.Object, err)
	}
	var werr error
	err = st.Scan(opts.Object, func(rec *store.Record) bool {
		for i, c := range cols {
			v, ok := rec.Field(c.Source)
			if ok && c.UserID {
				if name, found := users[v]; found {
					v = name
				}
			}
			row[i] = v
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

// loadUserNames maps User Id to Name when a column needs the local join.
func loadUserNames(st *store.Store, cols []Column) (fields.UserNames, error) {
	if !slices.ContainsFunc(cols, func(c Column) bool { return c.UserID }) {
		return nil, nil
	}
	return fields.LoadUserNames(st)
}

// WriteFile exports to path atomically: the rows go to a temporary file
// (mode 0600) in the same directory, which is synced and renamed over path
// only when complete. On error path is left as it was.
func WriteFile(ctx context.Context, st *store.Store, path string, opts Options) (res Result, err error) {
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
