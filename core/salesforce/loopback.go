package salesforce

import (
	"crypto/subtle"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"syscall"
)

// ErrRedirectPortTaken matches (errors.Is) the error Login returns when
// another program listens on one of localhost's addresses at the redirect
// port: sfsync cannot receive the callback there, and on [::1] the browser
// might hand that program the authorization code.
var ErrRedirectPortTaken = errors.New("the sign-in's port is taken on a localhost address")

// listen binds the redirect port on every loopback address "localhost" has:
// 127.0.0.1 and, where the system has IPv6, [::1]. Browsers resolve
// localhost to both and Chromium tries [::1] first (RFC 6761 §6.3 keeps
// localhost on loopback; RFC 8252 §8.3 on loopback redirects), so a program
// listening on [::1]:PORT alone would receive the callback. If one address
// is taken, Login refuses to start rather than race that program. Nothing
// listens beyond loopback: the code never travels off this machine.
func (o *OAuth) listen() ([]net.Listener, error) {
	if o.Port < 0 || o.Port > 65535 {
		return nil, fmt.Errorf("login: bad redirect port %d", o.Port)
	}
	v6 := hasIPv6Loopback()
	for attempt := 0; ; attempt++ {
		lns, err := o.listenLoopback(o.Port, v6)
		// Port 0: the port the kernel gave on 127.0.0.1 may be someone's on
		// [::1]; any free port will do, so try another.
		if err == nil || o.Port != 0 || attempt == 4 || !errors.Is(err, ErrRedirectPortTaken) {
			return lns, err
		}
	}
}

func (o *OAuth) listenLoopback(port int, v6 bool) ([]net.Listener, error) {
	v4, err := net.Listen("tcp4", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	if errors.Is(err, syscall.EADDRINUSE) {
		return nil, fmt.Errorf("login: %w: another program listens on 127.0.0.1:%d (%w). %s", ErrRedirectPortTaken, port, err, o.portAdvice(port))
	}
	if err != nil {
		return nil, fmt.Errorf("login: cannot listen on 127.0.0.1:%d (%w). %s", port, err, o.portAdvice(port))
	}
	if !v6 {
		return []net.Listener{v4}, nil
	}
	port = v4.Addr().(*net.TCPAddr).Port
	ln6, err := net.Listen("tcp6", net.JoinHostPort("::1", strconv.Itoa(port)))
	if err != nil {
		v4.Close()
		return nil, fmt.Errorf("login: %w: cannot listen on [::1]:%d, the IPv6 address of localhost where the browser "+
			"may send the sign-in; another program probably listens there (%w). %s", ErrRedirectPortTaken, port, err, o.portAdvice(port))
	}
	return []net.Listener{v4, ln6}, nil
}

// portAdvice says what to do about a taken redirect port, with the next
// port as the example of another one.
func (o *OAuth) portAdvice(port int) string {
	other := port%65535 + 1
	return fmt.Sprintf("Close the program using port %d, or register another callback URL such as http://localhost:%d%s "+
		"on the External Client App and connect with port %d", port, other, o.redirectPath(), other)
}

// hasIPv6Loopback reports whether the system has ::1 (containers and some
// hosts run without IPv6; then browsers cannot use it either).
func hasIPv6Loopback() bool {
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		return false
	}
	for _, a := range addrs {
		if ipn, ok := a.(*net.IPNet); ok && ipn.IP.Equal(net.IPv6loopback) {
			return true
		}
	}
	return false
}

func closeAll(lns []net.Listener) {
	for _, ln := range lns {
		_ = ln.Close()
	}
}

// forgedCallback returns why r is not the genuine callback, or "". The
// Host must be a loopback name at our port (a page on another name that
// resolves to 127.0.0.1, DNS rebinding, is refused) and the state must be
// the one this Login sent (RFC 6749 §10.12: anything can make the browser
// request the redirect URI).
func forgedCallback(r *http.Request, state string, port int) string {
	host, p, err := net.SplitHostPort(r.Host)
	loopbackName := strings.EqualFold(host, "localhost") || host == "127.0.0.1" || host == "::1"
	if err != nil || !loopbackName || p != strconv.Itoa(port) {
		return "This address answers only as http://localhost:" + strconv.Itoa(port) +
			"; the request was ignored. sfsync is still waiting for the sign-in in your browser."
	}
	if subtle.ConstantTimeCompare([]byte(r.URL.Query().Get("state")), []byte(state)) != 1 {
		return "This answer does not belong to the sign-in sfsync started (state mismatch), so it was ignored. " +
			"sfsync is still waiting for the sign-in in your browser."
	}
	return ""
}
