package sfsim

import (
	"io"
	"strings"
)

// csvWriter writes Bulk result sets fast: one reused buffer, flushed in
// 256 KiB chunks, values appended straight from the columns with no
// per-field allocation.
type csvWriter struct {
	w     io.Writer
	buf   []byte
	delim byte
	eol   string
	err   error
}

const csvChunk = 256 << 10

func newCSVWriter(w io.Writer, delim byte, crlf bool) *csvWriter {
	eol := "\n"
	if crlf {
		eol = "\r\n"
	}
	return &csvWriter{w: w, buf: make([]byte, 0, csvChunk+csvChunk/4), delim: delim, eol: eol}
}

func (c *csvWriter) flush() {
	if c.err == nil && len(c.buf) > 0 {
		_, c.err = c.w.Write(c.buf)
	}
	c.buf = c.buf[:0]
}

// writeResults writes the header row and the given rows of a plan's result.
func (c *csvWriter) writeResults(v *orgView, p *plan, rows []int32) error {
	for k, a := range p.cols {
		if k > 0 {
			c.buf = append(c.buf, c.delim)
		}
		c.buf = appendCSVQuoted(c.buf, a.name)
	}
	c.buf = append(c.buf, c.eol...)
	t := v.tables[p.obj]
	// Direct stored columns are read straight from their slices. Parent
	// columns through a dictionary-coded lookup (the User lookups) are
	// rendered once per parent and replayed: the snapshot cannot change.
	direct := make([]*column, len(p.cols))
	memos := make([]*parentMemo, len(p.cols))
	for k, a := range p.cols {
		switch {
		case a.ref == nil && a.f.col >= 0:
			direct[k] = &t.cols[a.f.col]
		case a.ref != nil && t.cols[a.ref.col].coded:
			ref := &t.cols[a.ref.col]
			memos[k] = &parentMemo{codes: ref.codes, cells: make([][]byte, len(ref.dict)), done: make([]bool, len(ref.dict))}
		}
	}
	for _, r := range rows {
		i := int(r)
		for k, a := range p.cols {
			if k > 0 {
				c.buf = append(c.buf, c.delim)
			}
			switch {
			case direct[k] != nil:
				c.buf = appendColumnCSV(c.buf, direct[k], i)
			case memos[k] != nil:
				m := memos[k]
				code := m.codes[i]
				if !m.done[code] {
					m.cells[code], m.done[code] = appendCellCSV(nil, a.value(v, t, i)), true
				}
				c.buf = append(c.buf, m.cells[code]...)
			default:
				c.buf = appendCellCSV(c.buf, a.value(v, t, i))
			}
		}
		c.buf = append(c.buf, c.eol...)
		if len(c.buf) >= csvChunk {
			c.flush()
			if c.err != nil {
				return c.err
			}
		}
	}
	c.flush()
	return c.err
}

// parentMemo caches the CSV form of one parent column per lookup code.
type parentMemo struct {
	codes []uint32
	cells [][]byte
	done  []bool
}

// appendColumnCSV appends row i of a stored column without building a cellValue.
func appendColumnCSV(b []byte, col *column, i int) []byte {
	switch col.kind {
	case kindString:
		if s := col.str(i); s != "" {
			return appendCSVQuoted(b, s)
		}
		return b
	case kindDateTime:
		if t := col.times[i]; t != nullTime {
			b = append(b, '"')
			return append(appendBulkDateTime(b, t), '"')
		}
		return b
	}
	return appendCellCSV(b, col.get(i))
}

// appendCellCSV appends a value as Bulk CSV renders it; null is empty.
func appendCellCSV(b []byte, v cellValue) []byte {
	if v.null {
		return b
	}
	b = append(b, '"')
	switch v.kind {
	case kindBool:
		if v.b {
			b = append(b, "true"...)
		} else {
			b = append(b, "false"...)
		}
	case kindNumber:
		b = appendNumber(b, v.n)
	case kindDateTime:
		b = appendBulkDateTime(b, v.t)
	case kindDate:
		b = appendDateOnly(b, v.t)
	default:
		return appendCSVQuoted(b[:len(b)-1], v.s)
	}
	return append(b, '"')
}

// appendCSVQuoted appends s in double quotes, doubling embedded quotes.
func appendCSVQuoted(b []byte, s string) []byte {
	b = append(b, '"')
	for {
		k := strings.IndexByte(s, '"')
		if k < 0 {
			b = append(b, s...)
			break
		}
		b = append(b, s[:k+1]...)
		b = append(b, '"')
		s = s[k+1:]
	}
	return append(b, '"')
}
