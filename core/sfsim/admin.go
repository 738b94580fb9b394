package sfsim

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
)

// The admin API under /_sim/ lets tests and scripts change the org and the
// simulator while a client runs. It answers loopback callers only, is not
// counted and carries no Sforce-Limit-Info header.
func (s *Server) adminRoutes() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /_sim/usage", s.adminGetUsage)
	mux.HandleFunc("PUT /_sim/usage", s.adminSetUsage)
	mux.HandleFunc("GET /_sim/records/{object}", s.adminSnapshot)
	mux.HandleFunc("POST /_sim/records/{object}", s.adminCreate)
	mux.HandleFunc("PATCH /_sim/records/{object}/{id}", s.adminUpdate)
	mux.HandleFunc("DELETE /_sim/records/{object}/{id}", s.adminDelete)
	mux.HandleFunc("POST /_sim/records/{object}/{id}/undelete", s.adminUndelete)
	mux.HandleFunc("POST /_sim/records/{object}/touch", s.adminTouchMany)
	mux.HandleFunc("POST /_sim/records/{object}/late", s.adminLate)
	mux.HandleFunc("PATCH /_sim/records/{object}/{id}/late", s.adminLate)
	mux.HandleFunc("POST /_sim/queues", s.adminCreateQueue)
	mux.HandleFunc("PUT /_sim/records/{object}/{id}/hidden", s.adminHide)
	mux.HandleFunc("PUT /_sim/view-all-users", s.adminViewAllUsers)
	mux.HandleFunc("POST /_sim/merge/{object}", func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			Master string   `json:"master"`
			Losers []string `json:"losers"`
		}
		if !readJSON(w, r, &body, "") {
			return
		}
		s.adminResult(w, s.org.Merge(r.PathValue("object"), body.Master, body.Losers...))
	})
	mux.HandleFunc("DELETE /_sim/fields/{object}/{field}", func(w http.ResponseWriter, r *http.Request) {
		s.adminResult(w, s.org.DeleteField(r.PathValue("object"), r.PathValue("field")))
	})
	mux.HandleFunc("POST /_sim/fields/{object}/{field}/restore", func(w http.ResponseWriter, r *http.Request) {
		s.adminResult(w, s.org.RestoreField(r.PathValue("object"), r.PathValue("field")))
	})
	mux.HandleFunc("POST /_sim/fields/{object}", func(w http.ResponseWriter, r *http.Request) {
		var spec FieldSpec
		if !readJSON(w, r, &spec, "") {
			return
		}
		s.adminResult(w, s.org.AddField(r.PathValue("object"), spec))
	})
	mux.HandleFunc("PUT /_sim/read-access/{object}", func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			Readable bool `json:"readable"`
		}
		if !readJSON(w, r, &body, "") {
			return
		}
		s.adminResult(w, s.org.WithholdRead(r.PathValue("object"), !body.Readable))
	})
	mux.HandleFunc("PUT /_sim/limit-header", func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			Enabled bool `json:"enabled"`
		}
		if !readJSON(w, r, &body, `expected {"enabled":true|false}`) {
			return
		}
		s.SetLimitHeader(body.Enabled)
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("PUT /_sim/json-numbers", func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			Plain bool `json:"plain"`
		}
		if !readJSON(w, r, &body, "") {
			return
		}
		s.org.SetPlainJSONNumbers(body.Plain)
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("POST /_sim/faults", s.adminInjectFault)
	mux.HandleFunc("DELETE /_sim/faults", noContent(s.ClearFaults))
	mux.HandleFunc("POST /_sim/sessions", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusCreated, map[string]string{"access_token": s.IssueAccessToken()})
	})
	mux.HandleFunc("POST /_sim/sessions/expire", noContent(s.ExpireAccessTokens))
	mux.HandleFunc("PUT /_sim/instance-url", func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			URL string `json:"url"`
		}
		if !readJSON(w, r, &body, `expected {"url":"http://host:port"}`) {
			return
		}
		s.SetInstanceURL(body.URL)
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("GET /_sim/instance-url", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]any{"handedOut": s.InstanceURLs()})
	})
	mux.HandleFunc("POST /_sim/refresh-tokens/revoke", noContent(s.RevokeRefreshTokens))
	mux.HandleFunc("/_sim/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "NOT_FOUND", "no such simulator admin endpoint")
	})
	return mux
}

// serveAdmin admits loopback callers only.
func (s *Server) serveAdmin(w http.ResponseWriter, r *http.Request) {
	if !isLoopback(r.RemoteAddr) {
		writeError(w, http.StatusForbidden, "FORBIDDEN", "the simulator admin API answers loopback clients only")
		return
	}
	s.admin.ServeHTTP(w, r)
}

func isLoopback(remoteAddr string) bool {
	host, _, err := net.SplitHostPort(remoteAddr)
	if err != nil {
		host = remoteAddr
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

type usageBody struct {
	Used        int `json:"used"`
	Max         int `json:"max"`
	BulkJobs    int `json:"bulkJobs"`
	BulkJobsMax int `json:"bulkJobsMax"`
}

func (s *Server) adminGetUsage(w http.ResponseWriter, r *http.Request) {
	used, apiMax := s.Usage()
	jobs, jobsMax := s.BulkJobsUsage()
	writeJSON(w, http.StatusOK, usageBody{Used: used, Max: apiMax, BulkJobs: jobs, BulkJobsMax: jobsMax})
}

// adminSetUsage: PUT /_sim/usage {"used":N} and/or {"bulkJobs":M}.
func (s *Server) adminSetUsage(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Used     *int `json:"used"`
		BulkJobs *int `json:"bulkJobs"`
	}
	if err := decodeJSON(r, &body); err != nil || body.Used == nil && body.BulkJobs == nil {
		writeError(w, http.StatusBadRequest, "JSON_PARSER_ERROR", `expected {"used":N} or {"bulkJobs":N}`)
		return
	}
	if body.Used != nil {
		s.SetUsage(*body.Used)
	}
	if body.BulkJobs != nil {
		s.SetBulkJobsUsed(*body.BulkJobs)
	}
	s.adminGetUsage(w, r)
}

func (s *Server) adminSnapshot(w http.ResponseWriter, r *http.Request) {
	rows := s.org.Snapshot(r.PathValue("object"))
	if rows == nil {
		rows = []map[string]any{}
	}
	writeJSON(w, http.StatusOK, rows)
}

func (s *Server) adminCreate(w http.ResponseWriter, r *http.Request) {
	var fields map[string]any
	if !readJSON(w, r, &fields, "") {
		return
	}
	id, err := s.org.Create(r.PathValue("object"), fields)
	if err != nil {
		writeError(w, http.StatusBadRequest, "INVALID_FIELD", err.Error())
		return
	}
	writeJSON(w, http.StatusCreated, map[string]string{"id": id})
}

func (s *Server) adminUpdate(w http.ResponseWriter, r *http.Request) {
	var fields map[string]any
	if !readJSON(w, r, &fields, "") {
		return
	}
	s.adminResult(w, s.org.Update(r.PathValue("object"), r.PathValue("id"), fields))
}

func (s *Server) adminDelete(w http.ResponseWriter, r *http.Request) {
	object, id := r.PathValue("object"), r.PathValue("id")
	if r.URL.Query().Get("hard") == "true" {
		s.adminResult(w, s.org.HardDelete(object, id))
		return
	}
	s.adminResult(w, s.org.Delete(object, id))
}

func (s *Server) adminUndelete(w http.ResponseWriter, r *http.Request) {
	s.adminResult(w, s.org.Undelete(r.PathValue("object"), r.PathValue("id")))
}

// noContent is a handler that runs do and answers 204.
func noContent(do func()) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		do()
		w.WriteHeader(http.StatusNoContent)
	}
}

// adminResult answers a mutation: 204, or 400 with the org's reason.
func (s *Server) adminResult(w http.ResponseWriter, err error) {
	if err != nil {
		writeError(w, http.StatusBadRequest, "INVALID_CROSS_REFERENCE_KEY", err.Error())
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) adminInjectFault(w http.ResponseWriter, r *http.Request) {
	var f Fault
	if !readJSON(w, r, &f, "") {
		return
	}
	if err := s.faults.add(f); err != nil {
		writeError(w, http.StatusBadRequest, "INVALID_FAULT", err.Error())
		return
	}
	w.WriteHeader(http.StatusCreated)
}

// readJSON decodes r's JSON body into v. When it cannot, it answers 400
// JSON_PARSER_ERROR with expected (the body's form) or, if expected is
// empty, the decoder's reason, and returns false.
func readJSON(w http.ResponseWriter, r *http.Request, v any, expected string) bool {
	err := decodeJSON(r, v)
	if err == nil {
		return true
	}
	if expected == "" {
		expected = err.Error()
	}
	writeError(w, http.StatusBadRequest, "JSON_PARSER_ERROR", expected)
	return false
}

// decodeJSON decodes r's JSON body (1 MiB at most) into v.
func decodeJSON(r *http.Request, v any) error {
	if err := json.NewDecoder(http.MaxBytesReader(nil, r.Body, 1<<20)).Decode(v); err != nil {
		return fmt.Errorf("decode %s body: %w", r.URL.Path, err)
	}
	return nil
}
