package salesforce

import (
	"context"
	"strings"
	"testing"
)

// TestErrorsQuoteServerDataBounded: a value the server sent (here a
// nextRecordsUrl) appears in an error cut to format.MaxQuoted runes, not
// whole (issue 11 case 10: one 40,000-character value made a 40 KB status).
func TestErrorsQuoteServerDataBounded(t *testing.T) {
	var c Client
	_, err := c.QueryMore(context.Background(), strings.Repeat("x", 40_000))
	if err == nil || len(err.Error()) > 300 || !strings.Contains(err.Error(), "40,000 characters") {
		t.Fatalf("error of %d bytes: %.300v", len(err.Error()), err)
	}
}
