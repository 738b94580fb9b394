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
// and makes the answer the client's usage figure (see Quota): its
// Sforce-Limit-Info header, else DailyApiRequests. Asked for, it replaces
// any figure, lower ones included (usage drops as the 24-hour window moves).
func (c *Client) Limits(ctx context.Context) (Limits, error) {
	var out Limits
	var header string
	read := jsonReader(&out)
	err := c.do(ctx, call{method: http.MethodGet, path: c.dataPath("limits")}, func(resp *http.Response) error {
		header = resp.Header.Get("Sforce-Limit-Info")
		return read(resp)
	})
	if err != nil {
		return nil, fmt.Errorf("read limits: %w", err)
	}
	if used, max, ok := ParseLimitInfo(header); ok {
		c.usage.set(Quota{Used: used, Max: max, At: c.now(), Source: QuotaFromHeader})
	} else if d := out.DailyAPIRequests(); d.Max > 0 {
		c.usage.set(Quota{Used: d.Used(), Max: d.Max, At: c.now(), Source: QuotaFromLimits})
	}
	return out, nil
}
