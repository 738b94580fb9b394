package sfsim

import (
	"net/http"
	"time"
)

// Admin routes that play what happens to records: mass updates, late
// commits, queues.

func (s *Server) adminTouchMany(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Count int `json:"count"`
	}
	if err := decodeJSON(r, &body); err != nil || body.Count <= 0 {
		writeError(w, http.StatusBadRequest, "JSON_PARSER_ERROR", `expected {"count":N}`)
		return
	}
	ids, stamp, err := s.org.TouchMany(r.PathValue("object"), body.Count)
	if err != nil {
		writeError(w, http.StatusBadRequest, "INVALID_OPERATION", err.Error())
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"ids": ids, "systemModstamp": string(appendRESTDateTime(nil, stamp.UnixMilli()))})
}

// adminLate creates (POST) or updates (PATCH) a record in a transaction that
// commits late: {"fields":{…},"delay":"5s"}.
func (s *Server) adminLate(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Fields map[string]any `json:"fields"`
		Delay  string         `json:"delay"`
	}
	err := decodeJSON(r, &body)
	delay, derr := time.ParseDuration(body.Delay)
	if err != nil || derr != nil || delay < 0 {
		writeError(w, http.StatusBadRequest, "JSON_PARSER_ERROR", `expected {"fields":{…},"delay":"5s"}`)
		return
	}
	if r.Method == http.MethodPatch {
		s.adminResult(w, s.org.UpdateLate(r.PathValue("object"), r.PathValue("id"), body.Fields, delay))
		return
	}
	id, err := s.org.CreateLate(r.PathValue("object"), body.Fields, delay)
	if err != nil {
		writeError(w, http.StatusBadRequest, "INVALID_FIELD", err.Error())
		return
	}
	writeJSON(w, http.StatusCreated, map[string]string{"id": id})
}

func (s *Server) adminCreateQueue(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Name string `json:"name"`
	}
	if err := decodeJSON(r, &body); err != nil || body.Name == "" {
		writeError(w, http.StatusBadRequest, "JSON_PARSER_ERROR", `expected {"name":"Queue name"}`)
		return
	}
	id, err := s.org.CreateQueue(body.Name)
	if err != nil {
		writeError(w, http.StatusBadRequest, "INVALID_FIELD", err.Error())
		return
	}
	writeJSON(w, http.StatusCreated, map[string]string{"id": id})
}
