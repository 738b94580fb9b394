package wording

import (
	"fmt"
	"net"
	"strings"
	"testing"
)

// TestConnectErrorSaysAnUnreachableAddressInWords: an instance or login
// address nothing answers on is one sentence naming the address and what
// to check, in each face; it was "Connecting to Salesforce failed:
// identity: dial tcp 127.0.0.1:1: connect: connection refused. Fix the
// cause …".
func TestConnectErrorSaysAnUnreachableAddressInWords(t *testing.T) {
	_, derr := net.Dial("tcp", "127.0.0.1:1") // a real refusal on loopback
	if derr == nil {
		t.Fatal("something listens on 127.0.0.1:1")
	}
	// A name that does not resolve, as net's resolver reports it (tests ask
	// no DNS server: loopback only).
	lerr := &net.DNSError{Err: "no such host", Name: "nosuchhost.invalid", IsNotFound: true}
	for _, c := range []struct {
		err  error
		want []string
	}{
		{fmt.Errorf("identity: %w", derr), []string{"127.0.0.1:1", "connection refused"}},
		{fmt.Errorf("identity: %w", lerr), []string{"nosuchhost.invalid", "no such host"}},
	} {
		for face, again := range map[Face]string{CLI: "run `sfsync connect` again", Window: "choose Connect again"} {
			got := ConnectError(c.err, 1717, face)
			for _, w := range append(c.want, "could not reach Salesforce", "network", again) {
				if !strings.Contains(got, w) {
					t.Errorf("ConnectError(%v) = %q: lacks %q", c.err, got, w)
				}
			}
			if strings.Contains(got, "dial tcp") || strings.Contains(got, "identity:") || strings.Contains(got, "lookup ") {
				t.Errorf("ConnectError(%v) = %q: Go's operation chain", c.err, got)
			}
		}
	}
}
