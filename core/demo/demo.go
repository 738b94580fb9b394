package demo

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/sfsync/sfsync/core/engine"
	"github.com/sfsync/sfsync/core/salesforce"
	"github.com/sfsync/sfsync/core/sfsim"
	"github.com/sfsync/sfsync/core/store"
)

// ClientID is the consumer key the Demo org registers; a stored source with
// it is the Demo org.
const ClientID = "sfsync-demo"

// Seed is the Demo org's size: a realistic small company of 65,200 records
// (10,000 Accounts with 3 Contacts and 2 Opportunities each, 5,000 Leads,
// 200 Users). Large enough that the first sync's Bulk paging, progress and
// estimate are real; a first sync takes seconds.
func Seed() sfsim.SeedConfig {
	return sfsim.SeedConfig{Users: 200, Accounts: 10_000, ContactsPerAccount: 3,
		OpportunitiesPerAccount: 2, Leads: 5_000, Seed: 1}
}

// Records is how many records a seed makes: Users, Accounts with their
// Contacts and Opportunities, and Leads.
func Records(s sfsim.SeedConfig) int64 {
	return int64(s.Users) + int64(s.Accounts)*int64(1+s.ContactsPerAccount+s.OpportunitiesPerAccount) + int64(s.Leads)
}

// Org is a running Demo org.
type Org struct {
	LoginURL     string // the simulator's base URL on 127.0.0.1
	CallbackPort int    // the loopback callback port it registered
	srv          *http.Server
}

// Start runs the simulator seeded with seed on 127.0.0.1, registering the
// callback on a loopback port that is free now.
func Start(seed sfsim.SeedConfig) (*Org, error) {
	port, err := FreePort()
	if err != nil {
		return nil, err
	}
	return Serve(NewSimulator(seed, port), port)
}

// NewSimulator is the Demo org's simulator: seeded with seed, ClientID
// registered with the callback http://localhost:callbackPort/OauthRedirect.
func NewSimulator(seed sfsim.SeedConfig, callbackPort int) *sfsim.Server {
	return sfsim.New(sfsim.Options{
		ClientID:     ClientID,
		AppName:      "sfsync",
		RedirectURIs: []string{"http://localhost:" + strconv.Itoa(callbackPort) + salesforce.DefaultRedirectPath},
		Org:          sfsim.NewOrg(seed),
	})
}

// Serve serves h (a simulator, possibly wrapped by a test) on a free
// 127.0.0.1 port as the Demo org with the given registered callback port.
func Serve(h http.Handler, callbackPort int) (*Org, error) {
	ln, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("start the Demo org: %w", err)
	}
	o := &Org{LoginURL: "http://" + ln.Addr().String(), CallbackPort: callbackPort,
		srv: &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}}
	go func() { _ = o.srv.Serve(ln) }()
	return o, nil
}

// FreePort asks the OS for a port that is free on 127.0.0.1 now.
func FreePort() (int, error) {
	ln, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("find a free callback port: %w", err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// ConnectOptions are the engine's sign-in choices for this Demo org.
func (o *Org) ConnectOptions() engine.ConnectOptions {
	return engine.ConnectOptions{Env: engine.EnvCustom, LoginURL: o.LoginURL, ClientID: ClientID, CallbackPort: o.CallbackPort}
}

// Stop ends the Demo org: its sessions end with it.
func (o *Org) Stop() { _ = o.srv.Close() }

// requestID finds the authorize page's form field (sfsim's consent page).
var requestID = regexp.MustCompile(`name="request_id" value="([^"]+)"`)

// Allow is the person clicking Allow on the Demo org's authorize page, for
// the command line, which has no browser to show it in: it loads authURL,
// submits Allow and follows the redirect to sfsync's loopback listener.
func (o *Org) Allow(ctx context.Context, authURL string) error {
	page, err := send(ctx, http.MethodGet, authURL, "")
	if err != nil {
		return fmt.Errorf("demo org sign-in: %w", err)
	}
	m := requestID.FindSubmatch(page)
	if m == nil {
		return errors.New("demo org sign-in: the authorize page has no Allow form")
	}
	form := url.Values{"request_id": {string(m[1])}, "decision": {"allow"}}
	if _, err := send(ctx, http.MethodPost, o.LoginURL+"/services/oauth2/authorize", form.Encode()); err != nil {
		return fmt.Errorf("demo org sign-in: %w", err)
	}
	return nil
}

// send makes one request (a form body when body is not empty), following
// redirects, and returns the final page.
func send(ctx context.Context, method, target, body string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, method, target, strings.NewReader(body))
	if err != nil {
		return nil, err
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(io.LimitReader(resp.Body, 1<<20))
}

// EndedDetail is the source's detail once the Demo org it was connected to
// has ended.
const EndedDetail = "The Demo org lives only while sfsync runs: connect to it again. " +
	"The records it synced stay browsable in Records and for export."

// EndedDetailCLI is EndedDetail as the command line says it: its command
// for a new Demo org, and export for the records kept.
const EndedDetailCLI = "The Demo org lives only while sfsync runs: run `sfsync connect --demo` for a new one. " +
	"The records it synced stay for `sfsync export`."

// IsDemo reports whether the stored source is the Demo org.
func IsDemo(set store.SourceSettings) bool {
	return set.LoginHost == store.LoginDemo && set.ClientID == ClientID
}

// Engine is what the lifecycle asks of the sync engine.
type Engine interface {
	State() engine.State
	Forget(ctx context.Context, detail string) error
}

// End signs eng out of the Demo org when it is the stored source: the
// org ends with the process that served it. The records stay; the source
// shows Not connected with EndedDetail (said again after a restart). It
// reports whether it signed out.
// Call it when the app or command that served the Demo org ends, and when
// one starts: a Demo org lives only inside the process that holds the data
// directory, so one found stored at start-up was left by a process that is
// gone (killed before it could end it). At start-up call it before the
// engine's scheduler starts, so no sync tries the dead address.
func End(ctx context.Context, eng Engine, st *store.Store) (bool, error) {
	// A restart forgets the detail but not the settings: say it again.
	if s := eng.State(); s.Status == engine.StatusNotConnected && s.Detail == EndedDetail {
		return false, nil
	}
	set, found, err := st.Settings()
	if err != nil || !found || !IsDemo(set) {
		return false, err
	}
	if err := eng.Forget(ctx, EndedDetail); err != nil {
		return false, fmt.Errorf("sign out of the ended Demo org: %w", err)
	}
	return true, nil
}
