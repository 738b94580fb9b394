package salesforce

import (
	"bytes"
	"errors"
	"fmt"
	"iter"
)

// ResultPage is one complete page of Bulk query results: the page's own
// header row and its rows, parsed in place from the response body. A page
// and its rows are valid only during the callback that receives it: the
// client reuses the buffers for the next page, which keeps memory constant.
type ResultPage struct {
	JobID       string
	Locator     string // the locator this page was fetched with ("" = first page)
	NextLocator string // the next page's locator; "" after the last page
	// JobRecords is the job's numberRecordsProcessed once JobComplete: the
	// rows all its pages hold (set by ResumeBulkQuery and BulkQuery; 0 when
	// unknown, e.g. from ReadResults alone).
	JobRecords int64

	body    []byte   // the page's CSV bytes, unescaped in place
	raw     []byte   // storage of body, kept for the next page
	columns []string // header row
	fields  []span   // rows × len(columns)
	rows    int
	index   map[string]int
}

// span is one value in body; start < 0 means null (empty in the CSV).
type span struct{ start, end int32 }

// Checkpoint is where a Bulk read stands: commit it together with the rows
// of the page it follows, and resume from it after a crash.
type Checkpoint struct {
	JobID   string
	Locator string // "" = from the first page
}

// Next is the checkpoint after this page; Done reports there is none.
func (p *ResultPage) Next() Checkpoint { return Checkpoint{JobID: p.JobID, Locator: p.NextLocator} }
func (p *ResultPage) Done() bool       { return p.NextLocator == "" }

// Columns is the page's header row (shared; do not modify).
func (p *ResultPage) Columns() []string { return p.columns }

// Len is the number of rows.
func (p *ResultPage) Len() int { return p.rows }

// Size is the page's size in bytes as received.
func (p *ResultPage) Size() int { return len(p.body) }

// Column returns the index of a column by name, or -1.
func (p *ResultPage) Column(name string) int {
	if p.index == nil {
		p.index = make(map[string]int, len(p.columns))
		for i, c := range p.columns {
			p.index[c] = i
		}
	}
	if i, ok := p.index[name]; ok {
		return i
	}
	return -1
}

// Row is row i of the page.
func (p *ResultPage) Row(i int) Row { return Row{p: p, base: i * len(p.columns)} }

// Rows iterates over the page's rows in order.
func (p *ResultPage) Rows() iter.Seq2[int, Row] {
	return func(yield func(int, Row) bool) {
		for i := range p.rows {
			if !yield(i, p.Row(i)) {
				return
			}
		}
	}
}

// Row is one Bulk result row. Bytes does not allocate; Text copies.
type Row struct {
	p    *ResultPage
	base int
}

func (r Row) Len() int          { return len(r.p.columns) }
func (r Row) Name(i int) string { return r.p.columns[i] }
func (r Row) IsNull(i int) bool { return r.p.fields[r.base+i].start < 0 }
func (r Row) Text(i int) string { return string(r.Bytes(i)) }
func (r Row) ID() string        { return r.Get("Id") }
func (r Row) Columns() []string { return r.p.columns }

// Bytes is value i without copying; nil when null. Valid during the callback.
func (r Row) Bytes(i int) []byte {
	s := r.p.fields[r.base+i]
	if s.start < 0 {
		return nil
	}
	return r.p.body[s.start:s.end:s.end]
}

// Get is the named column's text ("" when null or absent).
func (r Row) Get(name string) string {
	if i := r.p.Column(name); i >= 0 {
		return r.Text(i)
	}
	return ""
}

// Record copies the row into a Record that outlives the page.
func (r Row) Record() Record {
	rec := Record{Names: r.p.columns, Values: make([]Value, r.Len())}
	for i := range rec.Values {
		if r.IsNull(i) {
			rec.Values[i].Null = true
		} else {
			rec.Values[i].Text = r.Text(i)
		}
	}
	return rec
}

var errUnterminatedQuote = fmt.Errorf("%w: csv ends inside a quoted value", errTruncated)

// parse reads p.body (comma-delimited, LF or CRLF, RFC 4180 quoting) into
// columns and spans, unescaping "" and dropping NUL bytes in place. The
// header row gives the column names; every row must have as many values.
// An empty value (quoted or not) is null: Salesforce has no empty strings.
func (p *ResultPage) parse() error {
	p.rows, p.fields, p.index = 0, p.fields[:0], nil
	if len(p.body) > 1<<31-1 {
		return errors.New("csv page larger than 2 GiB")
	}
	b := p.body
	pos := 0
	// Header.
	var header []span
	for pos = skipBlankLines(b, pos); pos < len(b) && len(header) == 0; {
		var err error
		header, pos, err = p.parseLine(pos, header[:0])
		if err != nil {
			return fmt.Errorf("csv header: %w", err)
		}
	}
	if len(header) == 0 {
		p.columns = p.columns[:0]
		return nil // empty page
	}
	p.setColumns(header)
	n := len(p.columns)
	for pos = skipBlankLines(b, pos); pos < len(b); pos = skipBlankLines(b, pos) {
		start := len(p.fields)
		var err error
		p.fields, pos, err = p.parseLine(pos, p.fields)
		if err != nil {
			return fmt.Errorf("csv row %d: %w", p.rows+1, err)
		}
		got := len(p.fields) - start
		if got != n {
			if pos >= len(b) && got < n {
				return fmt.Errorf("%w: csv row %d has %d of %d values at end of page", errTruncated, p.rows+1, got, n)
			}
			return fmt.Errorf("csv row %d: %d values, header has %d", p.rows+1, got, n)
		}
		p.rows++
	}
	return nil
}

// setColumns turns the header spans into names, reusing the previous page's
// names when the header is the same (the usual case).
func (p *ResultPage) setColumns(header []span) {
	same := len(header) == len(p.columns)
	for i := 0; same && i < len(header); i++ {
		same = string(p.spanBytes(header[i])) == p.columns[i]
	}
	if same {
		return
	}
	cols := make([]string, len(header))
	for i, s := range header {
		cols[i] = string(p.spanBytes(s))
	}
	p.columns = cols
}

func (p *ResultPage) spanBytes(s span) []byte {
	if s.start < 0 {
		return nil
	}
	return p.body[s.start:s.end]
}

// parseLine parses one CSV record starting at pos, appending its values to
// out; it returns the position after the line ending.
func (p *ResultPage) parseLine(pos int, out []span) ([]span, int, error) {
	b := p.body
	for {
		var s span
		var err error
		if pos < len(b) && b[pos] == '"' {
			s, pos, err = p.quoted(pos + 1)
			if err != nil {
				return out, pos, err
			}
		} else if s, pos, err = p.unquoted(pos); err != nil {
			return out, pos, err
		}
		out = append(out, s)
		if pos >= len(b) {
			return out, pos, nil
		}
		switch b[pos] {
		case ',':
			pos++
			if pos >= len(b) { // trailing comma at end of body: one more empty value
				return append(out, span{-1, -1}), pos, nil
			}
		case '\n':
			return out, pos + 1, nil
		case '\r':
			if pos+1 < len(b) && b[pos+1] == '\n' {
				return out, pos + 2, nil
			}
			return out, pos + 1, nil
		default:
			return out, pos, fmt.Errorf("unexpected %q after quoted value at byte %d", b[pos], pos)
		}
	}
}

// unquoted scans to the next delimiter or line end. A quote inside an
// unquoted value is an error, as in RFC 4180 and encoding/csv: Salesforce
// quotes every value, so a bare quote means a page that is not its CSV.
func (p *ResultPage) unquoted(pos int) (span, int, error) {
	b := p.body
	start := pos
	hasNUL := false
	for pos < len(b) {
		c := b[pos]
		if c == ',' || c == '\n' || c == '\r' {
			break
		}
		if c == '"' {
			return span{}, pos, fmt.Errorf("bare %q in an unquoted value at byte %d", c, pos)
		}
		hasNUL = hasNUL || c == 0
		pos++
	}
	end := pos
	if hasNUL {
		end = start + compactNUL(b[start:end])
	}
	if end == start {
		return span{-1, -1}, pos, nil
	}
	return span{int32(start), int32(end)}, pos, nil
}

// quoted scans a quoted value whose opening quote is before pos; "" becomes
// " and NUL bytes are dropped, shifting bytes left within the value.
func (p *ResultPage) quoted(pos int) (span, int, error) {
	b := p.body
	start, w := pos, pos
	for {
		i := bytes.IndexByte(b[pos:], '"')
		if i < 0 {
			return span{}, len(b), errUnterminatedQuote
		}
		seg := b[pos : pos+i]
		if bytes.IndexByte(seg, 0) >= 0 {
			if w != pos {
				copy(b[w:], seg)
			}
			w += compactNUL(b[w : w+len(seg)])
		} else {
			if w != pos {
				copy(b[w:], seg)
			}
			w += len(seg)
		}
		pos += i + 1
		if pos < len(b) && b[pos] == '"' { // escaped quote
			b[w] = '"'
			w++
			pos++
			continue
		}
		if w == start {
			return span{-1, -1}, pos, nil
		}
		return span{int32(start), int32(w)}, pos, nil
	}
}

// skipBlankLines skips empty lines (LF or CR LF) at pos, as RFC 4180
// readers such as encoding/csv do; a quoted empty value ("") is a value,
// not a blank line.
func skipBlankLines(b []byte, pos int) int {
	for pos < len(b) {
		switch {
		case b[pos] == '\n':
			pos++
		case b[pos] == '\r' && pos+1 < len(b) && b[pos+1] == '\n':
			pos += 2
		default:
			return pos
		}
	}
	return pos
}

// compactNUL removes NUL bytes from v in place and returns the new length.
func compactNUL(v []byte) int {
	n := 0
	for _, c := range v {
		if c != 0 {
			v[n] = c
			n++
		}
	}
	return n
}
