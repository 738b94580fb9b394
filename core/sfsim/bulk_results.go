package sfsim

import (
	"encoding/base64"
	"net/http"
	"strconv"
)

// defaultMaxRecords is the result-set size when the client sets none
// (Salesforce picks one "based on the service").
const defaultMaxRecords = 50000

// encodeLocator and decodeLocator map a result offset to a locator: from
// API 49.0 an opaque string (like Salesforce's "MTAwMDA", the base64 of the
// offset), before it the number itself.
func encodeLocator(version string, offset int) string {
	if apiBefore(version, 49) {
		return strconv.Itoa(offset)
	}
	return base64.RawStdEncoding.EncodeToString([]byte(strconv.Itoa(offset)))
}

func decodeLocator(version, s string) (int, bool) {
	if !apiBefore(version, 49) {
		b, err := base64.RawStdEncoding.DecodeString(s)
		if err != nil {
			return 0, false
		}
		s = string(b)
	}
	n, err := strconv.Atoi(s)
	return n, err == nil && n > 0
}

// apiBefore reports whether version (e.g. "47.0") is older than major.
func apiBefore(version string, major int) bool {
	v, err := strconv.ParseFloat(version, 64)
	return err == nil && v < float64(major)
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
		n, ok := decodeLocator(version, loc)
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
		next = encodeLocator(version, end)
	}
	h := w.Header()
	h.Set("Content-Type", "text/csv")
	h.Set("Sforce-Locator", next)
	h.Set("Sforce-NumberOfRecords", strconv.Itoa(end-offset))
	w.WriteHeader(http.StatusOK)
	p := j.plan
	if apiBefore(version, 50) { // before 50.0 columns come in alphabetical order
		p = p.alphabetical()
	}
	cw := newCSVWriter(w, delimiters[j.delimiter], j.lineEnding == "CRLF")
	_ = cw.writeResults(v, p, rows[offset:end])
}
