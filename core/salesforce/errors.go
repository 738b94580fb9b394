package salesforce

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Error codes Salesforce puts in the errorCode of a REST error body that the
// sync engine reacts to.
const (
	CodeInvalidSession       = "INVALID_SESSION_ID"
	CodeRequestLimitExceeded = "REQUEST_LIMIT_EXCEEDED"
	CodeInvalidField         = "INVALID_FIELD"
	CodeMalformedQuery       = "MALFORMED_QUERY"
	CodeInvalidQueryLocator  = "INVALID_QUERY_LOCATOR"
	CodeQueryTimeout         = "QUERY_TIMEOUT"
	CodeNotFound             = "NOT_FOUND"
	// CodeLimitExceeded refuses a Bulk query job when the org's
	// DailyBulkV2QueryJobs are spent: "Max bulk v2 query jobs (10000) per
	// 24 hrs has been reached (10021)." (airbytehq/airbyte#26520).
	CodeLimitExceeded = "LIMIT_EXCEEDED"
)

// Sentinels matched by errors.Is against an *APIError's code, so callers can
// write errors.Is(err, salesforce.ErrRequestLimitExceeded).
//
// REQUEST_LIMIT_EXCEEDED has two meanings (docs/salesforce-api.md §9,
// SalesforceLabs/OrgCheck#432, mautic#5006): the daily allowance
// ("TotalRequests Limit exceeded.") matches ErrRequestLimitExceeded; the
// short-lived concurrency limits ("ConcurrentRequests (Concurrent API
// Requests) Limit exceeded.", "ConcurrentPerOrgLongTxn Limit exceeded.")
// match ErrConcurrentLimit instead, and the client retries them.
var (
	ErrInvalidSession       = &APIError{Code: CodeInvalidSession}
	ErrRequestLimitExceeded = &APIError{Code: CodeRequestLimitExceeded}
	ErrConcurrentLimit      = &APIError{Code: CodeRequestLimitExceeded, concurrent: true}
	ErrQueryTimeout         = &APIError{Code: CodeQueryTimeout}
	ErrLimitExceeded        = &APIError{Code: CodeLimitExceeded}
	ErrInvalidField         = &APIError{Code: CodeInvalidField}
	ErrMalformedQuery       = &APIError{Code: CodeMalformedQuery}
	ErrInvalidQueryLocator  = &APIError{Code: CodeInvalidQueryLocator}
	ErrNotFound             = &APIError{Code: CodeNotFound}
)

// APIError is a failed REST or Bulk call: the HTTP status and the first
// element of Salesforce's [{"message","errorCode"}] body.
type APIError struct {
	Status  int
	Code    string
	Message string
	Fields  []string // fields named by the error, when the body lists them
	// RetryAfter is the response's Retry-After (0 when absent): the client
	// waits at least this long before retrying.
	RetryAfter time.Duration

	concurrent bool // sentinel ErrConcurrentLimit only
}

// ConcurrentLimit reports a REQUEST_LIMIT_EXCEEDED for one of the
// short-lived concurrency limits rather than the daily allowance: its
// message names a Concurrent… limit.
func (e *APIError) ConcurrentLimit() bool {
	return e.Code == CodeRequestLimitExceeded && (e.concurrent || strings.Contains(e.Message, "Concurrent"))
}

func (e *APIError) Error() string {
	switch {
	case e.Code != "" && e.Message != "":
		return fmt.Sprintf("%s (HTTP %d): %s", e.Code, e.Status, e.Message)
	case e.Code != "":
		return fmt.Sprintf("%s (HTTP %d)", e.Code, e.Status)
	default:
		return fmt.Sprintf("HTTP %d %s", e.Status, http.StatusText(e.Status))
	}
}

// Is matches a sentinel APIError by code (and by status when the sentinel
// has one), so errors.Is(err, ErrInvalidField) works on any wrapped error.
//
// A concurrency REQUEST_LIMIT_EXCEEDED matches ErrConcurrentLimit and not
// ErrRequestLimitExceeded, which stands for the daily allowance.
func (e *APIError) Is(target error) bool {
	t, ok := target.(*APIError)
	if !ok || t.Code == "" {
		return false
	}
	if t.Code == CodeRequestLimitExceeded && t.ConcurrentLimit() != e.ConcurrentLimit() {
		return false
	}
	return t.Code == e.Code && (t.Status == 0 || t.Status == e.Status)
}

// retryAfter reads a Retry-After header: delay-seconds or an HTTP date
// (RFC 9110 §10.2.3). 0 when absent or unreadable.
func retryAfter(h http.Header, now time.Time) time.Duration {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0
	}
	if n, err := strconv.Atoi(v); err == nil {
		return time.Duration(max(n, 0)) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0)
	}
	return 0
}

// decodeAPIError builds an *APIError from an error response body. Salesforce
// uses a JSON array; some endpoints answer with a single object or an OAuth
// style {"error","error_description"}; anything else keeps only the status.
func decodeAPIError(status int, body []byte) *APIError {
	e := &APIError{Status: status}
	type item struct {
		Message   string   `json:"message"`
		ErrorCode string   `json:"errorCode"`
		Fields    []string `json:"fields"`
		// Bulk 1.0 and OAuth shapes, seen on a few endpoints.
		ExceptionCode    string `json:"exceptionCode"`
		ExceptionMessage string `json:"exceptionMessage"`
		OAuthError       string `json:"error"`
		OAuthDescription string `json:"error_description"`
	}
	fill := func(it item) {
		e.Code = firstNonEmpty(it.ErrorCode, it.ExceptionCode, it.OAuthError)
		e.Message = firstNonEmpty(it.Message, it.ExceptionMessage, it.OAuthDescription)
		e.Fields = it.Fields
	}
	trimmed := strings.TrimSpace(string(body))
	switch {
	case strings.HasPrefix(trimmed, "["):
		var items []item
		if json.Unmarshal(body, &items) == nil && len(items) > 0 {
			fill(items[0])
		}
	case strings.HasPrefix(trimmed, "{"):
		var it item
		if json.Unmarshal(body, &it) == nil {
			fill(it)
		}
	}
	return e
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// OAuth errors.
var (
	// ErrReauthorize means the refresh token no longer works (revoked,
	// expired, or already used under rotation): the person must log in again.
	ErrReauthorize = errors.New("reauthorization needed")
	// ErrAccessDenied means the person denied access on the authorize page.
	ErrAccessDenied = errors.New("access denied by user")
	// ErrStateMismatch means the callback's state did not match the one sent:
	// the callback is not the answer to our request and is ignored.
	ErrStateMismatch = errors.New("oauth state mismatch")
	// ErrLoginTimeout means no callback arrived in time.
	ErrLoginTimeout = errors.New("login timed out waiting for the browser")
	// ErrMissingCode means the callback carried neither a code nor an error.
	ErrMissingCode = errors.New("callback without authorization code")
)

// OAuthError is an error answer of the authorize callback or of the token
// endpoint: {"error","error_description"}.
type OAuthError struct {
	Status      int // HTTP status of the token endpoint; 0 for a callback error
	Code        string
	Description string
}

func (e *OAuthError) Error() string {
	s := "oauth error " + e.Code
	if e.Description != "" {
		s += ": " + e.Description
	}
	if e.Status != 0 {
		s += fmt.Sprintf(" (HTTP %d)", e.Status)
	}
	return s
}

// Is lets errors.Is(err, ErrAccessDenied) match a denial from the callback.
func (e *OAuthError) Is(target error) bool {
	return target == ErrAccessDenied && (e.Code == "access_denied" || e.Code == "access-denied")
}

// JobError reports a Bulk job that ended Failed or Aborted.
type JobError struct {
	JobID   string
	State   string
	Message string
}

// Sentinels for errors.Is on a *JobError.
var (
	ErrJobFailed  = errors.New("bulk job failed")
	ErrJobAborted = errors.New("bulk job aborted")
)

func (e *JobError) Error() string {
	s := fmt.Sprintf("bulk job %s %s", e.JobID, strings.ToLower(e.State))
	if e.Message != "" {
		s += ": " + e.Message
	}
	return s
}

func (e *JobError) Is(target error) bool {
	return (target == ErrJobFailed && e.State == JobFailed) ||
		(target == ErrJobAborted && e.State == JobAborted)
}
