package engine

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/sfsync/sfsync/core/salesforce"
)

// alwaysSynced are the columns every object carries whatever the selection:
// the key, the deletion flag and the incremental cursor.
var alwaysSynced = []string{"Id", "IsDeleted", "SystemModstamp"}

// RecommendedSelection is the Recommended preset of the help pages, used on
// the first connect when Config.DefaultSelection is nil: the most common
// fields per object and the Account Executive (Account owner's name, phone
// and email, kept on the User object and joined locally through OwnerId).
func RecommendedSelection() map[string][]string {
	return map[string][]string{
		"User":        {"Email", "IsActive", "Name", "Phone", "Title"},
		"Account":     {"CreatedDate", "Name", "OwnerId", "Type", "Website"},
		"Contact":     {"AccountId", "CreatedDate", "Email", "Name", "OwnerId", "Phone", "Title"},
		"Lead":        {"Company", "CreatedDate", "Email", "Name", "OwnerId", "Status"},
		"Opportunity": {"AccountId", "Amount", "CloseDate", "CreatedDate", "OwnerId", "StageName"},
	}
}

// normalizeSelection checks object and field names and returns a sorted,
// de-duplicated copy without the always-synced columns.
func normalizeSelection(sel map[string][]string) (map[string][]string, error) {
	out := make(map[string][]string, len(Objects))
	for obj, fields := range sel {
		if !slices.Contains(Objects, obj) {
			return nil, fmt.Errorf("field selection: %q is not one of the synced objects (%s)", obj, strings.Join(Objects, ", "))
		}
		var clean []string
		for _, f := range fields {
			f = strings.TrimSpace(f)
			if !validFieldName(f) {
				return nil, fmt.Errorf("field selection: %s: %q is not a field API name", obj, f)
			}
			if !slices.Contains(alwaysSynced, f) && !slices.Contains(clean, f) {
				clean = append(clean, f)
			}
		}
		slices.Sort(clean)
		out[obj] = clean
	}
	return out, nil
}

// validFieldName accepts API names and dotted relationship paths.
func validFieldName(f string) bool {
	if f == "" || strings.HasPrefix(f, ".") || strings.HasSuffix(f, ".") || strings.Contains(f, "..") {
		return false
	}
	for _, r := range f {
		if !(r == '_' || r == '.' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// columnsFor is the stored column list of an object: the always-synced
// columns, then the selection in sorted order.
func columnsFor(fields []string) []string {
	cols := slices.Clone(alwaysSynced)
	for _, f := range fields {
		if !slices.Contains(cols, f) {
			cols = append(cols, f)
		}
	}
	return cols
}

// soqlDateTime is the literal a bookmark takes in SOQL (UTC, milliseconds).
const soqlDateTime = "2006-01-02T15:04:05.000Z"

// selectSOQL builds the query for obj; since adds the incremental filter.
func selectSOQL(obj string, cols []string, since *time.Time) string {
	var b strings.Builder
	b.WriteString("SELECT ")
	b.WriteString(strings.Join(cols, ", "))
	b.WriteString(" FROM ")
	b.WriteString(obj)
	if since != nil {
		b.WriteString(" WHERE SystemModstamp >= ")
		b.WriteString(since.UTC().Format(soqlDateTime))
	}
	return b.String()
}

// missingFields returns the selected fields of obj that the describes no
// longer have. Dotted paths are checked through the relationship's target
// when it is one of the synced objects.
func missingFields(obj string, fields []string, describes map[string]*salesforce.SObjectDescribe) []string {
	d := describes[obj]
	if d == nil {
		return nil
	}
	var missing []string
	for _, f := range fields {
		if !fieldExists(obj, f, describes) {
			missing = append(missing, f)
		}
	}
	return missing
}

func fieldExists(obj, path string, describes map[string]*salesforce.SObjectDescribe) bool {
	d := describes[obj]
	if d == nil {
		return true // unknown object: cannot tell, keep the field
	}
	rel, rest, dotted := strings.Cut(path, ".")
	if !dotted {
		return describeField(d, path) != nil
	}
	for _, f := range d.Fields {
		if strings.EqualFold(f.RelationshipName, rel) {
			if len(f.ReferenceTo) != 1 {
				return true // polymorphic: the target is not known here
			}
			return fieldExists(f.ReferenceTo[0], rest, describes)
		}
	}
	return false
}

func describeField(d *salesforce.SObjectDescribe, name string) *salesforce.Field {
	for i := range d.Fields {
		if strings.EqualFold(d.Fields[i].Name, name) {
			return &d.Fields[i]
		}
	}
	return nil
}

// fieldType resolves a (possibly dotted) column to its describe type, or "".
func fieldType(obj, path string, describes map[string]*salesforce.SObjectDescribe) string {
	d := describes[obj]
	if d == nil {
		return ""
	}
	rel, rest, dotted := strings.Cut(path, ".")
	if !dotted {
		if f := describeField(d, path); f != nil {
			return f.Type
		}
		return ""
	}
	for _, f := range d.Fields {
		if strings.EqualFold(f.RelationshipName, rel) && len(f.ReferenceTo) == 1 {
			return fieldType(f.ReferenceTo[0], rest, describes)
		}
	}
	return ""
}
