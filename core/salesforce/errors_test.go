package salesforce

import (
	"errors"
	"fmt"
	"testing"
)

func TestDecodeAPIError(t *testing.T) {
	cases := []struct {
		status        int
		body          string
		code, message string
	}{
		{400, `[{"message":"No such column 'X__c' on entity 'Lead'","errorCode":"INVALID_FIELD","fields":["X__c"]}]`, CodeInvalidField, "No such column 'X__c' on entity 'Lead'"},
		{401, `[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]`, CodeInvalidSession, "Session expired or invalid"},
		{400, `{"exceptionCode":"InvalidJob","exceptionMessage":"bad job"}`, "InvalidJob", "bad job"},
		{400, `{"error":"invalid_grant","error_description":"expired"}`, "invalid_grant", "expired"},
		{502, `<html>bad gateway</html>`, "", ""},
		{500, ``, "", ""},
		{400, `[]`, "", ""},
	}
	for _, c := range cases {
		e := decodeAPIError(c.status, []byte(c.body))
		if e.Status != c.status || e.Code != c.code || e.Message != c.message {
			t.Errorf("decodeAPIError(%d, %s) = %+v", c.status, c.body, e)
		}
	}
}

func TestAPIErrorIs(t *testing.T) {
	err := fmt.Errorf("query: %w", &APIError{Status: 403, Code: CodeRequestLimitExceeded, Message: "TotalRequests Limit exceeded."})
	if !errors.Is(err, ErrRequestLimitExceeded) {
		t.Error("REQUEST_LIMIT_EXCEEDED not matched")
	}
	if errors.Is(err, ErrInvalidField) || errors.Is(err, ErrMalformedQuery) {
		t.Error("matched a different code")
	}
	var ae *APIError
	if !errors.As(err, &ae) || ae.Status != 403 {
		t.Error("errors.As lost the status")
	}
	if got := (&APIError{Status: 503}).Error(); got != "HTTP 503 Service Unavailable" {
		t.Errorf("bare error text %q", got)
	}
	denied := &OAuthError{Code: "access_denied", Description: "end-user denied authorization"}
	if !errors.Is(fmt.Errorf("login: %w", denied), ErrAccessDenied) {
		t.Error("access_denied not matched")
	}
	if errors.Is(&OAuthError{Code: "invalid_grant"}, ErrAccessDenied) {
		t.Error("invalid_grant matched ErrAccessDenied")
	}
	je := &JobError{JobID: "750x", State: JobFailed, Message: "boom"}
	if !errors.Is(je, ErrJobFailed) || errors.Is(je, ErrJobAborted) {
		t.Error("JobError Is")
	}
}
