package sfsim

import (
	"encoding/base64"
	"net/http"
	"strconv"
)

// defaultMaxRecords is the result-set size when the client sets none
// (Salesforce picks one "based on the service").
const defaultMaxRecords = 50000

// encodeLocator and decodeLocator map a result offset to an opaque locator;
// like Salesforce's "MTAwMDA" it is the base64 of the offset.
func encodeLocator(offset int) string {
	return base64.RawStdEncoding.EncodeToString([]byte(strconv.Itoa(offset)))
}

func decodeLocator(s string) (int, bool) {
	b, err := base64.RawStdEncoding.DecodeString(s)
	if err != nil {
		return 0, false
	}
	n, err := strconv.Atoi(string(b))
	return n, err == nil && n > 0
}

// serveResults streams one result set of a completed job as CSV: a header
// row on every set, every value quoted, null as an empty unquoted field.
func (o *Org) serveResults(w http.ResponseWriter, r *http.Request, version, id string) {
	j := o.lookupJob(w, id)
	if j == nil {
		return
	}
	o.jobs.mu.Lock()
	state, jobVersion, v, rows := j.state, j.apiVersion, j.view, j.rows
	o.jobs.mu.Unlock()
	if version != jobVersion {
		writeError(w, http.StatusConflict, "API_VERSION_MISMATCH", "The query job "+id+" was created with API version "+
			jobVersion+"; get its results with the same version, not "+version)
		return
	}
	if state != stateJobComplete {
		writeError(w, http.StatusBadRequest, "API_ERROR", "Results are not available: the job's state is "+state+", not JobComplete")
		return
	}
	q := r.URL.Query()
	offset := 0
	if loc := q.Get("locator"); loc != "" {
		n, ok := decodeLocator(loc)
		if !ok || n >= len(rows) {
			writeError(w, http.StatusBadRequest, "INVALID_LOCATOR", "Invalid locator: "+loc)
			return
		}
		offset = n
	}
	size := defaultMaxRecords
	if m := q.Get("maxRecords"); m != "" {
		n, err := strconv.Atoi(m)
		if err != nil || n <= 0 {
			writeError(w, http.StatusBadRequest, "INVALID_MAX_RECORDS", "maxRecords must be a positive integer: "+m)
			return
		}
		size = n
	}
	end := min(offset+size, len(rows))
	next := "null"
	if end < len(rows) {
		next = encodeLocator(end)
	}
	h := w.Header()
	h.Set("Content-Type", "text/csv")
	h.Set("Sforce-Locator", next)
	h.Set("Sforce-NumberOfRecords", strconv.Itoa(end-offset))
	w.WriteHeader(http.StatusOK)
	cw := newCSVWriter(w, delimiters[j.delimiter], j.lineEnding == "CRLF")
	_ = cw.writeResults(v, j.plan, rows[offset:end])
}
