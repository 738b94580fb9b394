package salesforce

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Config builds a Client.
type Config struct {
	// Token holds the session. InstanceURL and RefreshToken are enough: the
	// client refreshes before its first call when AccessToken is empty.
	Token Token
	// OAuth refreshes the access token on 401 INVALID_SESSION_ID; nil means
	// no refresh (the 401 is returned).
	OAuth *OAuth
	// OnRefreshToken receives a rotated refresh token so the caller can store
	// it (keyring). If it fails, the error is returned and saving is retried
	// before the next call.
	OnRefreshToken func(refreshToken string) error
	HTTPClient     *http.Client // nil = a client with sane transport defaults
	Version        string       // API version, default APIVersion
	Retry          RetryPolicy
	Poll           PollPolicy
	// RequestTimeout bounds one attempt, reading the body included
	// (default 5 min); a timed-out attempt is retried.
	RequestTimeout time.Duration
	// BulkMaxRecords is maxRecords per Bulk results page (default
	// DefaultBulkMaxRecords).
	BulkMaxRecords int
	// Now is the client's clock for usage figures (nil: time.Now).
	Now func() time.Time
}

// Client talks to one org's instance_url with a pinned API version. It is
// safe for concurrent use. The access token lives only in its memory.
type Client struct {
	hc             *http.Client
	oauth          *OAuth
	onRefreshToken func(string) error
	version        string
	retry          RetryPolicy
	poll           PollPolicy
	reqTimeout     time.Duration
	bulkMaxRecords int
	now            func() time.Time

	mu           sync.Mutex // guards the session fields below
	access       string
	refresh      string
	instance     string
	unsavedToken string // rotated refresh token whose save failed

	refreshMu sync.Mutex // one refresh at a time
	usage     usage
	total     CallCounter
}

// NewClient builds a Client from a token.
func NewClient(cfg Config) (*Client, error) {
	t := cfg.Token
	if t.InstanceURL == "" && (cfg.OAuth == nil || t.AccessToken != "") {
		// Without an access token the first refresh supplies instance_url.
		return nil, errors.New("new client: token without instance_url")
	}
	if t.AccessToken == "" && (cfg.OAuth == nil || t.RefreshToken == "" && cfg.OAuth.Renew == nil) {
		return nil, errors.New("new client: need an access token or a refresh token with OAuth")
	}
	c := &Client{
		hc:             cfg.HTTPClient,
		oauth:          cfg.OAuth,
		onRefreshToken: cfg.OnRefreshToken,
		version:        cfg.Version,
		retry:          cfg.Retry.withDefaults(),
		poll:           cfg.Poll.withDefaults(),
		reqTimeout:     cfg.RequestTimeout,
		bulkMaxRecords: cfg.BulkMaxRecords,
		now:            cfg.Now,
		access:         t.AccessToken,
		refresh:        t.RefreshToken,
		instance:       strings.TrimRight(t.InstanceURL, "/"),
	}
	if c.hc == nil {
		c.hc = &http.Client{Transport: http.DefaultTransport}
	}
	if c.version == "" {
		c.version = APIVersion
	}
	if c.reqTimeout <= 0 {
		c.reqTimeout = 5 * time.Minute
	}
	if c.bulkMaxRecords <= 0 {
		c.bulkMaxRecords = DefaultBulkMaxRecords
	}
	if c.now == nil {
		c.now = time.Now
	}
	return c, nil
}

// Version is the pinned API version, e.g. "62.0".
func (c *Client) Version() string { return c.version }

// InstanceURL is the org's instance, which may change on refresh.
func (c *Client) InstanceURL() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.instance
}

// TotalCalls counts every API call this client made.
func (c *Client) TotalCalls() *CallCounter { return &c.total }

// dataPath is the path of a versioned resource, e.g. "sobjects".
func (c *Client) dataPath(rest string) string {
	return "/services/data/v" + c.version + "/" + rest
}

// call describes one API request.
type call struct {
	method      string
	path        string // absolute path on the instance, may carry a query
	query       url.Values
	body        []byte
	contentType string
	accept      string
	uncounted   bool // GET /services/data/ is free and needs no session
}

// do runs cl with retries and at most one token refresh. read consumes a 2xx
// response; if it fails with a transient error (truncated body, reset,
// timeout) the whole call is repeated, so read must not hand data out before
// it has read everything. The context's WithBeforeCall hook runs before
// every attempt of a counted call.
func (c *Client) do(ctx context.Context, cl call, read func(*http.Response) error) error {
	if !cl.uncounted {
		if err := c.ensureSession(ctx); err != nil {
			return err
		}
	}
	refreshed := false
	for attempt := 1; ; {
		if !cl.uncounted {
			if err := c.admit(ctx); err != nil {
				return err
			}
		}
		used, err := c.once(ctx, cl, read, attempt > 1)
		if err == nil {
			return nil
		}
		if !cl.uncounted && expiredSession(err) {
			if refreshed || c.oauth == nil {
				return c.sessionGone(err)
			}
			refreshed = true
			if rerr := c.refreshSession(ctx, used); rerr != nil {
				return rerr
			}
			continue // the replay is a new call but not a retry of a transient failure
		}
		if err := c.waitToRetry(ctx, err, attempt); err != nil {
			return err
		}
		attempt++
	}
}

// expiredSession reports a 401 INVALID_SESSION_ID: the access token expired
// or was revoked.
func expiredSession(err error) bool {
	var ae *APIError
	return errors.As(err, &ae) && ae.Status == http.StatusUnauthorized && ae.Code == CodeInvalidSession
}

// waitToRetry sleeps before attempt+1 of a call that failed with err, and
// returns nil; it returns err itself when err is not transient or attempt
// was the last, and err with the reason when the wait was cut short. API
// errors wait as apiWait says (Retry-After, concurrency limits), others back
// off.
func (c *Client) waitToRetry(ctx context.Context, err error, attempt int) error {
	wait, transient := c.retry.backoff(attempt), retryableErr(ctx, err)
	var ae *APIError
	if errors.As(err, &ae) {
		wait, transient = c.retry.apiWait(ae, attempt)
	}
	if !transient || attempt >= c.retry.Attempts {
		return err
	}
	if serr := c.retry.Sleep(ctx, wait); serr != nil {
		return fmt.Errorf("%w (gave up waiting to retry: %w)", err, serr)
	}
	return nil
}

// sessionGone is a 401 INVALID_SESSION_ID that a refresh cannot cure.
func (c *Client) sessionGone(err error) error {
	if c.oauth == nil {
		// A session made from an access token alone cannot be renewed.
		return fmt.Errorf("%w: the access token expired or was revoked and there is no refresh token to renew it: %w", ErrReauthorize, err)
	}
	if c.oauth.Renew != nil {
		// The program that keeps the session gave one Salesforce refuses.
		return fmt.Errorf("%w: Salesforce refuses the session it was given: %w", ErrReauthorize, err)
	}
	return err
}

// once makes one HTTP attempt and returns the access token it used.
func (c *Client) once(ctx context.Context, cl call, read func(*http.Response) error, isRetry bool) (string, error) {
	actx, cancel := context.WithTimeout(ctx, c.reqTimeout)
	defer cancel()
	var flight *landing
	if !cl.uncounted { // admitted by do
		flight = &landing{c: c}
		defer flight.land(nil)
	}
	c.mu.Lock()
	token, instance := c.access, c.instance
	c.mu.Unlock()

	target := instance + cl.path
	if len(cl.query) > 0 {
		sep := "?"
		if strings.Contains(cl.path, "?") {
			sep = "&"
		}
		target += sep + cl.query.Encode()
	}
	var body io.Reader
	if cl.body != nil {
		body = bytes.NewReader(cl.body)
	}
	req, err := http.NewRequestWithContext(actx, cl.method, target, body)
	if err != nil {
		return token, fmt.Errorf("build request: %w", err)
	}
	if !cl.uncounted {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if cl.contentType != "" {
		req.Header.Set("Content-Type", cl.contentType)
	}
	accept := cl.accept
	if accept == "" {
		accept = "application/json"
	}
	req.Header.Set("Accept", accept)

	if !cl.uncounted {
		// Count each request actually written: net/http silently re-sends an
		// idempotent request whose reused connection was reset, and the
		// server counts that one too.
		var written atomic.Int32
		req = req.WithContext(httptrace.WithClientTrace(actx, &httptrace.ClientTrace{
			WroteRequest: func(httptrace.WroteRequestInfo) {
				c.count(ctx, isRetry || written.Add(1) > 1)
			},
		}))
	}
	resp, err := c.hc.Do(req)
	if flight != nil && err == nil {
		flight.land(resp.Header) // the figure shows the call before it stops counting as on its way
	}
	if err != nil {
		return token, scrubURLError(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
		ae := decodeAPIError(resp.StatusCode, b)
		ae.RetryAfter = retryAfter(resp.Header, c.now())
		return token, ae
	}
	if err := read(resp); err != nil {
		return token, err
	}
	return token, nil
}

func (c *Client) count(ctx context.Context, isRetry bool) {
	for _, cc := range append(countersOf(ctx), &c.total) {
		cc.calls.Add(1)
		if isRetry {
			cc.retries.Add(1)
		}
	}
}

// ensureSession gets a first access token when built from a refresh token
// only, and retries saving a rotated refresh token that failed to save.
func (c *Client) ensureSession(ctx context.Context) error {
	c.mu.Lock()
	access, unsaved := c.access, c.unsavedToken
	c.mu.Unlock()
	if unsaved != "" {
		if err := c.saveRefreshToken(unsaved); err != nil {
			return err
		}
	}
	if access == "" {
		return c.refreshSession(ctx, "")
	}
	return nil
}

// refreshSession replaces the access token unless another goroutine already
// replaced the stale one.
func (c *Client) refreshSession(ctx context.Context, stale string) error {
	c.refreshMu.Lock()
	defer c.refreshMu.Unlock()
	c.mu.Lock()
	current, refresh := c.access, c.refresh
	c.mu.Unlock()
	if current != stale {
		return nil
	}
	if c.oauth == nil {
		return errors.New("access token expired and no OAuth configured to refresh it")
	}
	tok, err := c.oauth.Refresh(ctx, refresh)
	if err != nil {
		return err
	}
	for _, cc := range append(countersOf(ctx), &c.total) {
		cc.refreshes.Add(1)
	}
	c.mu.Lock()
	c.access = tok.AccessToken
	if tok.InstanceURL != "" {
		c.instance = tok.InstanceURL
	}
	rotated := tok.RefreshToken != "" && tok.RefreshToken != refresh
	if rotated {
		c.refresh = tok.RefreshToken
	}
	c.mu.Unlock()
	if rotated {
		return c.saveRefreshToken(tok.RefreshToken)
	}
	return nil
}

func (c *Client) saveRefreshToken(rt string) error {
	if c.onRefreshToken == nil {
		return nil
	}
	err := c.onRefreshToken(rt)
	c.mu.Lock()
	defer c.mu.Unlock()
	if err != nil {
		c.unsavedToken = rt
		return fmt.Errorf("save rotated refresh token: %w", err)
	}
	if c.unsavedToken == rt {
		c.unsavedToken = ""
	}
	return nil
}

// getJSON GETs a versioned or absolute path and decodes the JSON answer.
func (c *Client) getJSON(ctx context.Context, path string, q url.Values, out any) error {
	return c.do(ctx, call{method: http.MethodGet, path: path, query: q}, jsonReader(out))
}

// sendJSON sends in as JSON and decodes the answer into out (if not nil).
func (c *Client) sendJSON(ctx context.Context, method, path string, in, out any) error {
	b, err := json.Marshal(in)
	if err != nil {
		return fmt.Errorf("encode request: %w", err)
	}
	return c.do(ctx, call{method: method, path: path, body: b, contentType: "application/json"}, jsonReader(out))
}

// jsonReader reads the whole body first, so a truncated body is a transport
// error (retried) rather than half-decoded data.
func jsonReader(out any) func(*http.Response) error {
	return func(resp *http.Response) error {
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			return err
		}
		if out == nil || resp.StatusCode == http.StatusNoContent {
			return nil
		}
		if err := json.Unmarshal(b, out); err != nil {
			var se *json.SyntaxError
			if errors.As(err, &se) || errors.Is(err, io.ErrUnexpectedEOF) {
				return fmt.Errorf("%w: %w", errTruncated, err)
			}
			return fmt.Errorf("decode response: %w", err)
		}
		return nil
	}
}
