package sfsim

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"sync"
)

// queryPageSize is REST query's largest batch.
const queryPageSize = 2000

// cursor is a REST query result kept for queryMore: the snapshot it was
// taken from and the selected rows, so later pages ignore later changes.
type cursor struct {
	view *orgView
	plan *plan
	rows []int32
	size int // batch size chosen by Sforce-Query-Options
}

// cursorStore keeps the most recent cursors; Salesforce keeps locators for
// two days, a simulator run is shorter, so an upper count bounds memory.
type cursorStore struct {
	mu    sync.Mutex
	seq   int64
	byID  map[string]*cursor
	order []string
}

const maxCursors = 256

func newCursorStore() *cursorStore { return &cursorStore{byID: map[string]*cursor{}} }

func (s *cursorStore) add(pod string, c *cursor) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.seq++
	id := salesforceID("01g", pod, s.seq)
	s.byID[id] = c
	s.order = append(s.order, id)
	if len(s.order) > maxCursors {
		delete(s.byID, s.order[0])
		s.order = s.order[1:]
	}
	return id
}

func (s *cursorStore) get(id string) *cursor {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.byID[id]
}

// writeQueryError maps a SOQL error to Salesforce's 400 error body.
func writeQueryError(w http.ResponseWriter, err error) {
	var qe *queryError
	if errors.As(err, &qe) {
		writeError(w, http.StatusBadRequest, qe.code, qe.message)
		return
	}
	writeError(w, http.StatusBadRequest, "MALFORMED_QUERY", err.Error())
}

func (o *Org) serveQuery(w http.ResponseWriter, r *http.Request, version string, all bool) {
	q := r.URL.Query().Get("q")
	if strings.TrimSpace(q) == "" {
		writeError(w, http.StatusBadRequest, "MALFORMED_QUERY", "A query string has to be specified")
		return
	}
	p, err := compileSOQL(o.schema, q)
	if err != nil {
		writeQueryError(w, err)
		return
	}
	v := o.view()
	rows := p.run(v, all)
	if p.count {
		writeJSON(w, http.StatusOK, map[string]any{"totalSize": len(rows), "done": true, "records": []any{}})
		return
	}
	c := &cursor{view: v, plan: p, rows: rows, size: batchSize(r)}
	var locator string
	if len(rows) > c.size {
		locator = o.cursors.add(o.pod, c)
	}
	writeQueryPage(w, version, c, locator, 0)
}

// batchSize honours Sforce-Query-Options: batchSize=N (200..2000).
func batchSize(r *http.Request) int {
	for _, opt := range strings.Split(r.Header.Get("Sforce-Query-Options"), ";") {
		k, v, ok := strings.Cut(strings.TrimSpace(opt), "=")
		if ok && strings.EqualFold(k, "batchSize") {
			if n, err := strconv.Atoi(v); err == nil {
				return min(max(n, 200), queryPageSize)
			}
		}
	}
	return queryPageSize
}

// serveQueryMore serves query/{locator}-{offset}; queryAll continues on the same path.
func (o *Org) serveQueryMore(w http.ResponseWriter, version, ref string) {
	id, off, ok := strings.Cut(ref, "-")
	offset, err := strconv.Atoi(off)
	c := o.cursors.get(id)
	if !ok || err != nil || c == nil || offset < 0 || offset >= len(c.rows) {
		writeError(w, http.StatusBadRequest, "INVALID_QUERY_LOCATOR", "invalid query locator")
		return
	}
	writeQueryPage(w, version, c, id, offset)
}

func writeQueryPage(w http.ResponseWriter, version string, c *cursor, locator string, offset int) {
	end := min(offset+c.size, len(c.rows))
	b := make([]byte, 0, 64*1024)
	b = append(b, `{"totalSize":`...)
	b = strconv.AppendInt(b, int64(len(c.rows)), 10)
	b = append(b, `,"done":`...)
	b = strconv.AppendBool(b, end == len(c.rows))
	if end < len(c.rows) {
		b = append(b, `,"nextRecordsUrl":`...)
		b = appendJSONString(b, dataPath(version)+"/query/"+locator+"-"+strconv.Itoa(end))
	}
	b = append(b, `,"records":[`...)
	t := c.view.tables[c.plan.obj]
	for k, row := range c.rows[offset:end] {
		if k > 0 {
			b = append(b, ',')
		}
		b = appendRecordJSON(b, c.view, t, c.plan.cols, int(row), version)
	}
	b = append(b, "]}\n"...)
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(b)
}
