package sfsim

import (
	"net/http"
	"strings"
)

// serveRecord answers GET sobjects/{X}/{id}[?fields=A,B] (REST sObject Rows,
// resources-sobject-rows): the record's attributes and every field, or only
// the fields named. A record in the Recycle Bin answers 404
// ENTITY_IS_DELETED "entity is deleted"; one that does not exist, was
// purged, or that sharing hides answers 404 NOT_FOUND "The requested
// resource does not exist" (REST errorcodes). 15-character Ids are
// accepted, as Salesforce accepts them. One API call.
func (o *Org) serveRecord(w http.ResponseWriter, r *http.Request, version, name, id string) {
	obj := o.schema.readable(name)
	if obj == nil {
		o.notFoundObject(w)
		return
	}
	cols, ok := recordColumns(w, obj, r.URL.Query().Get("fields"))
	if !ok {
		return
	}
	v := o.view()
	t := v.tables[obj]
	i := t.find(fullID(id))
	if i < 0 || t.hidden(i) {
		writeError(w, http.StatusNotFound, "NOT_FOUND", "The requested resource does not exist")
		return
	}
	if del := obj.deletedField(); del != nil && t.cell(del, i).b {
		writeError(w, http.StatusNotFound, "ENTITY_IS_DELETED", "entity is deleted")
		return
	}
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(appendRecordJSON(nil, v, t, cols, i, version))
}

// recordColumns are the fields a record read returns: every live field, or
// those ?fields= names (unknown ones answer 400 INVALID_FIELD).
func recordColumns(w http.ResponseWriter, obj *objectDef, list string) ([]accessor, bool) {
	if strings.TrimSpace(list) == "" {
		all := obj.liveFields()
		cols := make([]accessor, 0, len(all))
		for _, f := range all {
			cols = append(cols, accessor{name: f.Name, f: f})
		}
		return cols, true
	}
	var cols []accessor
	for _, name := range strings.Split(list, ",") {
		f := obj.field(strings.TrimSpace(name))
		if f == nil {
			writeError(w, http.StatusBadRequest, "INVALID_FIELD",
				"No such column '"+strings.TrimSpace(name)+"' on sobject of type "+obj.Name)
			return nil, false
		}
		cols = append(cols, accessor{name: f.Name, f: f})
	}
	return cols, true
}

// fullID turns a 15-character Id into its 18-character form (the case
// checksum suffix); other strings are returned as they are.
func fullID(id string) string {
	if len(id) != 15 {
		return id
	}
	const suffix = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"
	b := []byte(id)
	for chunk := 0; chunk < 3; chunk++ {
		flags := 0
		for j := 0; j < 5; j++ {
			if c := id[chunk*5+j]; c >= 'A' && c <= 'Z' {
				flags |= 1 << j
			}
		}
		b = append(b, suffix[flags])
	}
	return string(b)
}
