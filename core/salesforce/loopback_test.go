package salesforce

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/sfsync/sfsync/core/sfsim"
)

// rawCallback sends one GET for the redirect path to addr ("127.0.0.1:P",
// "[::1]:P") with the given Host header and query, as a curl or an <img>
// on some web page would, and returns the status and page.
func rawCallback(addr, host, query string) (int, string, error) {
	req, err := http.NewRequest(http.MethodGet, "http://"+addr+DefaultRedirectPath+"?"+query, nil)
	if err != nil {
		return 0, "", err
	}
	req.Host = host
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body), nil
}

type forgery struct {
	name, addr, host, query, page string
}

// forgeries are the requests any local program or web page can make while
// sfsync waits; state is the genuine one, so only the Host is wrong in the
// rebinding case.
func forgeries(port int, state string) []forgery {
	v4 := fmt.Sprintf("127.0.0.1:%d", port)
	local := fmt.Sprintf("localhost:%d", port)
	fs := []forgery{
		{"no state", v4, local, "code=attacker", "state mismatch"},
		{"wrong state", v4, local, "state=0123&code=attacker", "state mismatch"},
		{"forged denial", v4, local, "state=x&error=access_denied", "state mismatch"},
		{"DNS rebinding (right state, foreign Host)", v4, fmt.Sprintf("evil.example:%d", port),
			"state=" + url.QueryEscape(state) + "&code=attacker", "answers only as http://localhost"},
		{"right state, other port in Host", v4, "localhost:1",
			"state=" + url.QueryEscape(state) + "&code=attacker", "answers only as http://localhost"},
	}
	if hasIPv6Loopback() {
		fs = append(fs, forgery{"wrong state over IPv6", fmt.Sprintf("[::1]:%d", port), fmt.Sprintf("[::1]:%d", port),
			"state=0123&code=attacker", "state mismatch"})
	}
	return fs
}

// TestLoginIgnoresForgedCallbacks (issue 11 case 1): forged callbacks get
// an error page and the listener keeps waiting; the genuine callback then
// completes the sign-in.
func TestLoginIgnoresForgedCallbacks(t *testing.T) {
	e := newSimEnv(t, sfsim.Options{})
	approve := e.browser("allow", nil)
	forgedDone := make(chan error, 1)
	e.oauth.OpenURL = func(authURL string) error {
		state := mustQuery(t, authURL).Get("state")
		go func() {
			for _, f := range forgeries(e.oauth.Port, state) {
				status, body, err := rawCallback(f.addr, f.host, f.query)
				if err != nil || status != http.StatusBadRequest || !strings.Contains(body, f.page) || !strings.Contains(body, "still waiting") {
					forgedDone <- fmt.Errorf("%s: %d %v %s", f.name, status, err, body)
					return
				}
			}
			forgedDone <- approve(authURL) // then the person signs in
		}()
		return nil
	}
	tok, err := e.oauth.Login(context.Background())
	if ferr := <-forgedDone; ferr != nil {
		t.Fatalf("forged callback: %v", ferr)
	}
	if err != nil {
		t.Fatalf("the genuine sign-in after forged callbacks: %v", err)
	}
	// Signed in, not "Connected": sfsync has yet to check permissions.
	if p := <-e.pages; p.status != http.StatusOK || !strings.Contains(p.body, "Signed in") || strings.Contains(p.body, "Connected") {
		t.Errorf("browser page %d: %s", p.status, p.body)
	}
	if tok.AccessToken == "" {
		t.Error("no token")
	}
	// One use: once the sign-in is done nothing listens on either address.
	for _, addr := range []string{fmt.Sprintf("127.0.0.1:%d", e.oauth.Port), fmt.Sprintf("[::1]:%d", e.oauth.Port)} {
		if conn, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
			conn.Close()
			t.Errorf("%s still listening after the sign-in", addr)
		}
	}
}

// TestLoginForgedOnlyTimesOut: forged callbacks alone never end the
// sign-in; it ends at its timeout, and the listener answered every one.
func TestLoginForgedOnlyTimesOut(t *testing.T) {
	e := newSimEnv(t, sfsim.Options{})
	e.oauth.Timeout = time.Second
	answered := make(chan int, 8)
	e.oauth.OpenURL = func(authURL string) error {
		go func() {
			for i := 0; i < 3; i++ {
				status, _, err := rawCallback(fmt.Sprintf("127.0.0.1:%d", e.oauth.Port), fmt.Sprintf("localhost:%d", e.oauth.Port), "code=attacker")
				if err != nil {
					status = -1
				}
				answered <- status
			}
		}()
		return nil
	}
	start := time.Now()
	_, err := e.oauth.Login(context.Background())
	if !errors.Is(err, ErrLoginTimeout) || time.Since(start) < e.oauth.Timeout {
		t.Fatalf("after forged callbacks only: %v after %s, want the timeout", err, time.Since(start))
	}
	for i := 0; i < 3; i++ {
		if s := <-answered; s != http.StatusBadRequest {
			t.Errorf("forged callback %d got %d (-1: refused)", i, s)
		}
	}
}

// TestLoginListensOnEveryLocalhostAddress (issue 11 case 2): the redirect
// URI says localhost, so the callback may arrive on [::1] (Chromium tries
// it first): it must reach this Login and nothing else.
func TestLoginListensOnEveryLocalhostAddress(t *testing.T) {
	e := newSimEnv(t, sfsim.Options{})
	if !hasIPv6Loopback() {
		// Where the system has no ::1, browsers cannot use it either: one
		// listener on 127.0.0.1.
		lns, err := e.oauth.listen()
		if err != nil || len(lns) != 1 {
			t.Fatalf("listeners without IPv6: %v %v", lns, err)
		}
		closeAll(lns)
		return
	}
	reached := make(chan error, 1)
	e.oauth.OpenURL = func(authURL string) error {
		state := mustQuery(t, authURL).Get("state")
		go func() {
			// The person denies; the answer reaches the app over IPv6.
			status, body, err := rawCallback(fmt.Sprintf("[::1]:%d", e.oauth.Port), fmt.Sprintf("localhost:%d", e.oauth.Port),
				"state="+url.QueryEscape(state)+"&error=access_denied")
			if err == nil && (status != http.StatusBadRequest || !strings.Contains(body, "access was denied")) {
				err = fmt.Errorf("page %d: %s", status, body)
			}
			reached <- err
		}()
		return nil
	}
	_, err := e.oauth.Login(context.Background())
	if rerr := <-reached; rerr != nil {
		t.Fatalf("the callback over [::1]: %v", rerr)
	}
	if !errors.Is(err, ErrAccessDenied) {
		t.Fatalf("login: %v, want the denial that came over [::1]", err)
	}
}

// TestLoginRefusesWhenIPv6PortTaken: another program listening on
// [::1]:PORT would get the code; connect refuses to start, in one sentence,
// before the browser opens, and leaves nothing listening.
func TestLoginRefusesWhenIPv6PortTaken(t *testing.T) {
	if !hasIPv6Loopback() {
		t.Log("no ::1 on this system: browsers cannot send the sign-in there, nothing to refuse")
		return
	}
	other, err := net.Listen("tcp6", "[::1]:0")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	o, err := NewOAuth(ProductionLoginURL, "id")
	if err != nil {
		t.Fatal(err)
	}
	o.Port = other.Addr().(*net.TCPAddr).Port
	o.OpenURL = func(string) error { t.Error("browser opened although the sign-in could be stolen"); return nil }
	_, err = o.Login(context.Background())
	if !errors.Is(err, ErrRedirectPortTaken) {
		t.Fatalf("login with [::1]:%d taken: %v", o.Port, err)
	}
	msg := err.Error()
	for _, want := range []string{fmt.Sprintf("[::1]:%d", o.Port), "another program",
		fmt.Sprintf("register another callback URL such as http://localhost:%d/OauthRedirect", o.Port+1)} {
		if !strings.Contains(msg, want) {
			t.Errorf("message lacks %q: %s", want, msg)
		}
	}
	if strings.Contains(msg, "<port>") {
		t.Errorf("message has a placeholder instead of a port: %s", msg)
	}
	if conn, err := net.DialTimeout("tcp4", fmt.Sprintf("127.0.0.1:%d", o.Port), time.Second); err == nil {
		conn.Close()
		t.Error("127.0.0.1 is still listening after the refusal")
	}
}
