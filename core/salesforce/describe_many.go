package salesforce

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
)

// DescribeMany describes up to MaxCompositeSubrequests objects in ONE
// composite call (one API call; describes are not query subrequests, so the
// five-query limit does not apply). Each object's answer is its describe or
// its own error.
func (c *Client) DescribeMany(ctx context.Context, objects []string) (map[string]*SObjectDescribe, map[string]error, error) {
	subs := make([]CompositeSubrequest, len(objects))
	for i, obj := range objects {
		subs[i] = CompositeSubrequest{Method: "GET", ReferenceID: fmt.Sprintf("d%d", i),
			URL: c.dataPath("sobjects/" + url.PathEscape(obj) + "/describe")}
	}
	res, err := c.Composite(ctx, subs, false)
	if err != nil {
		return nil, nil, fmt.Errorf("describe %d objects: %w", len(objects), err)
	}
	out, errs := map[string]*SObjectDescribe{}, map[string]error{}
	for i, r := range res {
		if i >= len(objects) {
			break
		}
		obj := objects[i]
		if err := r.Err(); err != nil {
			errs[obj] = fmt.Errorf("describe %s: %w", obj, err)
			continue
		}
		var d SObjectDescribe
		if err := json.Unmarshal(r.Body, &d); err != nil {
			errs[obj] = fmt.Errorf("describe %s: %w", obj, err)
			continue
		}
		out[obj] = &d
	}
	return out, errs, nil
}
