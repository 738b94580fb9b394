package sfsim

import "net/http"

// Admin routes for record visibility (sharing.go).

// adminHide: PUT /_sim/records/{object}/{id}/hidden {"hidden":true}.
func (s *Server) adminHide(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Hidden bool `json:"hidden"`
	}
	if !readJSON(w, r, &body, `expected {"hidden":true|false}`) {
		return
	}
	s.adminResult(w, s.org.HideRecord(r.PathValue("object"), r.PathValue("id"), body.Hidden))
}

// adminViewAllUsers: PUT /_sim/view-all-users {"viewAll":false,
// "visibleUsers":["005…"]}; visibleUsers is optional.
func (s *Server) adminViewAllUsers(w http.ResponseWriter, r *http.Request) {
	var body struct {
		ViewAll      *bool    `json:"viewAll"`
		VisibleUsers []string `json:"visibleUsers"`
	}
	if err := decodeJSON(r, &body); err != nil || body.ViewAll == nil {
		writeError(w, http.StatusBadRequest, "JSON_PARSER_ERROR", `expected {"viewAll":false,"visibleUsers":[…]}`)
		return
	}
	s.org.SetViewAllUsers(*body.ViewAll)
	if body.VisibleUsers != nil {
		s.adminResult(w, s.org.ShareUsers(body.VisibleUsers...))
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
