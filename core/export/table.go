package export

import (
	"bufio"
	"fmt"
	"io"
	"iter"
)

// WriteTable writes rows that are already cells, as the Records view holds
// them (its search and sort, its column order), in the CSV of Write: RFC
// 4180 with CRLF, a BOM when opts.BOM, and formula-looking cells
// neutralised unless opts.Raw (see Options.Raw). header is the first row;
// opts.Object only names the object in errors. It returns the rows written
// (header excluded).
func WriteTable(w io.Writer, header []string, rows iter.Seq[[]string], opts Options) (int64, error) {
	bw, cw, cell := newCSV(w, opts)
	out := make([]string, len(header))
	for i, h := range header {
		out[i] = cell(h)
	}
	if err := cw.writeRecord(out); err != nil {
		return 0, fmt.Errorf("export %s: write: %w", opts.Object, err)
	}
	var n int64
	for row := range rows {
		out = out[:0]
		for _, v := range row {
			out = append(out, cell(v))
		}
		if err := cw.writeRecord(out); err != nil {
			return n, fmt.Errorf("export %s: write: %w", opts.Object, err)
		}
		n++
	}
	if err := bw.Flush(); err != nil {
		return n, fmt.Errorf("export %s: write: %w", opts.Object, err)
	}
	return n, nil
}

// newCSV starts a CSV on w as opts say: buffered, the BOM written when
// asked, and the cell filter (Neutralize, or none when Raw).
func newCSV(w io.Writer, opts Options) (*bufio.Writer, *csvWriter, func(string) string) {
	bw := bufio.NewWriterSize(w, 64<<10)
	if opts.BOM {
		bw.WriteString("\uFEFF")
	}
	cell := Neutralize
	if opts.Raw {
		cell = func(v string) string { return v }
	}
	return bw, &csvWriter{w: bw}, cell
}
