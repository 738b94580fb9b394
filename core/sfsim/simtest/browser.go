package simtest

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"testing"
)

var requestIDField = regexp.MustCompile(`name="request_id" value="([^"]+)"`)

// Approve plays the person in a browser on the simulator's authorize page:
// it loads authURL, submits decision ("allow" or "deny") on the page's form
// and follows the redirect to the app's loopback listener, whose page it
// returns. An authorize error page (no form) is an error carrying its status
// and body.
func Approve(authURL, decision string) (status int, body string, err error) {
	u, err := url.Parse(authURL)
	if err != nil {
		return 0, "", err
	}
	resp, err := http.Get(authURL)
	if err != nil {
		return 0, "", err
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := requestIDField.FindSubmatch(page)
	if m == nil {
		return resp.StatusCode, string(page), fmt.Errorf("authorize page without an approval form (HTTP %d)", resp.StatusCode)
	}
	resp, err = http.PostForm(u.Scheme+"://"+u.Host+"/services/oauth2/authorize",
		url.Values{"request_id": {string(m[1])}, "decision": {decision}})
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(out), nil
}

// FreePort finds a loopback port to register as the app's callback: the
// simulator matches redirect URIs exactly, so the port must be known first.
func FreePort(t testing.TB) int {
	t.Helper()
	ln, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}
