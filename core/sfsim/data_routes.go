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
	case parts[0] == "sobjects":
		o.serveSObjects(w, r, version, parts[1:])
	case parts[0] == "query" || parts[0] == "queryAll":
		o.serveQueries(w, r, version, parts)
	case rest == "composite":
		if allow(w, r, http.MethodPost) {
			o.serveComposite(w, r, version)
		}
	case len(parts) >= 2 && parts[0] == "jobs" && parts[1] == "query" && !apiBefore(version, 47):
		o.serveBulk(w, r, version, parts[2:]) // Bulk API 2.0 query exists from v47.0
	default:
		o.notFoundObject(w)
	}
}

// serveSObjects routes GET sobjects, sobjects/{X}, sobjects/{X}/describe,
// sobjects/{X}/deleted and sobjects/{X}/{ID}; parts follow "sobjects".
func (o *Org) serveSObjects(w http.ResponseWriter, r *http.Request, version string, parts []string) {
	if !o.getWithin(w, r, parts, 2) {
		return
	}
	switch {
	case len(parts) == 0:
		o.serveDescribeGlobal(w, version)
	case len(parts) == 1:
		o.serveSObject(w, version, parts[0])
	case parts[1] == "describe":
		o.serveDescribe(w, version, parts[0])
	case parts[1] == "deleted":
		o.serveGetDeleted(w, r, parts[0])
	default:
		o.serveRecord(w, r, version, parts[0], parts[1])
	}
}

// serveQueries routes GET query and queryAll (?q=) and their next pages
// (query/{locator}); parts[0] is "query" or "queryAll".
func (o *Org) serveQueries(w http.ResponseWriter, r *http.Request, version string, parts []string) {
	if !o.getWithin(w, r, parts, 2) {
		return
	}
	if len(parts) == 2 {
		o.serveQueryMore(w, version, parts[1])
		return
	}
	o.serveQuery(w, r, version, parts[0] == "queryAll")
}

// getWithin answers 404 for a path of more than depth parts and 405 for a
// method other than GET; it reports whether the request may be served.
func (o *Org) getWithin(w http.ResponseWriter, r *http.Request, parts []string, depth int) bool {
	if len(parts) > depth {
		o.notFoundObject(w)
		return false
	}
	return allow(w, r, http.MethodGet)
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
