package fields

import (
	"slices"
)

// Selection is the set of fields to sync per object: sorted, unique field
// names (dotted relationship fields included). It is plain data, stored as
// JSON in the source settings. Methods never modify the receiver.
type Selection map[string][]string

// Has reports whether the field is selected.
func (s Selection) Has(object, field string) bool {
	_, ok := slices.BinarySearch(s[object], field)
	return ok
}

// Fields returns the object's selected fields (shared: do not modify).
func (s Selection) Fields(object string) []string { return s[object] }

// Clone returns a deep copy.
func (s Selection) Clone() Selection {
	out := make(Selection, len(s))
	for obj, f := range s {
		out[obj] = slices.Clone(f)
	}
	return out
}

// with returns a copy with fields added to object.
func (s Selection) with(object string, fields ...string) Selection {
	out := s.Clone()
	out[object] = sortedSet(append(out[object], fields...))
	return out
}

// without returns a copy with fields removed from object.
func (s Selection) without(object string, fields ...string) Selection {
	out := s.Clone()
	out[object] = slices.DeleteFunc(out[object], func(f string) bool { return slices.Contains(fields, f) })
	return out
}

// Normalized returns a copy with every object's fields sorted and unique
// (for selections read from elsewhere, e.g. JSON edited by hand).
func (s Selection) Normalized() Selection {
	out := make(Selection, len(s))
	for obj, f := range s {
		out[obj] = sortedSet(slices.Clone(f))
	}
	return out
}

func sortedSet(s []string) []string {
	slices.Sort(s)
	return slices.Compact(s)
}

// Change is how one object's selection differs between two selections.
type Change struct {
	Object         string
	Added, Removed []string // sorted
}

// NeedsResync reports whether the object must be fetched again: added fields
// have no values in the records already stored. Removed fields alone need no
// new data from Salesforce.
func (c Change) NeedsResync() bool { return len(c.Added) > 0 }

// Diff lists the objects whose selection differs from old to new, in sync
// order (see Objects), for "Review fields" and for deciding what to re-sync.
func Diff(old, new Selection) []Change {
	old, new = old.Normalized(), new.Normalized()
	objects := map[string]bool{}
	for o := range old {
		objects[o] = true
	}
	for o := range new {
		objects[o] = true
	}
	var out []Change
	for _, obj := range syncOrder(objects) {
		c := Change{Object: obj, Added: minus(new[obj], old[obj]), Removed: minus(old[obj], new[obj])}
		if len(c.Added) > 0 || len(c.Removed) > 0 {
			out = append(out, c)
		}
	}
	return out
}

// minus is a − b for sorted sets.
func minus(a, b []string) []string {
	var out []string
	for _, x := range a {
		if _, ok := slices.BinarySearch(b, x); !ok {
			out = append(out, x)
		}
	}
	return out
}

// syncOrder sorts object names as Objects, then the rest alphabetically.
func syncOrder(set map[string]bool) []string {
	var out []string
	for _, o := range Objects {
		if set[o] {
			out = append(out, o)
		}
	}
	var rest []string
	for o := range set {
		if !slices.Contains(Objects, o) {
			rest = append(rest, o)
		}
	}
	slices.Sort(rest)
	return append(out, rest...)
}
