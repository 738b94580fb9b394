package salesforce

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"

	"github.com/sfsync/sfsync/core/format"
)

// ReadResults reads a JobComplete job's result pages starting at cp and calls
// fn once per complete page, in order. A page that fails while its body is
// read (reset, truncation, timeout) is fetched again from the same locator:
// fn only ever sees whole pages. fn should commit the page's rows together
// with page.Next(); its error stops the read and is returned as is.
func (c *Client) ReadResults(ctx context.Context, cp Checkpoint, fn func(*ResultPage) error) error {
	page := &ResultPage{JobID: cp.JobID}
	locator := cp.Locator
	for {
		if err := c.ReadResultsPage(ctx, page, locator); err != nil {
			return err
		}
		if err := fn(page); err != nil {
			return err
		}
		if page.Done() {
			return nil
		}
		locator = page.NextLocator
	}
}

// ReadResultsPage GETs the results page of job page.JobID at locator (""
// for the first) into page, reusing the page's buffers: the previous
// content of page is gone. A page cut short in transit is fetched again.
func (c *Client) ReadResultsPage(ctx context.Context, page *ResultPage, locator string) error {
	if err := c.fetchPage(ctx, page, locator); err != nil {
		return fmt.Errorf("read bulk job %s results (locator %s): %w", page.JobID, format.Quote(locator), err)
	}
	return nil
}

type maxRecordsKey struct{}

// WithMaxRecords returns a context under which Bulk results pages are asked
// for with maxRecords n instead of the client's page size: a read of narrow
// rows (Ids alone) takes far fewer pages, so fewer calls, for the same
// memory. n <= 0 keeps the client's.
func WithMaxRecords(ctx context.Context, n int) context.Context {
	return context.WithValue(ctx, maxRecordsKey{}, n)
}

// fetchPage GETs one results page into page, reusing its body's storage.
func (c *Client) fetchPage(ctx context.Context, page *ResultPage, locator string) error {
	max := c.bulkMaxRecords
	if n, _ := ctx.Value(maxRecordsKey{}).(int); n > 0 {
		max = n
	}
	q := url.Values{"maxRecords": {strconv.Itoa(max)}}
	if locator != "" {
		q.Set("locator", locator)
	}
	cl := call{method: http.MethodGet, path: c.jobPath(page.JobID) + "/results", query: q, accept: "text/csv"}
	return c.do(ctx, cl, func(resp *http.Response) error {
		var err error
		if page.raw, err = readBody(page.raw, resp.Body, resp.ContentLength); err != nil {
			return err
		}
		page.Locator = locator
		page.NextLocator = resp.Header.Get("Sforce-Locator")
		if page.NextLocator == "null" {
			page.NextLocator = ""
		}
		page.body = page.raw
		if err := page.parse(); err != nil {
			return err
		}
		if n := resp.Header.Get("Sforce-NumberOfRecords"); n != "" {
			if want, err := strconv.Atoi(n); err == nil && want != page.rows {
				return fmt.Errorf("%w: page has %d rows, Sforce-NumberOfRecords says %d", errTruncated, page.rows, want)
			}
		}
		return nil
	})
}

// BulkQuery runs a whole Bulk query: it creates the job (queryAll when all
// is set), waits for it, streams its pages to fn (see ReadResults) and
// deletes the job once every page is read. The first page carries the job
// id, so committing page.Next() with each page is enough to resume with
// ResumeBulkQuery after a crash.
func (c *Client) BulkQuery(ctx context.Context, soql string, all bool, fn func(*ResultPage) error) error {
	job, err := c.CreateQueryJob(ctx, soql, all)
	if err != nil {
		return err
	}
	return c.ResumeBulkQuery(ctx, Checkpoint{JobID: job.ID}, fn)
}

// ResumeBulkQuery continues a Bulk query from a committed checkpoint: it
// waits for the job if it still runs, reads from cp.Locator, and deletes the
// job at the end. A job that failed or was aborted is deleted and its
// *JobError returned; if fn fails the job is kept for a later resume.
func (c *Client) ResumeBulkQuery(ctx context.Context, cp Checkpoint, fn func(*ResultPage) error) error {
	job, err := c.WaitJob(ctx, cp.JobID)
	if err != nil {
		var je *JobError
		if errors.As(err, &je) {
			_ = c.DeleteJob(ctx, cp.JobID) // best effort: a failed job has nothing to resume
		}
		return err
	}
	withTotal := func(p *ResultPage) error {
		p.JobRecords = job.NumberRecordsProcessed
		return fn(p)
	}
	if err := c.ReadResults(ctx, cp, withTotal); err != nil {
		return err
	}
	if err := c.DeleteJob(ctx, cp.JobID); err != nil && !errors.Is(err, ErrNotFound) {
		return err
	}
	return nil
}

// minBody is the first storage for a page body of unknown size.
const minBody = 64 << 10

// readBody reads r into b's storage (size: the body's length, or -1),
// reusing its capacity. It grows by about a quarter at a time (append's
// growth for large slices) rather than doubling as bytes.Buffer does, so a
// reused page buffer stays near the largest page's size: with two pages
// held, doubling cost up to twice their size again in idle capacity.
func readBody(b []byte, r io.Reader, size int64) ([]byte, error) {
	b = b[:0]
	if want := max(size+1, minBody); int64(cap(b)) < want {
		b = make([]byte, 0, want)
	}
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		switch {
		case err == io.EOF:
			return b, nil
		case err != nil:
			return b, err
		}
	}
}
