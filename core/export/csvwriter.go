package export

import (
	"bufio"
	"strings"
)

// csvWriter writes RFC 4180 records. encoding/csv is not used: with UseCRLF
// it rewrites newlines inside values and drops lone CRs, which would change
// the data.
type csvWriter struct {
	w *bufio.Writer
}

func (c *csvWriter) writeRecord(fields []string) error {
	for i, f := range fields {
		if i > 0 {
			c.w.WriteByte(',')
		}
		if !needsQuotes(f) {
			c.w.WriteString(f)
			continue
		}
		c.w.WriteByte('"')
		for {
			j := strings.IndexByte(f, '"')
			if j < 0 {
				break
			}
			c.w.WriteString(f[:j+1])
			c.w.WriteByte('"')
			f = f[j+1:]
		}
		c.w.WriteString(f)
		c.w.WriteByte('"')
	}
	_, err := c.w.WriteString("\r\n")
	return err
}

// needsQuotes reports whether a field must be quoted: separators, quotes,
// line breaks, and leading or trailing spaces (which some readers trim).
func needsQuotes(f string) bool {
	if f == "" {
		return false
	}
	if f[0] == ' ' || f[0] == '\t' || f[len(f)-1] == ' ' || f[len(f)-1] == '\t' {
		return true
	}
	return strings.ContainsAny(f, ",\"\r\n")
}
