package store

import "github.com/sfsync/sfsync/core/format"

// ValidID reports whether id has the shape of a Salesforce record Id: 15
// case-sensitive ASCII letters and digits, or 18 (the 15 plus a 3-character
// suffix that encodes their case). Source: SOAP API Developer Guide, "Field
// Types", ID (developer.salesforce.com/docs/atlas.en-us.api.meta/api/
// field_types.htm). The suffix is not verified: a row is only refused when
// it cannot be a record Id at all.
func ValidID(id string) bool {
	if len(id) != 15 && len(id) != 18 {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if (c < '0' || c > '9') && (c < 'A' || c > 'Z') && (c < 'a' || c > 'z') {
			return false
		}
	}
	return true
}

// maxQuarantineLogs bounds the log lines one page writes about quarantined
// rows; the count covers them all.
const maxQuarantineLogs = 5

// quarantine counts a row (row 0: an entry of Page.Deletes) whose Id is not
// a record Id, and logs it with the Id bounded.
func (s *Store) quarantine(object string, row int, id string, c *Counts) {
	c.Quarantined++
	switch {
	case c.Quarantined <= maxQuarantineLogs:
		reason := "the Id is not a Salesforce record Id (15 or 18 letters and digits)"
		if id == "" {
			reason = "the row has no Id"
		}
		s.log.Warn("quarantined a row from Salesforce: skipped, the rest of the page is kept",
			"object", object, "row", row, "id", format.Clip(id), "reason", reason)
	case c.Quarantined == maxQuarantineLogs+1:
		s.log.Warn("more rows of this page quarantined; only the count is kept", "object", object)
	}
}
