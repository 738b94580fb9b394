package salesforce

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"

	"github.com/sfsync/sfsync/core/format"
)

// QueryResult is one page of a REST query. Follow NextRecordsURL with
// QueryMore until Done.
type QueryResult struct {
	TotalSize      int
	Done           bool
	NextRecordsURL string
	Records        []Record
}

// queryPage is the wire shape of a query page.
type queryPage struct {
	TotalSize      int               `json:"totalSize"`
	Done           bool              `json:"done"`
	NextRecordsURL string            `json:"nextRecordsUrl"`
	Records        []json.RawMessage `json:"records"`
}

func (p *queryPage) result() (*QueryResult, error) {
	res := &QueryResult{TotalSize: p.TotalSize, Done: p.Done, NextRecordsURL: p.NextRecordsURL,
		Records: make([]Record, 0, len(p.Records))}
	var dec recordDecoder
	for i, raw := range p.Records {
		r, err := dec.decode(raw)
		if err != nil {
			return nil, fmt.Errorf("record %d: %w", i, err)
		}
		res.Records = append(res.Records, r)
	}
	return res, nil
}

// Query runs SOQL over live records (first page).
func (c *Client) Query(ctx context.Context, soql string) (*QueryResult, error) {
	return c.query(ctx, "query", soql)
}

// QueryAll runs SOQL including soft-deleted (IsDeleted) and archived rows.
func (c *Client) QueryAll(ctx context.Context, soql string) (*QueryResult, error) {
	return c.query(ctx, "queryAll", soql)
}

func (c *Client) query(ctx context.Context, resource, soql string) (*QueryResult, error) {
	res, err := c.queryPath(ctx, c.dataPath(resource), url.Values{"q": {soql}})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", resource, err)
	}
	return res, nil
}

// QueryMore fetches the page at a nextRecordsUrl.
func (c *Client) QueryMore(ctx context.Context, nextRecordsURL string) (*QueryResult, error) {
	if !strings.HasPrefix(nextRecordsURL, "/services/data/") {
		return nil, fmt.Errorf("query more: %s is not a nextRecordsUrl", format.Quote(nextRecordsURL))
	}
	res, err := c.queryPath(ctx, nextRecordsURL, nil)
	if err != nil {
		return nil, fmt.Errorf("query more: %w", err)
	}
	return res, nil
}

func (c *Client) queryPath(ctx context.Context, path string, q url.Values) (*QueryResult, error) {
	var page queryPage
	if err := c.getJSON(ctx, path, q, &page); err != nil {
		return nil, err
	}
	return page.result()
}

// QueryPages runs SOQL (queryAll when all is set) and calls fn with every
// page, following nextRecordsUrl; fn's error stops the walk and is returned.
func (c *Client) QueryPages(ctx context.Context, soql string, all bool, fn func(*QueryResult) error) error {
	var (
		res *QueryResult
		err error
	)
	if all {
		res, err = c.QueryAll(ctx, soql)
	} else {
		res, err = c.Query(ctx, soql)
	}
	return c.followPages(ctx, res, err, fn)
}

// FollowPages calls fn with first and every later page of its query.
func (c *Client) FollowPages(ctx context.Context, first *QueryResult, fn func(*QueryResult) error) error {
	return c.followPages(ctx, first, nil, fn)
}

func (c *Client) followPages(ctx context.Context, res *QueryResult, err error, fn func(*QueryResult) error) error {
	for {
		if err != nil {
			return err
		}
		if err := fn(res); err != nil {
			return err
		}
		if res.Done || res.NextRecordsURL == "" {
			return nil
		}
		res, err = c.QueryMore(ctx, res.NextRecordsURL)
	}
}
