package sfsim

import (
	"net/http"
	"strings"
)

// ServeData serves an authenticated data request whose API call has already
// been counted. version is e.g. "62.0"; rest is the path after
// "/services/data/v62.0/" with no leading slash. It does not serve "limits".
func (o *Org) ServeData(w http.ResponseWriter, r *http.Request, version, rest string) {
	rest = strings.Trim(rest, "/")
	parts := strings.Split(rest, "/")
	switch {
	case rest == "":
		if allow(w, r, http.MethodGet) {
			serveVersionResources(w, version)
		}
	case rest == "sobjects":
		if allow(w, r, http.MethodGet) {
			o.serveDescribeGlobal(w, version)
		}
	case len(parts) == 3 && parts[0] == "sobjects" && parts[2] == "describe":
		if allow(w, r, http.MethodGet) {
			o.serveDescribe(w, version, parts[1])
		}
	case len(parts) == 2 && parts[0] == "sobjects":
		if allow(w, r, http.MethodGet) {
			o.serveSObject(w, version, parts[1])
		}
	case len(parts) == 3 && parts[0] == "sobjects" && parts[2] == "deleted":
		if allow(w, r, http.MethodGet) {
			o.serveGetDeleted(w, r, parts[1])
		}
	case len(parts) == 3 && parts[0] == "sobjects":
		if allow(w, r, http.MethodGet) {
			o.serveRecord(w, r, version, parts[1], parts[2])
		}
	case (parts[0] == "query" || parts[0] == "queryAll") && len(parts) <= 2:
		if !allow(w, r, http.MethodGet) {
			return
		}
		if len(parts) == 2 {
			o.serveQueryMore(w, version, parts[1])
			return
		}
		o.serveQuery(w, r, version, parts[0] == "queryAll")
	case rest == "composite":
		if allow(w, r, http.MethodPost) {
			o.serveComposite(w, r, version)
		}
	case len(parts) >= 2 && parts[0] == "jobs" && parts[1] == "query" && !apiBefore(version, 47):
		o.serveBulk(w, r, version, parts[2:]) // Bulk API 2.0 query exists from v47.0
	default:
		writeError(w, http.StatusNotFound, "NOT_FOUND", "The requested resource does not exist")
	}
}

// allow answers 405 unless r uses one of the methods.
func allow(w http.ResponseWriter, r *http.Request, methods ...string) bool {
	for _, m := range methods {
		if r.Method == m {
			return true
		}
	}
	writeError(w, http.StatusMethodNotAllowed, "METHOD_NOT_ALLOWED",
		"HTTP Method '"+r.Method+"' not allowed. Allowed are "+strings.Join(methods, ","))
	return false
}

// dataPath is a version's base path, e.g. /services/data/v62.0.
func dataPath(version string) string { return "/services/data/v" + version }

// sobjectURL is a record's REST URL.
func sobjectURL(version, object, id string) string {
	return dataPath(version) + "/sobjects/" + object + "/" + id
}

// versionResources are the resources GET /services/data/vXX.X lists (REST
// resources-discovery: "Lists available resources for the specified API
// version, including resource name and URI").
var versionResources = []string{"tooling", "metadata", "eclair", "folders", "prechatForms", "chatter", "tabs",
	"appMenu", "quickActions", "queryAll", "commerce", "wave", "iot", "analytics", "search", "identity", "composite",
	"parameterizedSearch", "fingerprint", "theme", "nouns", "domino", "event", "serviceTemplates", "recent",
	"connect", "licensing", "limits", "process", "async-queries", "query", "jobs", "match", "emailConnect",
	"compactLayouts", "knowledgeManagement", "sobjects", "actions", "support"}

// serveVersionResources answers GET /services/data/vXX.X with a map of
// resource name -> URI.
func serveVersionResources(w http.ResponseWriter, version string) {
	m := make(map[string]string, len(versionResources))
	for _, name := range versionResources {
		m[name] = dataPath(version) + "/" + name
	}
	writeJSON(w, http.StatusOK, m)
}
