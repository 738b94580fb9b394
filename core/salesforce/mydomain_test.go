package salesforce

import "testing"

// TestMyDomainURL (issue 10): "acme" in the My Domain field is the org
// https://acme.my.salesforce.com; it used to be refused.
func TestMyDomainURL(t *testing.T) {
	ok := map[string]string{
		"acme":                            "https://acme.my.salesforce.com",
		"  Acme ":                         "https://acme.my.salesforce.com",
		"acme--dev.sandbox":               "https://acme--dev.sandbox.my.salesforce.com",
		"acme-dev-ed.develop":             "https://acme-dev-ed.develop.my.salesforce.com",
		"acme.my.salesforce.com":          "https://acme.my.salesforce.com",
		"https://acme.my.salesforce.com/": "https://acme.my.salesforce.com",
		"https://acme.lightning.force.com/lightning/page/home": "https://acme.my.salesforce.com",
		"acme--dev.sandbox.lightning.force.com":                "https://acme--dev.sandbox.my.salesforce.com",
		"https://acme.my.salesforce-setup.com/lightning/setup": "https://acme.my.salesforce.com",
		"http://127.0.0.1:8080":                                "http://127.0.0.1:8080",
		"login.salesforce.com":                                 "https://login.salesforce.com",
	}
	for in, want := range ok {
		if got, err := MyDomainURL(in); err != nil || got != want {
			t.Errorf("MyDomainURL(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "   ", "http://acme.my.salesforce.com", "https://evil.example.com", "acme:99", "-acme"} {
		if got, err := MyDomainURL(bad); err == nil {
			t.Errorf("MyDomainURL(%q) = %q, want an error", bad, got)
		}
	}
}
