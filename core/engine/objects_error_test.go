package engine

import (
	"errors"
	"testing"
)

// TestOneObjectReasonNamingItself: a single object's failure whose sentence
// names the object (a refresh's "refresh Account: …", a Bulk page's "…
// of Account …") is reported with the object in front; the object's name
// was lost (": refresh Account: …").
func TestOneObjectReasonNamingItself(t *testing.T) {
	oe := &objectsError{failed: map[string]error{
		"Account": errors.New("refresh Account: create bulk query job: LIMIT_EXCEEDED"),
		"Lead":    errors.New("Lead: bulk page of Lead has no column Email"),
	}}
	want := "Account: refresh Account: create bulk query job: LIMIT_EXCEEDED; Lead: bulk page of Lead has no column Email"
	if got := oe.Error(); got != want {
		t.Errorf("objectsError:\n got %q\nwant %q", got, want)
	}
}
