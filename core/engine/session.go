package engine

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/sfsync/sfsync/core/fields"
	"github.com/sfsync/sfsync/core/salesforce"
	"github.com/sfsync/sfsync/core/secrets"
	"github.com/sfsync/sfsync/core/store"
	"github.com/sfsync/sfsync/core/wording"
)

// session is a live connection: the client (which alone holds the access
// token), the OAuth flow for refresh and revoke (nil for a session made
// from an access token), and the clock fed by its responses. cliOrg is set
// for a session the Salesforce CLI keeps: its oauth asks the CLI (Renew).
type session struct {
	client *salesforce.Client
	oauth  *salesforce.OAuth
	clock  *serverClock
	cliOrg string
}

// beforeRun makes a session the Salesforce CLI keeps ask it for the
// current token at the run's first call: the CLI refreshes its own tokens
// and may have replaced the one sfsync last had.
func (s *session) beforeRun() {
	if s.cliOrg != "" {
		s.client.DropAccessToken()
	}
}

// reauthDetail is the Error detail when Salesforce no longer accepts the
// session.
func (s *session) reauthDetail() string {
	if s.cliOrg != "" {
		return cliReauthDetail(s.cliOrg)
	}
	return reauthDetailFor(s.oauth == nil)
}

// reauthReason is why this session no longer works (State.ReauthReason).
func (s *session) reauthReason() string {
	if s.cliOrg != "" {
		return cliReauthReason(s.cliOrg)
	}
	return reauthReasonFor(s.oauth == nil)
}

// cliReauthReason: the Salesforce CLI has no working session for target.
func cliReauthReason(target string) string {
	return "The Salesforce CLI has no working session for " + target + " (logged out, or its sign-in expired)."
}

// cliReauthDetail is cliReauthReason with the window's way back.
func cliReauthDetail(target string) string {
	return cliReauthReason(target) + " Log the CLI in again (sf org login web --alias " + target +
		"), then choose Sync now; sfsync keeps no sign-in of its own for this org."
}

// cliOAuth renews a session from the Salesforce CLI's: no token of
// sfsync's own exists, so nothing is stored or revoked.
func (e *Engine) cliOAuth(target string) *salesforce.OAuth {
	return &salesforce.OAuth{Renew: func(ctx context.Context) (*salesforce.Token, error) {
		if e.cfg.CLISession == nil {
			return nil, errors.New("the Salesforce CLI is not available to this sfsync")
		}
		tok, err := e.cfg.CLISession(ctx, target)
		if err != nil {
			return nil, fmt.Errorf("ask the Salesforce CLI for %s: %w", target, err)
		}
		return &tok, nil
	}}
}

// newSession builds a client around tok. The rotated refresh token is saved
// through Secrets by the client's callback.
// The client's waits (retry backoffs) run on the engine's clock.
func (e *Engine) newSession(tok salesforce.Token, oauth *salesforce.OAuth, set store.SourceSettings) (*session, error) {
	clock := &serverClock{now: e.now}
	hc := wrapClient(e.cfg.HTTPClient, clock)
	if oauth != nil {
		oauth.HTTPClient = hc
	}
	retry, poll := e.cfg.Retry, e.cfg.Poll
	if retry.Sleep == nil {
		retry.Sleep = e.sleep
	}
	if poll.Sleep == nil {
		poll.Sleep = e.sleep
	}
	cl, err := salesforce.NewClient(salesforce.Config{
		Token: tok, OAuth: oauth, HTTPClient: hc,
		OnRefreshToken: func(rt string) error { return e.cfg.Secrets.Set(RefreshTokenKey, rt) },
		Retry:          retry, Poll: poll, BulkMaxRecords: set.MaxRecords, Now: e.now,
	})
	if err != nil {
		return nil, err
	}
	if set.Usage != nil {
		cl.SetQuota(quotaOf(*set.Usage))
	}
	return &session{client: cl, oauth: oauth, clock: clock}, nil
}

// usage is the session's last known usage for the store (nil: none).
func (s *session) usage() *store.Usage {
	if q, ok := s.client.Quota(); ok {
		return usageOf(q)
	}
	return nil
}

// loginURL is the login host for a connect choice.
func loginURL(env Env, custom string) (string, error) {
	switch env {
	case EnvProduction, "":
		return salesforce.ProductionLoginURL, nil
	case EnvSandbox:
		return salesforce.SandboxLoginURL, nil
	case EnvMyDomain, EnvCustom:
		if custom == "" {
			return "", errors.New("connect: enter the org's My Domain URL (https://yourdomain.my.salesforce.com)")
		}
		if env == EnvMyDomain {
			return salesforce.MyDomainURL(custom) // "acme" is https://acme.my.salesforce.com
		}
		return salesforce.ValidateLoginURL(custom)
	}
	return "", fmt.Errorf("connect: unknown environment %q", env)
}

func (e *Engine) oauthFor(env Env, custom, clientID string, port int) (*salesforce.OAuth, error) {
	u, err := loginURL(env, custom)
	if err != nil {
		return nil, err
	}
	o, err := salesforce.NewOAuth(u, clientID)
	if err != nil {
		return nil, err
	}
	switch {
	case port < 0:
		o.Port = 0
	case port > 0:
		o.Port = port
	}
	if e.cfg.OpenURL != nil {
		o.OpenURL = e.cfg.OpenURL
	}
	if e.cfg.LoginTimeout > 0 {
		o.Timeout = e.cfg.LoginTimeout
	}
	return o, nil
}

// restore rebuilds state and session from the store and Secrets.
func (e *Engine) restore() error {
	set, found, err := e.st.Settings()
	if err != nil {
		return err
	}
	st := State{Status: StatusNotConnected, Counts: map[string]int{}}
	applySettings(&st, set)
	if err := e.refreshCounts(&st); err != nil {
		return err
	}
	if runs, err := e.st.Runs(50); err == nil {
		for _, r := range runs {
			if r.Result == resultOK {
				st.LastSync = r.End
				break
			}
		}
	}
	connected := found && set.InstanceURL != "" && set.Status != savedDisconnected
	if connected {
		st.Status = StatusActive
		e.restoreSession(&st, set)
	}
	e.state = st
	e.mu.Lock()
	e.deriveStatus(&e.state)
	e.mu.Unlock()
	return nil
}

func (e *Engine) restoreSession(st *State, set store.SourceSettings) {
	reauth := func(reason, detail string) {
		st.Status, st.NeedsReauth, st.Detail, st.ReauthReason = StatusError, true, detail, reason
	}
	cliSession := set.LoginHost == EnvSFCLI
	tokenSession := set.ClientID == "" && !cliSession
	if set.Status == savedReauth && cliSession {
		reauth(cliReauthReason(set.CLIOrg), cliReauthDetail(set.CLIOrg))
		return
	}
	if set.Status == savedReauth {
		reauth(reauthReasonFor(tokenSession), reauthDetailFor(tokenSession))
		return
	}
	var err error
	switch {
	case e.cfg.NoSession: // the status comes from the store alone
	case cliSession: // nothing in the keyring: the CLI is asked at the first call
		e.sess, err = e.newSession(salesforce.Token{InstanceURL: set.InstanceURL}, e.cliOAuth(set.CLIOrg), set)
		if err == nil {
			e.sess.cliOrg = set.CLIOrg
		}
	case tokenSession:
		at, gerr := e.cfg.Secrets.Get(AccessTokenKey)
		if gerr != nil || at == "" {
			why := "The access token sfsync was given for " + orgLabel(set) + " is not in the system keyring."
			reauth(why, why+" "+tokenReconnectHint)
			return
		}
		e.sess, err = e.newSession(salesforce.Token{AccessToken: at, InstanceURL: set.InstanceURL}, nil, set)
	default:
		rt, gerr := e.cfg.Secrets.Get(RefreshTokenKey)
		if gerr != nil || rt == "" {
			why := "sfsync's Salesforce sign-in for " + orgLabel(set) + " was not found in the system keyring."
			reauth(why, why+" Choose Reauthorize in Settings to sign in again.")
			return
		}
		var oauth *salesforce.OAuth
		oauth, err = e.oauthFor(set.LoginHost, set.LoginURL, set.ClientID, set.CallbackPort)
		if err == nil {
			e.sess, err = e.newSession(salesforce.Token{RefreshToken: rt, InstanceURL: set.InstanceURL}, oauth, set)
		}
	}
	if err != nil {
		st.Status, st.Detail = StatusError, "sfsync could not restore the Salesforce connection: "+err.Error()+". Choose Reauthorize in Settings."
		return
	}
	switch set.Status {
	case savedError:
		st.Status, st.Detail = StatusError, set.LastError
	case savedQuota:
		st.Status, st.Detail = StatusPausedQuota, set.LastError
		e.quotaStop = &quotaError{detail: set.LastError}
	}
}

func applySettings(st *State, set store.SourceSettings) {
	st.OrgID, st.OrgName, st.UserName, st.InstanceURL = set.OrgID, set.OrgName, set.UserName, set.InstanceURL
	st.CLIOrg = set.CLIOrg
	if set.Usage != nil {
		st.Quota = quotaOf(*set.Usage)
	}
	st.Enabled, st.Frequency = set.Enabled, set.Frequency
	st.QuotaThreshold, st.RunCap = float64(set.QuotaThreshold), float64(set.RunCap)
	st.FormulaRefresh, st.SweepEvery = set.FormulaRefresh, set.SweepEvery
	st.Selection = cloneSelection(set.Fields)
	st.LastError = set.LastError
	st.UsersNote = ""
	if set.UsersHidden {
		st.UsersNote = usersHiddenNote(set.Fields)
	}
}

func orgLabel(set store.SourceSettings) string {
	if set.OrgName != "" {
		return set.OrgName
	}
	return "the org"
}

// refreshCounts reads record counts and whether every object finished its
// first sync (has a bookmark).
func (e *Engine) refreshCounts(st *State) error {
	if st.Counts == nil {
		st.Counts = map[string]int{}
	}
	done := 0
	for _, obj := range Objects {
		n, err := e.st.Count(obj)
		if err != nil {
			return err
		}
		st.Counts[obj] = n
		if _, ok, err := e.st.Bookmark(obj); err != nil {
			return err
		} else if ok {
			done++
		}
	}
	st.SetupObjects, st.SetupObjectsDone = len(Objects), done
	st.FirstSyncDone = done == len(Objects)
	return nil
}

// Connect signs in through the browser (OAuth web-server flow with PKCE and
// a loopback redirect), checks the permissions sfsync needs, stores the
// schema and a default field selection. It returns once the connection is
// configured (status Setting up…): the scheduler, if started, begins the
// first sync at once; otherwise call RunOnce or SyncNow. With
// opts.HoldFirstSync the first sync waits for SyncNow or RunOnce.
func (e *Engine) Connect(ctx context.Context, opts ConnectOptions) error {
	if opts.Env == EnvSFCLI {
		return e.connectCLI(ctx, opts)
	}
	return e.submit(ctx, func(ctx context.Context) error {
		was := e.statusLine()
		e.update(false, func(s *State) {
			s.Status, s.Detail = StatusConfiguring, "Waiting for you to sign in to Salesforce in the browser."
		})
		oauth, err := e.oauthFor(opts.Env, opts.LoginURL, opts.ClientID, opts.CallbackPort)
		if err != nil {
			return e.connectFailed(err)
		}
		oauth.HTTPClient = e.cfg.HTTPClient
		tok, err := e.login(ctx, oauth)
		if err != nil {
			return e.signInFailed(err, was)
		}
		if tok.RefreshToken == "" {
			return e.connectFailed(errors.New("salesforce returned no refresh token: give the External Client App the refresh_token scope"))
		}
		if err := e.cfg.Secrets.Set(RefreshTokenKey, tok.RefreshToken); err != nil {
			return e.connectFailed(fmt.Errorf("save the sign-in to the system keyring: %w", err))
		}
		e.update(false, func(s *State) { s.Detail = "Signed in. Checking permissions…" })
		loginHost := opts.Env
		if loginHost == "" {
			loginHost = EnvProduction
		}
		set := store.SourceSettings{LoginHost: loginHost, LoginURL: oauth.LoginURL, ClientID: opts.ClientID, CallbackPort: opts.CallbackPort}
		if err := e.configure(ctx, *tok, oauth, set, opts.HoldFirstSync); err != nil {
			return err
		}
		// A browser sign-in replaces an access-token session.
		if err := e.cfg.Secrets.Delete(AccessTokenKey); err != nil && !errors.Is(err, secrets.ErrNotFound) {
			e.log.Warn("remove the previous access token from the keyring", "err", err)
		}
		return nil
	})
}

// login waits for the browser sign-in while serving state changes (a
// setter must not wait minutes for the person).
func (e *Engine) login(ctx context.Context, oauth *salesforce.OAuth) (*salesforce.Token, error) {
	var (
		tok  *salesforce.Token
		err  error
		done = make(chan struct{})
	)
	go func() {
		defer close(done)
		tok, err = oauth.Login(ctx)
	}()
	e.serveUntil(done)
	return tok, err
}

// Reauthorize signs in again with the stored connection choices (for a
// session the Salesforce CLI keeps: asks the CLI again).
func (e *Engine) Reauthorize(ctx context.Context) error {
	set, found, err := e.st.Settings()
	if err != nil {
		return err
	}
	if found && set.LoginHost == EnvSFCLI && set.CLIOrg != "" {
		return e.Connect(ctx, ConnectOptions{Env: EnvSFCLI, TargetOrg: set.CLIOrg})
	}
	if !found || set.ClientID == "" {
		return fmt.Errorf("reauthorize: %w: choose Connect", ErrNotConnected)
	}
	return e.Connect(ctx, ConnectOptions{Env: set.LoginHost, LoginURL: set.LoginURL, ClientID: set.ClientID, CallbackPort: set.CallbackPort})
}

// ConnectWithToken connects with an existing access token (like
// `sf org login access-token`), for scripts. The token is kept in Secrets
// (AccessTokenKey; never in the store) so a new Engine on the same store
// resumes the session. There is no refresh token: when the token expires
// the source shows Error with NeedsReauth, and the person connects again
// with a new token. Disconnect revokes and deletes it.
func (e *Engine) ConnectWithToken(ctx context.Context, instanceURL, accessToken string) error {
	return e.submit(ctx, func(ctx context.Context) error {
		e.update(false, func(s *State) { s.Status, s.Detail = StatusConfiguring, "Checking permissions…" })
		u, err := url.Parse(strings.TrimRight(instanceURL, "/"))
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return e.connectFailed(fmt.Errorf("instance URL %q: not an http(s) URL", instanceURL))
		}
		if accessToken == "" {
			return e.connectFailed(errors.New("empty access token"))
		}
		tok := salesforce.Token{AccessToken: accessToken, InstanceURL: u.String()}
		set := store.SourceSettings{LoginHost: EnvCustom, LoginURL: u.String()}
		if err := e.configure(ctx, tok, nil, set, false); err != nil {
			return err
		}
		if err := e.cfg.Secrets.Set(AccessTokenKey, accessToken); err != nil {
			// Connected for this process; a restart will ask for a token again.
			e.log.Warn("keep the access token in the keyring", "err", err)
		}
		// An access-token session replaces a browser sign-in.
		if err := e.cfg.Secrets.Delete(RefreshTokenKey); err != nil && !errors.Is(err, secrets.ErrNotFound) {
			e.log.Warn("remove the previous sign-in from the keyring", "err", err)
		}
		return nil
	})
}

// configure checks identity and permissions on a fresh session and makes it
// the engine's. set carries the login choices; the rest is filled here.
// hold keeps a first sync waiting for SyncNow (ConnectOptions.HoldFirstSync).
func (e *Engine) configure(ctx context.Context, tok salesforce.Token, oauth *salesforce.OAuth, set store.SourceSettings, hold bool) error {
	prev, found, err := e.st.Settings()
	if err != nil {
		return e.connectFailed(err)
	}
	// A new session learns usage afresh (/limits below): prev may be another org's.
	sess, err := e.newSession(tok, oauth, store.SourceSettings{MaxRecords: prev.MaxRecords})
	if err != nil {
		return e.connectFailed(err)
	}
	sess.cliOrg = set.CLIOrg
	who, err := e.identity(ctx, sess, tok)
	if err != nil {
		return e.connectFailed(err)
	}
	if err := e.checkPermissions(ctx, sess, who.UserName); err != nil {
		return e.connectFailed(err)
	}
	name, hidden, err := orgFacts(ctx, sess)
	if err != nil {
		e.log.Info("organization name unavailable; showing the instance host", "err", err)
	} else {
		who.OrgName = name
	}
	if found && prev.OrgID != "" && prev.OrgID != who.OrgID {
		// Another org: its records must not mix with the old org's.
		if err := e.st.DeleteSourceData(); err != nil {
			return e.connectFailed(err)
		}
		prev = store.SourceSettings{}.WithDefaults()
	}
	cat, err := e.catalog()
	if err != nil || cat == nil {
		return e.connectFailed(fmt.Errorf("read the org's fields: %w", cmp.Or(err, errors.New("no describe cached"))))
	}
	var sel fields.Selection
	if len(prev.Fields) > 0 {
		sel = completeSelection(cat, prev.Fields)
	} else if sel, err = e.defaultSelection(cat); err != nil {
		return e.connectFailed(err)
	}
	saved, err := e.st.UpdateSettings(func(s *store.SourceSettings) {
		s.LoginHost, s.LoginURL, s.ClientID, s.CallbackPort = set.LoginHost, set.LoginURL, set.ClientID, set.CallbackPort
		s.CLIOrg = set.CLIOrg
		s.InstanceURL = sess.client.InstanceURL()
		s.OrgID, s.OrgName, s.UserName = who.OrgID, who.OrgName, who.UserName
		s.Fields, s.UsersHidden = sel, hidden
		s.Usage = sess.usage() // read by /limits in checkPermissions
		if !found || prev.Status == savedDisconnected || prev.Status == "" {
			s.Enabled = true
		}
		s.Status, s.LastError, s.UpdatedAt = savedSetup, "", e.now()
	})
	if err != nil {
		return e.connectFailed(err)
	}
	e.mu.Lock()
	e.sess, e.counts = sess, nil
	e.quotaStop, e.notified = nil, 0
	e.lastTry = time.Time{} // the scheduler (if started) syncs at once
	e.held = false
	e.mu.Unlock()
	e.update(true, func(s *State) {
		applySettings(s, saved)
		s.Status, s.Detail, s.NeedsReauth, s.FirstSyncHeld, s.ReauthReason = StatusActive, "", false, false, ""
		_ = e.refreshCounts(s)
		e.deriveStatus(s)
		if hold && !s.FirstSyncDone {
			e.held = true // update runs change under e.mu
			holdFirstSync(s)
		}
	})
	return nil
}

// connectFailed shows a failed connect as Error and returns err.
func (e *Engine) connectFailed(err error) error {
	detail := "Connecting to Salesforce failed: " + err.Error() + ". Fix the cause and choose Connect again."
	var pe *PermissionError
	var ex wording.Explained
	switch {
	case errors.As(err, &pe):
		detail = pe.Error()
	case errors.As(err, &ex):
		detail = ex.Error()
	}
	e.update(false, func(s *State) {
		s.Status, s.Detail = StatusError, detail
		s.LastError = detail
		if e.sess == nil {
			s.NeedsReauth, s.ReauthReason = false, ""
		}
	})
	e.emit(EventError, func(ev *Event) { ev.Err = err })
	return err
}

// statusLine is the badge and its detail at one moment.
type statusLine struct {
	status Status
	detail string
}

func (e *Engine) statusLine() statusLine {
	e.mu.Lock()
	defer e.mu.Unlock()
	return statusLine{e.state.Status, e.state.Detail}
}

// signInFailed ends a browser sign-in that did not complete. One the person
// denied or cancelled changes nothing: the status goes back to what it was
// (Not connected before a first connect), not Error. Any other failure is
// connectFailed's.
func (e *Engine) signInFailed(err error, was statusLine) error {
	if !errors.Is(err, salesforce.ErrAccessDenied) && !errors.Is(err, context.Canceled) {
		return e.connectFailed(err)
	}
	e.update(false, func(s *State) { s.Status, s.Detail = was.status, was.detail })
	e.emit(EventError, func(ev *Event) { ev.Err = err })
	return err
}

// connectCLI connects an org the Salesforce CLI is logged in to: it asks
// the CLI for a session, checks it like a browser sign-in, and keeps
// nothing of its own in the keyring (a previous sign-in's tokens leave it).
// Before each run the CLI is asked again (session.beforeRun).
func (e *Engine) connectCLI(ctx context.Context, opts ConnectOptions) error {
	return e.submit(ctx, func(ctx context.Context) error {
		target := strings.TrimSpace(opts.TargetOrg)
		e.update(false, func(s *State) {
			s.Status, s.Detail = StatusConfiguring, "Asking the Salesforce CLI for its session of "+target+"…"
		})
		if target == "" {
			return e.connectFailed(errors.New("choose an org the Salesforce CLI is logged in to"))
		}
		oauth := e.cliOAuth(target)
		tok, err := oauth.Renew(ctx)
		if err != nil {
			return e.connectFailed(err)
		}
		e.update(false, func(s *State) { s.Detail = "Got the Salesforce CLI's session. Checking permissions…" })
		set := store.SourceSettings{LoginHost: EnvSFCLI, CLIOrg: target}
		if err := e.configure(ctx, *tok, oauth, set, opts.HoldFirstSync); err != nil {
			return err
		}
		for _, key := range []string{RefreshTokenKey, AccessTokenKey} {
			if err := e.cfg.Secrets.Delete(key); err != nil && !errors.Is(err, secrets.ErrNotFound) {
				e.log.Warn("remove the previous sign-in from the keyring", "err", err)
			}
		}
		return nil
	})
}
