package salesforce

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
)

// Composite limits documented by Salesforce, checked before sending.
const (
	MaxCompositeSubrequests = 25
	MaxCompositeQueries     = 5
)

// CompositeSubrequest is one entry of POST /composite. URL is a versioned
// path ("/services/data/v62.0/queryAll?q=…").
type CompositeSubrequest struct {
	Method      string `json:"method"`
	URL         string `json:"url"`
	ReferenceID string `json:"referenceId"`
	Body        any    `json:"body,omitempty"`
}

// CompositeResponse is one subrequest's answer.
type CompositeResponse struct {
	ReferenceID string            `json:"referenceId"`
	Status      int               `json:"httpStatusCode"`
	Headers     map[string]string `json:"httpHeaders"`
	Body        json.RawMessage   `json:"body"`
}

// Err is the subrequest's error as an *APIError, or nil on 2xx.
func (r CompositeResponse) Err() error {
	if r.Status >= 200 && r.Status < 300 {
		return nil
	}
	return decodeAPIError(r.Status, r.Body)
}

var referenceIDPattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*$`)

// ValidateComposite checks the subrequest count, the query count and the
// reference ids, as Salesforce would reject them.
func ValidateComposite(subs []CompositeSubrequest) error {
	if len(subs) == 0 {
		return errors.New("composite: no subrequests")
	}
	if len(subs) > MaxCompositeSubrequests {
		return fmt.Errorf("composite: %d subrequests, at most %d allowed", len(subs), MaxCompositeSubrequests)
	}
	queries := 0
	seen := make(map[string]bool, len(subs))
	for _, s := range subs {
		if !referenceIDPattern.MatchString(s.ReferenceID) {
			return fmt.Errorf("composite: bad referenceId %q (letters, digits, underscore; starts with a letter)", s.ReferenceID)
		}
		if seen[s.ReferenceID] {
			return fmt.Errorf("composite: duplicate referenceId %q", s.ReferenceID)
		}
		seen[s.ReferenceID] = true
		if !strings.HasPrefix(s.URL, "/services/data/") {
			return fmt.Errorf("composite: subrequest %s: url %q must start with /services/data/", s.ReferenceID, s.URL)
		}
		if isQueryURL(s.URL) {
			queries++
		}
	}
	if queries > MaxCompositeQueries {
		return fmt.Errorf("composite: %d query subrequests, at most %d allowed", queries, MaxCompositeQueries)
	}
	return nil
}

func isQueryURL(u string) bool {
	path, _, _ := strings.Cut(u, "?")
	parts := strings.Split(strings.Trim(path, "/"), "/")
	// services/data/vXX.X/query[/locator] or queryAll[/locator]
	return len(parts) >= 4 && (parts[3] == "query" || parts[3] == "queryAll")
}

// Composite sends up to 25 subrequests as ONE API call and returns the
// answers in request order. allOrNone rolls back writes if one fails.
func (c *Client) Composite(ctx context.Context, subs []CompositeSubrequest, allOrNone bool) ([]CompositeResponse, error) {
	if err := ValidateComposite(subs); err != nil {
		return nil, err
	}
	in := struct {
		AllOrNone        bool                  `json:"allOrNone"`
		CompositeRequest []CompositeSubrequest `json:"compositeRequest"`
	}{allOrNone, subs}
	var out struct {
		CompositeResponse []CompositeResponse `json:"compositeResponse"`
	}
	if err := c.sendJSON(ctx, http.MethodPost, c.dataPath("composite"), in, &out); err != nil {
		return nil, fmt.Errorf("composite: %w", err)
	}
	return out.CompositeResponse, nil
}

// CompositeQuery is one query of CompositeQueries.
type CompositeQuery struct {
	ReferenceID string
	SOQL        string
	All         bool // queryAll: include soft-deleted rows
}

// CompositeQueryResult is one query's first page, or its error. Follow
// Result.NextRecordsURL with QueryMore/FollowPages.
type CompositeQueryResult struct {
	Result *QueryResult
	Err    error // an *APIError when the subrequest failed
}

// CompositeQueries runs up to 5 queries in one composite call (one API call)
// and returns each query's first page by reference id.
func (c *Client) CompositeQueries(ctx context.Context, qs []CompositeQuery) (map[string]CompositeQueryResult, error) {
	subs := make([]CompositeSubrequest, len(qs))
	for i, q := range qs {
		resource := "query"
		if q.All {
			resource = "queryAll"
		}
		subs[i] = CompositeSubrequest{Method: http.MethodGet, ReferenceID: q.ReferenceID,
			URL: c.dataPath(resource) + "?q=" + url.QueryEscape(q.SOQL)}
	}
	answers, err := c.Composite(ctx, subs, false)
	if err != nil {
		return nil, err
	}
	out := make(map[string]CompositeQueryResult, len(answers))
	for _, a := range answers {
		if err := a.Err(); err != nil {
			out[a.ReferenceID] = CompositeQueryResult{Err: err}
			continue
		}
		var page queryPage
		if err := json.Unmarshal(a.Body, &page); err != nil {
			return nil, fmt.Errorf("composite: decode %s: %w", a.ReferenceID, err)
		}
		res, err := page.result()
		if err != nil {
			return nil, fmt.Errorf("composite: %s: %w", a.ReferenceID, err)
		}
		out[a.ReferenceID] = CompositeQueryResult{Result: res}
	}
	for _, q := range qs {
		if _, ok := out[q.ReferenceID]; !ok {
			return nil, fmt.Errorf("composite: no answer for %s", q.ReferenceID)
		}
	}
	return out, nil
}
