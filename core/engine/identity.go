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
		return who{}, fmt.Errorf("identity: Salesforce refused the session (HTTP %d): sign in again", resp.StatusCode)
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

// orgName reads the org's name from its Organization record (one API call).
func orgName(ctx context.Context, sess *session) (string, error) {
	res, err := sess.client.Query(ctx, "SELECT Id, Name FROM Organization")
	if err != nil {
		return "", fmt.Errorf("read the organization name: %w", err)
	}
	if len(res.Records) != 1 {
		return "", fmt.Errorf("read the organization name: %d Organization records", len(res.Records))
	}
	v, ok := res.Records[0].Get("Name")
	if !ok || v.Null || v.Text == "" {
		return "", errors.New("read the organization name: the Organization record has no Name")
	}
	return v.Text, nil
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
