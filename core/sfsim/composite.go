package sfsim

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
)

// Composite limits documented by Salesforce.
const (
	compositeMaxSubrequests = 25
	compositeMaxQueries     = 5
)

type compositeRequest struct {
	AllOrNone        bool `json:"allOrNone"`
	CompositeRequest []struct {
		Method      string          `json:"method"`
		URL         string          `json:"url"`
		ReferenceID string          `json:"referenceId"`
		Body        json.RawMessage `json:"body"`
	} `json:"compositeRequest"`
}

type compositeResult struct {
	Body           json.RawMessage   `json:"body"`
	HTTPHeaders    map[string]string `json:"httpHeaders"`
	HTTPStatusCode int               `json:"httpStatusCode"`
	ReferenceID    string            `json:"referenceId"`
}

// serveComposite runs up to 25 subrequests in order and answers them in one
// response. The caller counted the whole request as one API call.
func (o *Org) serveComposite(w http.ResponseWriter, r *http.Request, version string) {
	var req compositeRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		writeError(w, http.StatusBadRequest, "JSON_PARSER_ERROR", "Unable to parse the composite request: "+err.Error())
		return
	}
	subs := req.CompositeRequest
	if len(subs) == 0 {
		writeError(w, http.StatusBadRequest, "INVALID_API_INPUT", "The compositeRequest list must contain at least one subrequest")
		return
	}
	if len(subs) > compositeMaxSubrequests {
		writeError(w, http.StatusBadRequest, "INVALID_API_INPUT", "Exceeded max limit of subrequests allowed: 25")
		return
	}
	queries := 0
	for _, s := range subs {
		if _, rest, ok := subrequestPath(s.URL); ok && isQueryPath(rest) {
			queries++
		}
	}
	if queries > compositeMaxQueries {
		writeError(w, http.StatusBadRequest, "INVALID_API_INPUT", "Exceeded max limit of query subrequests allowed: 5")
		return
	}
	results := make([]compositeResult, 0, len(subs))
	failed := false
	for _, s := range subs {
		res := compositeResult{HTTPHeaders: map[string]string{}, ReferenceID: s.ReferenceID}
		if failed && req.AllOrNone {
			res.HTTPStatusCode = http.StatusBadRequest
			res.Body = errorBody("PROCESSING_HALTED", "The transaction was rolled back since another operation in the same transaction failed.")
		} else {
			res.HTTPStatusCode, res.Body = o.runSubrequest(r, s.Method, s.URL, s.Body)
		}
		failed = failed || res.HTTPStatusCode >= 400
		results = append(results, res)
	}
	writeJSON(w, http.StatusOK, map[string]any{"compositeResponse": results})
}

// subrequestPath splits /services/data/vXX.X/rest?query into version and rest.
func subrequestPath(raw string) (version, rest string, ok bool) {
	u, err := url.Parse(raw)
	if err != nil {
		return "", "", false
	}
	p, found := strings.CutPrefix(u.Path, "/services/data/v")
	if !found {
		return "", "", false
	}
	version, rest, _ = strings.Cut(p, "/")
	return version, rest, true
}

func isQueryPath(rest string) bool {
	first, _, _ := strings.Cut(strings.Trim(rest, "/"), "/")
	return first == "query" || first == "queryAll"
}

// runSubrequest serves one subrequest in memory and returns its status and JSON body.
func (o *Org) runSubrequest(parent *http.Request, method, raw string, body json.RawMessage) (int, json.RawMessage) {
	version, rest, ok := subrequestPath(raw)
	if !ok || !supportedVersion(version) {
		return http.StatusNotFound, errorBody("NOT_FOUND", "The requested resource does not exist")
	}
	if strings.Trim(rest, "/") == "composite" {
		return http.StatusBadRequest, errorBody("INVALID_API_INPUT", "Composite requests cannot be nested")
	}
	if method == "" {
		method = http.MethodGet
	}
	if hook, ok := parent.Context().Value(subFaultKey{}).(subQueryFault); ok && isQueryPath(rest) {
		u, _ := url.Parse(raw)
		if e, fired := hook(soqlObject(u.Query().Get("q"))); fired {
			return e.status, errorBody(e.code, e.message)
		}
	}
	sub, err := http.NewRequestWithContext(parent.Context(), method, raw, bytes.NewReader(body))
	if err != nil {
		return http.StatusBadRequest, errorBody("INVALID_API_INPUT", err.Error())
	}
	sub.Header = parent.Header.Clone()
	rec := &bufferedResponse{header: http.Header{}, status: http.StatusOK}
	o.ServeData(rec, sub, version, rest)
	out := bytes.TrimSpace(rec.body.Bytes())
	if len(out) == 0 || !json.Valid(out) {
		out = []byte("null")
	}
	return rec.status, out
}

func supportedVersion(v string) bool {
	for _, s := range SupportedVersions() {
		if s == v {
			return true
		}
	}
	return false
}

func errorBody(code, message string) json.RawMessage {
	b, _ := json.Marshal([]apiError{{Message: message, ErrorCode: code}})
	return b
}

// bufferedResponse is an in-memory http.ResponseWriter for subrequests.
type bufferedResponse struct {
	header http.Header
	status int
	wrote  bool
	body   bytes.Buffer
}

func (b *bufferedResponse) Header() http.Header { return b.header }
func (b *bufferedResponse) WriteHeader(status int) {
	if !b.wrote {
		b.status, b.wrote = status, true
	}
}
func (b *bufferedResponse) Write(p []byte) (int, error) {
	b.wrote = true
	return b.body.Write(p)
}
