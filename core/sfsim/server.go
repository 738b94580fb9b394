package sfsim

import (
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// Options configures a simulated org's control plane: the registered app,
// sessions and the daily API quota.
type Options struct {
	ClientID            string        // registered consumer key (default "sfsync-demo")
	AppName             string        // shown on the authorize page (default "sfsync")
	RedirectURIs        []string      // registered callback URLs, exact match (default http://localhost:1717/OauthRedirect)
	PKCEOptional        bool          // the app does not require PKCE (Salesforce's "Require PKCE" toggle off)
	RotateRefreshTokens bool          // each refresh token is single-use and replaced on refresh
	AccessTokenTTL      time.Duration // default 2h; after it, data calls get 401 INVALID_SESSION_ID
	DailyAPIMax         int           // default 15000
	DailyBulkJobsMax    int           // DailyBulkV2QueryJobs, default 10000
	NoLimitHeader       bool          // responses carry no Sforce-Limit-Info (Server.SetLimitHeader)
	InstanceURL         string        // instance_url of token responses (Server.SetInstanceURL); "": the host called

	// Permissions the signed-in user lacks (see permissions.go).
	APIDisabled  bool     // no "API Enabled": every REST data call gets 403 API_DISABLED_FOR_ORG
	NoViewSetup  bool     // no "View Setup and Configuration": limits gets 403 INSUFFICIENT_ACCESS
	NoReadAccess []string // objects without Read (applied with Org.WithholdRead, so to a shared Org too)
	// NoViewAllUsers: no "View All Users": User queries return a subset (Org.SetViewAllUsers(false)).
	NoViewAllUsers bool

	// PlainJSONNumbers makes REST JSON print numbers as plain decimals
	// instead of Salesforce's Java double form (Org.SetPlainJSONNumbers).
	PlainJSONNumbers bool
	Seed             SeedConfig // zero value: DefaultSeed()
	Org              *Org       // optional: use this org instead of seeding one
}

const (
	defaultClientID    = "sfsync-demo"
	defaultAppName     = "sfsync"
	defaultRedirectURI = "http://localhost:1717/OauthRedirect"
	defaultTokenTTL    = 2 * time.Hour
	defaultDailyAPIMax = 15000
)

// Server is the simulator's http.Handler: it routes OAuth, identity, admin
// and REST requests, authenticates and counts REST calls, injects faults and
// hands data requests to the Org.
type Server struct {
	opts      Options
	org       *Org
	mux       *http.ServeMux
	admin     *http.ServeMux
	sessions  *sessionStore
	quota     *quota
	faults    *faultInjector
	instances instanceURLs
	skew      atomic.Int64 // nanoseconds added to the wall clock, so tests can age codes and tokens
}

// New builds a Server; zero-valued options take Salesforce-like defaults.
func New(opts Options) *Server {
	if opts.ClientID == "" {
		opts.ClientID = defaultClientID
	}
	if opts.AppName == "" {
		opts.AppName = defaultAppName
	}
	if len(opts.RedirectURIs) == 0 {
		opts.RedirectURIs = []string{defaultRedirectURI}
	}
	if opts.AccessTokenTTL <= 0 {
		opts.AccessTokenTTL = defaultTokenTTL
	}
	if opts.DailyAPIMax <= 0 {
		opts.DailyAPIMax = defaultDailyAPIMax
	}
	if opts.DailyBulkJobsMax <= 0 {
		opts.DailyBulkJobsMax = dailyBulkV2QueryJobsMax
	}
	org := opts.Org
	if org == nil {
		seed := opts.Seed
		if seed == (SeedConfig{}) {
			seed = DefaultSeed()
		}
		org = NewOrg(seed)
	}
	s := &Server{
		opts:     opts,
		org:      org,
		sessions: newSessionStore(),
		quota:    newQuota(opts.DailyAPIMax, opts.DailyBulkJobsMax),
		faults:   &faultInjector{},
	}
	for _, obj := range opts.NoReadAccess {
		if err := org.WithholdRead(obj, true); err != nil {
			panic("sfsim: Options.NoReadAccess: " + err.Error())
		}
	}
	org.setPermission(permAPIEnabled, !opts.APIDisabled)
	org.setPermission(permViewSetup, !opts.NoViewSetup)
	if opts.NoViewAllUsers {
		org.SetViewAllUsers(false)
	}
	if opts.PlainJSONNumbers {
		org.SetPlainJSONNumbers(true)
	}
	s.SetInstanceURL(opts.InstanceURL)
	s.SetLimitHeader(!opts.NoLimitHeader)
	s.mux = s.routes()
	s.admin = s.adminRoutes()
	return s
}

func (s *Server) routes() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("/_sim/", s.serveAdmin)
	mux.HandleFunc("GET /services/oauth2/authorize", s.serveAuthorize)
	mux.HandleFunc("POST /services/oauth2/authorize", s.serveDecision)
	mux.HandleFunc("/services/oauth2/token", s.serveToken)
	mux.HandleFunc("/services/oauth2/revoke", s.serveRevoke)
	mux.HandleFunc("GET /services/oauth2/userinfo", s.serveUserInfo)
	mux.HandleFunc("GET /id/{org}/{user}", s.serveIdentity)
	// /services/data with or without its slash, and a version resource with
	// or without one: Salesforce answers each, where ServeMux would redirect.
	mux.HandleFunc("GET /services/data", s.serveVersions)
	mux.HandleFunc("GET /services/data/{$}", s.serveVersions)
	mux.HandleFunc("/services/data/{version}", s.serveAPI)
	mux.HandleFunc("/services/data/{version}/{rest...}", s.serveAPI)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "NOT_FOUND", "The requested resource does not exist")
	})
	return mux
}

// ServeHTTP implements http.Handler. A path starting with several slashes
// (an instance URL saved with a trailing slash, as the Salesforce CLI saves
// it, joined to /services/…) is served as if it had one, as Salesforce
// does (docs/salesforce-api.md §9); a double slash inside a path answers
// 404 NOT_FOUND, as Salesforce answers it (restforce/restforce#385), where
// ServeMux would redirect.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if p := r.URL.Path; strings.HasPrefix(p, "//") {
		r2 := r.Clone(r.Context())
		r2.URL.Path = "/" + strings.TrimLeft(p, "/")
		r2.URL.RawPath = ""
		r = r2
	}
	if strings.Contains(r.URL.Path, "//") {
		writeError(w, http.StatusNotFound, "NOT_FOUND", "The requested resource does not exist")
		return
	}
	s.mux.ServeHTTP(w, r)
}

// Org is the simulated org behind this server.
func (s *Server) Org() *Org { return s.org }

// IssueAccessToken returns a ready session id for the org's first user, as a
// script using a session from `sf org display` would have (no refresh token).
func (s *Server) IssueAccessToken() string {
	return s.sessions.issueAccess(s.accessTokenPrefix(), s.defaultUser(), nil, s.now())
}

// ExpireAccessTokens ends every session now, as a session timeout would.
func (s *Server) ExpireAccessTokens() { s.sessions.expireAccess() }

// RevokeRefreshTokens invalidates every refresh token; access tokens already
// issued stay valid until they expire, so a client discovers the revocation
// on its next refresh (invalid_grant).
func (s *Server) RevokeRefreshTokens() { s.sessions.revokeAllRefresh() }

func (s *Server) now() time.Time { return time.Now().Add(time.Duration(s.skew.Load())) }

// advanceClock moves the simulator's clock forward (tests age codes and tokens with it).
func (s *Server) advanceClock(d time.Duration) { s.skew.Add(int64(d)) }

// baseURL is this server as the client reached it: instance_url and the
// identity URL point back here.
func baseURL(r *http.Request) string {
	if r.TLS != nil {
		return "https://" + r.Host
	}
	return "http://" + r.Host
}

func (s *Server) defaultUser() string {
	if users := s.org.Users(); len(users) > 0 {
		return users[0]
	}
	return ""
}

// versionInfo is one element of GET /services/data/.
type versionInfo struct {
	Label   string `json:"label"`
	URL     string `json:"url"`
	Version string `json:"version"`
}

// releaseLabel names the release that introduced an API version: three a
// year, v47.0 being Winter '20 (so v62.0 is Winter '25, v31.0 Summer '14).
func releaseLabel(version string) string {
	major, err := strconv.Atoi(strings.TrimSuffix(version, ".0"))
	if err != nil || major < 1 {
		return ""
	}
	season := [...]string{"Winter", "Spring", "Summer"}[(major+1)%3]
	return season + " '" + strconv.Itoa((major+1)/3+4)
}

// serveVersions answers GET /services/data/: no auth, not counted, no limit header.
func (s *Server) serveVersions(w http.ResponseWriter, r *http.Request) {
	versions := append([]string(nil), SupportedVersions()...)
	sort.Slice(versions, func(i, j int) bool { return versionNumber(versions[i]) < versionNumber(versions[j]) })
	list := make([]versionInfo, 0, len(versions))
	for _, v := range versions {
		list = append(list, versionInfo{Label: releaseLabel(v), URL: "/services/data/v" + v, Version: v})
	}
	writeJSON(w, http.StatusOK, list)
}

func versionNumber(v string) float64 {
	f, _ := strconv.ParseFloat(v, 64)
	return f
}

// serveAPI is the REST pipeline: version, session, quota, count, limit
// header, faults, then limits or the org's data endpoints.
func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request) {
	version, ok := strings.CutPrefix(r.PathValue("version"), "v")
	rest := r.PathValue("rest")
	if !ok || !supportedVersion(version) {
		s.setLimitHeader(w)
		writeError(w, http.StatusNotFound, "NOT_FOUND", "The requested resource does not exist")
		return
	}
	if _, ok := s.sessions.validAccess(bearerToken(r), s.now(), s.opts.AccessTokenTTL); !ok {
		s.setLimitHeader(w)
		writeInvalidSession(w)
		return
	}
	if s.opts.APIDisabled {
		writeAPIDisabled(w)
		return
	}
	if !s.quota.take() {
		s.setLimitHeader(w)
		writeLimitExceeded(w)
		return
	}
	s.setLimitHeader(w)
	endpoint := classifyEndpoint(r.Method, rest)
	next := func(w http.ResponseWriter, r *http.Request) {
		if endpoint == "limits" && s.opts.NoViewSetup {
			writeNoViewSetup(w)
			return
		}
		if endpoint == "limits" {
			s.serveLimits(w)
			return
		}
		if endpoint == "jobs" && r.Method == http.MethodPost {
			s.serveJobCreate(w, r, version, rest)
			return
		}
		if endpoint == "composite" {
			r = s.withSubFaults(r)
		}
		s.org.ServeData(w, r, version, rest)
	}
	s.withFaults(endpoint, w, r, next)
}

// bearerToken reads "Authorization: Bearer …" (Salesforce also accepts "OAuth …").
func bearerToken(r *http.Request) string {
	auth := r.Header.Get("Authorization")
	for _, scheme := range []string{"Bearer ", "OAuth "} {
		if tok, ok := strings.CutPrefix(auth, scheme); ok {
			return strings.TrimSpace(tok)
		}
	}
	return ""
}

func writeInvalidSession(w http.ResponseWriter) {
	writeError(w, http.StatusUnauthorized, "INVALID_SESSION_ID", "Session expired or invalid")
}

// classifyEndpoint names a REST request for fault matching.
func classifyEndpoint(method, rest string) string {
	rest = strings.TrimSuffix(rest, "/")
	parts := strings.Split(rest, "/")
	switch parts[0] {
	case "query", "queryAll":
		if len(parts) > 1 {
			return "queryMore"
		}
		return "query"
	case "composite", "limits":
		return parts[0]
	case "sobjects":
		if len(parts) == 3 && parts[2] == "describe" {
			return "describe"
		}
		return "sobjects"
	case "jobs":
		switch {
		case len(parts) <= 2:
			return "jobs"
		case len(parts) >= 4 && parts[3] == "results":
			return "results"
		case method == http.MethodPatch || method == http.MethodDelete:
			return "abort"
		default:
			return "job"
		}
	}
	return parts[0]
}
