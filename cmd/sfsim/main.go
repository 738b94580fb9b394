// Command sfsim runs the Salesforce API simulator (core/sfsim) as a
// standalone loopback server for the Demo org, manual testing and the
// Salesforce CLI (`sf org login access-token --instance-url BASE_URL` with
// the printed token in SF_ACCESS_TOKEN).
//
// It prints one JSON line on stdout, {"base_url","client_id","access_token"},
// then serves until SIGINT or SIGTERM. Flags size the org (--users,
// --accounts, --contacts-per-account, --opportunities-per-account, --leads,
// --seed; --queues N and --queue-lead-share PCT make some Leads owned by
// queues) and play what real orgs do: --api-disabled, --no-view-setup,
// --no-read OBJECT (repeatable) and --no-view-all-users take a permission
// away; --no-limit-header strips Sforce-Limit-Info; --daily-api-max and
// --daily-bulk-jobs-max size the daily allowances; --plain-json-numbers
// prints REST numbers as plain decimals instead of Salesforce's 9.9213206E7.
//
// Besides the Salesforce endpoints (/services/oauth2/*, /id/…,
// /services/data/… for every version 31.0–62.0) it answers the simulator's
// admin API, from loopback only, never counted:
//
//	GET  /_sim/usage                      {"used","max","bulkJobs","bulkJobsMax"}
//	PUT  /_sim/usage                      {"used":N} and/or {"bulkJobs":N}
//	PUT  /_sim/limit-header               {"enabled":false}: no Sforce-Limit-Info
//	PUT  /_sim/json-numbers               {"plain":true}: plain REST numbers
//	GET  /_sim/records/{Object}           every row, soft-deleted ones included
//	POST /_sim/records/{Object}           JSON fields → {"id":…}
//	PATCH /_sim/records/{Object}/{Id}     JSON fields
//	DELETE /_sim/records/{Object}/{Id}    soft delete, cascading from an Account (?hard=true: purge)
//	POST /_sim/records/{Object}/{Id}/undelete
//	POST /_sim/records/{Object}/touch     {"count":N}: N records share one new SystemModstamp
//	POST /_sim/records/{Object}/late      {"fields":{…},"delay":"5s"}: created now, visible later
//	PATCH /_sim/records/{Object}/{Id}/late {"fields":{…},"delay":"5s"}: updated now, visible later
//	PUT  /_sim/records/{Object}/{Id}/hidden {"hidden":true}: hidden from the user by sharing
//	PUT  /_sim/view-all-users             {"viewAll":false,"visibleUsers":["005…"]}
//	POST /_sim/merge/{Object}             {"master":"…","losers":["…"]}
//	POST /_sim/queues                     {"name":"…"} → {"id":"00G…"}
//	POST /_sim/fields/{Object}            {"name":"X__c","type":"string","values":{"Id":…}}
//	DELETE /_sim/fields/{Object}/{Field}  delete (hide) a field
//	POST /_sim/fields/{Object}/{Field}/restore
//	PUT  /_sim/read-access/{Object}       {"readable":false}
//	PUT  /_sim/instance-url               {"url":"http://localhost:PORT"}: later token responses name it
//	GET  /_sim/instance-url               {"handedOut":[…]}
//	POST /_sim/faults                     {"endpoint":"query","object":"Account","nth":2,"times":1,"kind":"http_503",
//	                                       "delay":"2s","state":"InProgress","polls":3,"retryAfter":120}
//	DELETE /_sim/faults
//	POST /_sim/sessions                   a new access token
//	POST /_sim/sessions/expire            end every session
//	POST /_sim/refresh-tokens/revoke      revoke every refresh token
//
// Fault kinds: http_500, http_502, http_503, http_429, html_502, html_503,
// slow, reset, truncate, expired_session, revoked_refresh_token,
// quota_exhausted, concurrent_requests, concurrent_long_txn, query_timeout,
// job_failed, job_stuck; endpoint "composite/query" puts a JSON-error kind
// into a composite query sub-response.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "sfsim:", err)
		os.Exit(1)
	}
}
