package salesforce

import (
	"fmt"
	"net/url"
	"strings"
)

// mydomainSuffixes map the hosts a person may paste from the browser's
// address bar to the org's My Domain login host (docs/salesforce-api.md
// §1.1: https://MyDomainName.my.salesforce.com, sandboxes
// https://MyDomainName--SandboxName.sandbox.my.salesforce.com; Lightning
// pages live on MyDomainName.lightning.force.com and Setup on
// MyDomainName.my.salesforce-setup.com).
var mydomainSuffixes = []struct{ from, to string }{
	{".my.salesforce.com", ".my.salesforce.com"},
	{".my.salesforce-setup.com", ".my.salesforce.com"},
	{".lightning.force.com", ".my.salesforce.com"},
}

// MyDomainURL turns what a person types for the org's My Domain into its
// login URL, https://HOST with no path: a bare name "acme" becomes
// https://acme.my.salesforce.com, "acme--dev.sandbox" becomes
// https://acme--dev.sandbox.my.salesforce.com, a pasted address such as
// https://acme.lightning.force.com/lightning/page/home becomes
// https://acme.my.salesforce.com. The result passes ValidateLoginURL;
// anything else is an error naming the expected form.
func MyDomainURL(input string) (string, error) {
	s := strings.TrimSpace(input)
	if s == "" {
		return "", fmt.Errorf("my domain: empty")
	}
	bare := !strings.Contains(s, "://")
	if bare {
		s = "https://" + s
	}
	u, err := url.Parse(s)
	if err != nil || u.Hostname() == "" {
		return "", fmt.Errorf("my domain %q: not a name or address", input)
	}
	host := strings.ToLower(u.Hostname())
	if isLoopback(host) || host == "login.salesforce.com" || host == "test.salesforce.com" {
		return ValidateLoginURL(u.Scheme + "://" + u.Host)
	}
	host, ok := mydomainHost(host, bare)
	if !ok {
		return "", fmt.Errorf("my domain %q: not a My Domain name (acme, acme--dev.sandbox) or address (https://acme.my.salesforce.com)", input)
	}
	if u.Port() != "" {
		host += ":" + u.Port()
	}
	return ValidateLoginURL(u.Scheme + "://" + host)
}

// mydomainKinds are the qualifiers My Domain names carry before
// .my.salesforce.com: sandboxes, Developer Edition, scratch, demo and
// Trailhead Playground orgs.
var mydomainKinds = map[string]bool{"sandbox": true, "develop": true, "scratch": true, "demo": true, "trailblaze": true}

// mydomainHost maps a host to the My Domain login host. A bare entry (typed
// without a scheme) with no Salesforce suffix is the My Domain name itself:
// one name, optionally with a kind ("acme--dev.sandbox").
func mydomainHost(host string, bare bool) (string, bool) {
	for _, sfx := range mydomainSuffixes {
		if name, ok := strings.CutSuffix(host, sfx.from); ok {
			return name + sfx.to, true
		}
	}
	name, kind, qualified := strings.Cut(host, ".")
	if !bare || !dnsLabel(name) || (qualified && !mydomainKinds[kind]) {
		return "", false
	}
	return host + ".my.salesforce.com", true
}

// dnsLabel: letters, digits and hyphens, neither first nor last a hyphen.
func dnsLabel(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

// ExternalClientAppManagerPath is Setup's External Client App Manager
// (hardisgroupcom/sfdx-hardis src/common/utils/refresh/externalClientAppUtils.ts
// opens `${instanceUrl}/lightning/setup/ManageExternalClientApplication/home`).
const ExternalClientAppManagerPath = "/lightning/setup/ManageExternalClientApplication/home"

// ExternalClientAppManagerURL is that page on the org's My Domain, or on a
// login host, which signs the person in and then goes to the path on their
// org (as package install links do:
// https://login.salesforce.com/packaging/installPackage.apexp?p0=…,
// terrasky-sol/terrasky-twilio-manual docs/packageInstall.md).
func ExternalClientAppManagerURL(loginURL string) string {
	return strings.TrimRight(loginURL, "/") + ExternalClientAppManagerPath
}
