package app

import "testing"

// TestClientIDBuiltIn (issue 10): a consumer key built in with -ldflags -X
// (DefaultClientID) is the one proposed, unless $SFSYNC_CLIENT_ID names
// another; without either there is none.
func TestClientIDBuiltIn(t *testing.T) {
	saved := DefaultClientID
	t.Cleanup(func() { DefaultClientID = saved })
	t.Setenv(ClientIDEnv, "")
	DefaultClientID = ""
	if k, built := ClientID(); k != "" || built {
		t.Errorf("plain build: %q built-in %v", k, built)
	}
	DefaultClientID = "3MVGpackaged"
	if k, built := ClientID(); k != "3MVGpackaged" || !built {
		t.Errorf("packaged: %q built-in %v", k, built)
	}
	t.Setenv(ClientIDEnv, " 3MVGown ")
	if k, built := ClientID(); k != "3MVGown" || built {
		t.Errorf("with $%s: %q built-in %v", ClientIDEnv, k, built)
	}
}
