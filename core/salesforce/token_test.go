package salesforce

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestValidateLoginURL(t *testing.T) {
	ok := map[string]string{
		"https://login.salesforce.com":                "https://login.salesforce.com",
		"https://test.salesforce.com/":                "https://test.salesforce.com",
		"https://Acme.my.salesforce.com":              "https://acme.my.salesforce.com",
		"https://acme--uat.sandbox.my.salesforce.com": "https://acme--uat.sandbox.my.salesforce.com",
		"http://127.0.0.1:8080":                       "http://127.0.0.1:8080",
		"http://localhost:1718":                       "http://localhost:1718",
		" https://login.salesforce.com ":              "https://login.salesforce.com",
		"https://acme.my.salesforce.com:443":          "https://acme.my.salesforce.com:443",
		"https://x.y.my.salesforce.com":               "https://x.y.my.salesforce.com",
	}
	for in, want := range ok {
		got, err := ValidateLoginURL(in)
		if err != nil || got != want {
			t.Errorf("ValidateLoginURL(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	bad := []string{
		"http://login.salesforce.com",            // plain http off loopback
		"https://evil.com",                       // not Salesforce
		"https://my.salesforce.com",              // no My Domain label
		"https://acme.my.salesforce.com.evil.io", // suffix trick
		"https://evilmy.salesforce.com",
		"https://login.salesforce.com/services", // path
		"https://u:p@login.salesforce.com",      // credentials
		"ftp://login.salesforce.com",
		"login.salesforce.com",
		"https://acme.my.salesforce.com:8443",
		"",
	}
	for _, in := range bad {
		if got, err := ValidateLoginURL(in); err == nil {
			t.Errorf("ValidateLoginURL(%q) = %q, want error", in, got)
		}
	}
}

func TestTokenNeverPrintsSecrets(t *testing.T) {
	tok := Token{AccessToken: "00Dx!SECRET-ACCESS", RefreshToken: "SECRET-REFRESH",
		InstanceURL: "https://acme.my.salesforce.com", ID: "https://login.salesforce.com/id/00Dx0000000BV7z/005x00000012Q9P",
		IssuedAt: time.UnixMilli(1278448832702)}
	for _, s := range []string{fmt.Sprint(tok), fmt.Sprintf("%v %+v %#v %s", tok, tok, tok, tok), fmt.Sprint(&tok), tok.String()} {
		if strings.Contains(s, "SECRET") {
			t.Fatalf("token printed: %s", s)
		}
		if !strings.Contains(s, "acme.my.salesforce.com") {
			t.Fatalf("token description lost the instance: %s", s)
		}
	}
	if tok.OrgID() != "00Dx0000000BV7z" || tok.UserID() != "005x00000012Q9P" {
		t.Errorf("ids = %q %q", tok.OrgID(), tok.UserID())
	}
}
