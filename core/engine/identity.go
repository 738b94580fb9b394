package engine

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"

	"github.com/sfsync/sfsync/core/salesforce"
)

// who is the signed-in user and org.
type who struct {
	UserID, UserName, OrgID, OrgName string
}

// sessionRefusedError: userinfo refused the session's access token. Its
// message is the sentence both faces show (wording.Explained).
type sessionRefusedError struct{ status int }

func (e *sessionRefusedError) Error() string {
	return fmt.Sprintf("Salesforce refused the session sfsync was given (HTTP %d): its access token expired, was revoked "+
		"or belongs to another instance URL. Connect again with a current one (for --access-token -, the one "+
		"`sf org display` shows now).", e.status)
}

// Explained marks the message as a finished sentence (wording.Explained).
func (e *sessionRefusedError) Explained() {}

// identity asks the OAuth userinfo endpoint (not an API call) who signed in.
func (e *Engine) identity(ctx context.Context, sess *session, tok salesforce.Token) (who, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, sess.client.InstanceURL()+"/services/oauth2/userinfo", nil)
	if err != nil {
		return who{}, fmt.Errorf("identity: %w", err)
	}
	req.Header.Set("Authorization", "Bearer "+tok.AccessToken)
	req.Header.Set("Accept", "application/json")
	hc := wrapClient(e.cfg.HTTPClient, sess.clock)
	resp, err := hc.Do(req)
	if err != nil {
		return who{}, fmt.Errorf("identity: %w", scrub(err))
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden {
		return who{}, &sessionRefusedError{status: resp.StatusCode}
	}
	if resp.StatusCode != http.StatusOK {
		return who{}, fmt.Errorf("identity: HTTP %d from userinfo", resp.StatusCode)
	}
	var info struct {
		UserID            string `json:"user_id"`
		OrganizationID    string `json:"organization_id"`
		PreferredUsername string `json:"preferred_username"`
		Name              string `json:"name"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&info); err != nil {
		return who{}, fmt.Errorf("identity: decode userinfo: %w", err)
	}
	w := who{UserID: info.UserID, UserName: info.PreferredUsername, OrgID: info.OrganizationID}
	if w.UserName == "" {
		w.UserName = info.Name
	}
	if w.OrgID == "" {
		w.OrgID, w.UserID = tok.OrgID(), tok.UserID()
	}
	// Until orgName reads the Organization record, the instance host (the
	// My Domain) names the org.
	if u, err := url.Parse(sess.client.InstanceURL()); err == nil {
		w.OrgName = u.Host
	}
	return w, nil
}

// orgFacts reads the organization's name and whether the signed-in user
// lacks "View All Users", in ONE composite call of two queries: the
// Organization record, and the current user's UserPermissionAccess row
// (the Crossbeam seed lists View All Users as required; without it Users
// outside the user's sharing are never synced, so lookups to them cannot be
// resolved locally, docs/salesforce-api.md §9). A permission answer sfsync
// cannot read counts as "has it": syncing works either way, and each
// unresolved lookup still says why.
func orgFacts(ctx context.Context, sess *session) (name string, usersHidden bool, err error) {
	res, err := sess.client.CompositeQueries(ctx, []salesforce.CompositeQuery{
		{ReferenceID: "org", SOQL: "SELECT Id, Name FROM Organization"},
		{ReferenceID: "perms", SOQL: "SELECT PermissionsViewAllUsers FROM UserPermissionAccess"},
	})
	if err != nil {
		return "", false, fmt.Errorf("read the organization name: %w", err)
	}
	if p := res["perms"]; p.Err == nil && p.Result != nil && len(p.Result.Records) == 1 {
		v, _ := p.Result.Records[0].Get("PermissionsViewAllUsers")
		usersHidden = v.Text == "false"
	}
	o := res["org"]
	if o.Err != nil {
		return "", usersHidden, fmt.Errorf("read the organization name: %w", o.Err)
	}
	if len(o.Result.Records) != 1 {
		return "", usersHidden, fmt.Errorf("read the organization name: %d Organization records", len(o.Result.Records))
	}
	v, ok := o.Result.Records[0].Get("Name")
	if !ok || v.Null || v.Text == "" {
		return "", usersHidden, errors.New("read the organization name: the Organization record has no Name")
	}
	return v.Text, usersHidden, nil
}

// scrub drops the URL from a transport error (URLs carry no token, but keep
// errors short and free of query strings).
func scrub(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) && ue.Err != nil {
		return ue.Err
	}
	return err
}
