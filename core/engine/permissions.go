package engine

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/sfsync/sfsync/core/salesforce"
)

// PermissionError names the Salesforce permissions the signed-in user lacks.
type PermissionError struct {
	User    string
	Missing []string // e.g. "API Enabled", "View Setup and Configuration", "Read on Lead"
}

// Error is one sentence naming every missing permission and what to do,
// e.g. "The Salesforce user is missing: View Setup and Configuration; Read
// on Lead. Ask your Salesforce admin to grant them, then reconnect."
func (e *PermissionError) Error() string {
	who := "The Salesforce user"
	if e.User != "" {
		who += " " + e.User
	}
	them := "them"
	if len(e.Missing) == 1 {
		them = "it"
	}
	return fmt.Sprintf("%s is missing: %s. Ask your Salesforce admin to grant %s, then reconnect.",
		who, strings.Join(e.Missing, "; "), them)
}

// Explained marks the message as one complete sentence for the person
// (wording.Explained): the faces show it as it is.
func (e *PermissionError) Explained() {}

// Error codes Salesforce answers when the API is off for the user or org.
var apiDisabledCodes = []string{"API_DISABLED_FOR_ORG", "API_CURRENTLY_DISABLED", "FUNCTIONALITY_NOT_ENABLED"}

// checkPermissions makes sure the user can do what syncing needs: any REST
// call (API Enabled), /limits (View Setup and Configuration) and read on
// the five objects (describe: queryable). The describes are cached in the
// store. It costs six API calls.
func (e *Engine) checkPermissions(ctx context.Context, sess *session, user string) error {
	pe := &PermissionError{User: user}
	_, err := sess.client.Limits(ctx)
	var ae *salesforce.APIError
	switch {
	case err == nil:
	case errors.As(err, &ae) && ae.Status == http.StatusForbidden && slices.Contains(apiDisabledCodes, ae.Code):
		pe.Missing = append(pe.Missing, "API Enabled")
		return pe
	case errors.As(err, &ae) && (ae.Status == http.StatusForbidden || ae.Code == "INSUFFICIENT_ACCESS"):
		pe.Missing = append(pe.Missing, "View Setup and Configuration")
	default:
		return fmt.Errorf("check permissions: %w", err)
	}
	for _, obj := range Objects {
		d, err := sess.client.Describe(ctx, obj)
		switch {
		case err == nil && d.Queryable:
			if err := e.st.PutSchema(obj, d); err != nil {
				return err
			}
		case err == nil, errors.As(err, &ae) && (ae.Status == http.StatusNotFound || ae.Status == http.StatusForbidden):
			pe.Missing = append(pe.Missing, "Read on "+obj)
		default:
			return fmt.Errorf("check permissions: %w", err)
		}
	}
	if len(pe.Missing) > 0 {
		return pe
	}
	return nil
}

// usersHiddenNote names the selected lookups that may show Ids.
func usersHiddenNote(sel map[string][]string) string {
	var named []string
	for _, obj := range Objects {
		for _, f := range sel[obj] {
			rel, _, dotted := strings.Cut(f, ".")
			switch {
			case dotted:
				f = rel
			case f == "OwnerId" || strings.HasSuffix(f, "__c") && slices.Contains(sel[obj], strings.TrimSuffix(f, "__c")+"__r.Name"):
				f = strings.TrimSuffix(strings.TrimSuffix(f, "Id"), "__c")
			default:
				continue
			}
			if name := obj + " " + f; !slices.Contains(named, name) {
				named = append(named, name)
			}
		}
	}
	lookups := "owners and user lookups"
	if len(named) > 0 {
		lookups = strings.Join(named, ", ")
	}
	return "The Salesforce user lacks View All Users, so Users outside its sharing are not synced: " + lookups +
		" may show a User Id instead of a name. Ask your Salesforce admin for View All Users, then reconnect."
}
