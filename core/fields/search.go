package fields

import "strings"

// Match is one field found by Search.
type Match struct {
	Object string
	Field  Field
}

// Search finds fields of any object whose label or API name contains every
// word of query, case-insensitively (the picker's search bar). Results are
// in sync order of objects, then the objects' label order. Unsupported
// fields are not searched: they cannot be selected.
func (c *Catalog) Search(query string) []Match {
	words := strings.Fields(strings.ToLower(query))
	var out []Match
	for _, obj := range c.ObjectNames() {
		o := c.objects[obj]
		for _, f := range o.Fields {
			hay := strings.ToLower(o.Label + " " + f.Label + " " + f.Name)
			if containsAll(hay, words) {
				out = append(out, Match{Object: obj, Field: f})
			}
		}
	}
	return out
}

func containsAll(s string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(s, w) {
			return false
		}
	}
	return true
}
