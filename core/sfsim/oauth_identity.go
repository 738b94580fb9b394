package sfsim

import (
	"net/http"
	"strings"
)

// identity is the part of a User row the identity service reports.
type identity struct {
	UserID, Username, Name, FirstName, LastName, Email string
}

// identityOf reads a user's names from the org (empty strings if unknown).
func (s *Server) identityOf(userID string) identity {
	id := identity{UserID: userID}
	for _, row := range s.org.Snapshot("User") {
		if row["Id"] != userID {
			continue
		}
		text := func(k string) string { v, _ := row[k].(string); return v }
		id.Username, id.Name, id.Email = text("Username"), text("Name"), text("Email")
		id.FirstName, id.LastName = text("FirstName"), text("LastName")
		break
	}
	if id.Name == "" {
		id.Name = strings.TrimSpace(id.FirstName + " " + id.LastName)
	}
	return id
}

// identityURLs lists the REST endpoints for a user; without ?version= the
// URLs keep the literal "{version}" placeholder, as Salesforce's do.
func identityURLs(base, userID, version string) map[string]string {
	if version == "" {
		version = "{version}"
	}
	data := base + "/services/data/v" + version + "/"
	return map[string]string{
		"rest":     data,
		"sobjects": data + "sobjects/",
		"search":   data + "search/",
		"query":    data + "query/",
		"recent":   data + "recent/",
		"profile":  base + "/" + userID,
	}
}

// identityToken accepts the access token as a Bearer header or ?oauth_token=.
func identityToken(r *http.Request) string {
	if tok := bearerToken(r); tok != "" {
		return tok
	}
	return r.URL.Query().Get("oauth_token")
}

// serveIdentity implements GET /id/{orgId}/{userId}.
func (s *Server) serveIdentity(w http.ResponseWriter, r *http.Request) {
	sess, ok := s.sessions.validAccess(identityToken(r), s.now(), s.opts.AccessTokenTTL)
	if !ok {
		writeInvalidSession(w)
		return
	}
	orgID, userID := r.PathValue("org"), r.PathValue("user")
	if orgID != s.org.OrgID() || userID != sess.userID {
		writeError(w, http.StatusNotFound, "NOT_FOUND", "The requested resource does not exist")
		return
	}
	base := baseURL(r)
	u := s.identityOf(userID)
	writeJSON(w, http.StatusOK, map[string]any{
		"id":              base + "/id/" + orgID + "/" + userID,
		"asserted_user":   true,
		"user_id":         userID,
		"organization_id": orgID,
		"username":        u.Username,
		"nick_name":       strings.SplitN(u.Username, "@", 2)[0],
		"display_name":    u.Name,
		"email":           u.Email,
		"email_verified":  true,
		"first_name":      u.FirstName,
		"last_name":       u.LastName,
		"timezone":        "America/Los_Angeles",
		"status":          map[string]any{"created_date": nil, "body": nil},
		"urls":            identityURLs(base, userID, r.URL.Query().Get("version")),
		"active":          true,
		"user_type":       "STANDARD",
		"language":        "en_US",
		"locale":          "en_US",
		"utcOffset":       -28800000,
	})
}

// serveUserInfo implements the OpenID Connect GET /services/oauth2/userinfo.
func (s *Server) serveUserInfo(w http.ResponseWriter, r *http.Request) {
	sess, ok := s.sessions.validAccess(identityToken(r), s.now(), s.opts.AccessTokenTTL)
	if !ok {
		writeInvalidSession(w)
		return
	}
	base := baseURL(r)
	orgID := s.org.OrgID()
	u := s.identityOf(sess.userID)
	writeJSON(w, http.StatusOK, map[string]any{
		"sub":                            base + "/id/" + orgID + "/" + sess.userID,
		"user_id":                        sess.userID,
		"organization_id":                orgID,
		"preferred_username":             u.Username,
		"nickname":                       strings.SplitN(u.Username, "@", 2)[0],
		"name":                           u.Name,
		"email":                          u.Email,
		"email_verified":                 true,
		"given_name":                     u.FirstName,
		"family_name":                    u.LastName,
		"zoneinfo":                       "America/Los_Angeles",
		"urls":                           identityURLs(base, sess.userID, r.URL.Query().Get("version")),
		"is_salesforce_integration_user": false,
	})
}
