package salesforce

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
)

// VersionInfo is one entry of GET /services/data/.
type VersionInfo struct {
	Label   string `json:"label"`
	URL     string `json:"url"`
	Version string `json:"version"`
}

// Versions lists the API versions the instance serves. The call needs no
// session and does not count against the quota.
func (c *Client) Versions(ctx context.Context) ([]VersionInfo, error) {
	var out []VersionInfo
	err := c.do(ctx, call{method: http.MethodGet, path: "/services/data/", uncounted: true}, jsonReader(&out))
	if err != nil {
		return nil, fmt.Errorf("list api versions: %w", err)
	}
	return out, nil
}

// SupportsVersion reports whether the instance serves the pinned version.
func (c *Client) SupportsVersion(ctx context.Context) (bool, error) {
	vs, err := c.Versions(ctx)
	if err != nil {
		return false, err
	}
	for _, v := range vs {
		if v.Version == c.version {
			return true, nil
		}
	}
	return false, nil
}

// DescribeGlobal lists the org's sObjects.
func (c *Client) DescribeGlobal(ctx context.Context) ([]SObjectSummary, error) {
	var out struct {
		SObjects []SObjectSummary `json:"sobjects"`
	}
	if err := c.getJSON(ctx, c.dataPath("sobjects"), nil, &out); err != nil {
		return nil, fmt.Errorf("describe global: %w", err)
	}
	return out.SObjects, nil
}

// Describe returns one sObject's fields.
func (c *Client) Describe(ctx context.Context, object string) (*SObjectDescribe, error) {
	var out SObjectDescribe
	if err := c.getJSON(ctx, c.dataPath("sobjects/"+url.PathEscape(object)+"/describe"), nil, &out); err != nil {
		return nil, fmt.Errorf("describe %s: %w", object, err)
	}
	return &out, nil
}

// Limits reads the org's limits (DailyApiRequests, DailyBulkV2QueryJobs, …)
// and takes DailyApiRequests as the client's usage figure (see Quota).
func (c *Client) Limits(ctx context.Context) (Limits, error) {
	var out Limits
	if err := c.getJSON(ctx, c.dataPath("limits"), nil, &out); err != nil {
		return nil, fmt.Errorf("read limits: %w", err)
	}
	c.usage.noteLimits(out.DailyAPIRequests(), c.now())
	return out, nil
}
