package wording

// Guide is how to get a consumer key without being an admin: what to ask
// the Salesforce admin for and each setting of the External Client App
// (README "Connecting a real org"; docs/salesforce-api.md §1.4).
type Guide struct {
	Ask         string   // what to ask the admin for
	Settings    []string // one setting per line
	Permissions string   // what the signing-in user needs
}

// ConnectGuide is the guide for the callback URL callback
// (CallbackURL(port)).
func ConnectGuide(callback string) Guide {
	return Guide{
		Ask: "Signing in to a real org takes an External Client App, which only a Salesforce admin can create. " +
			"Ask your admin to create one (Setup → External Client App Manager → New External Client App) " +
			"with these settings and to send you its consumer key:",
		Settings: []string{
			"Enable OAuth.",
			"Callback URL: " + callback + " (exactly: localhost, not 127.0.0.1).",
			"OAuth scopes: Manage user data via APIs (api) and Perform requests at any time (refresh_token, offline_access).",
			"Require Proof Key for Code Exchange (PKCE): on.",
			"Require secret for Web Server Flow and Require secret for Refresh Token Flow: off (sfsync is a desktop app with no secret to keep).",
			"Policies → Permitted Users: All users can self-authorize, or add your profile or permission set.",
		},
		Permissions: "Your user needs API Enabled, View Setup and Configuration, View All Users and read access to " +
			"Account, Contact, Lead, Opportunity and User.",
	}
}

// Text is the guide as plain text, one setting per bulleted line.
func (g Guide) Text() string {
	s := g.Ask + "\n"
	for _, line := range g.Settings {
		s += "  • " + line + "\n"
	}
	return s + g.Permissions
}

// CLISession says that the source uses the Salesforce CLI's session of
// target and keeps no token of its own.
func CLISession(target string) string {
	return "Signed in through the Salesforce CLI (" + target + "): sfsync stores no token for this org " +
		"and asks the CLI for a session before each sync."
}

// DemoOrg says what the Demo org is.
func DemoOrg(records int64) string {
	return "A simulator of a Salesforce org that runs inside sfsync on this computer, with sample data (" +
		Records(records) + " of made-up accounts, contacts, leads, opportunities and users). " +
		"Nothing leaves this machine; it lives while sfsync runs. Your browser shows its sign-in page."
}

// ReplaceOrg warns, while orgName is connected with records on this
// computer, what signing in to a different org does.
func ReplaceOrg(orgName string, records int64) string {
	return "sfsync is connected to " + orgName + ". Signing in to a different org deletes the " + Records(records) +
		" of " + orgName + " on this computer and syncs that org's records instead; signing in to " + orgName + " again keeps them."
}
