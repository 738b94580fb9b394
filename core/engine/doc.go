// Package engine is sfsync's sync engine: it keeps the org's Account,
// Contact, Lead, Opportunity and User records in the local store equal to the
// org after every run, at the lowest API cost, and never loses data whatever
// fails.
//
// One Engine serves one Salesforce source. A single worker goroutine owns all
// sync work (connect, runs, field re-syncs, disconnect); callers call methods
// and receive Events on a buffered channel. Progress events are coalesced for
// slow readers; StatusChanged, RunFinished and Error events are never dropped
// and never block the worker.
//
// Sync semantics (see DESIGN.md):
//   - First sync per object: one Bulk API 2.0 queryAll job, User first. Each
//     results page is committed together with its checkpoint (job id and
//     locator), so a killed process resumes from the last committed page.
//   - Incremental sync: ONE composite call holding a queryAll
//     "WHERE SystemModstamp >= bookmark" for all five objects; an object whose
//     change count is large switches to a Bulk job. Rows are upserted by Id;
//     IsDeleted rows are removed locally.
//   - Bookmarks: the new bookmark is the server time at which the run (or
//     Bulk job) started minus the lookback, written only once the object's
//     data is committed, and never moved backwards.
//   - Quota guard: before and during every run, from the Sforce-Limit-Info
//     usage the client tracks (no extra /limits call on ordinary runs). When
//     paused for quota, the next attempt spends one /limits call to see
//     whether usage dropped.
//
// Known limit: records hard-deleted in Salesforce (purged from the Recycle
// Bin) after an object's last full sync remain in the local store; queryAll
// cannot see them. A field-selection change re-syncs the object in full,
// which drops them.
//
// Tokens never appear in State, events, errors, logs or the store: the
// refresh token goes to the Secrets store (OS keyring), the access token
// stays in the client's memory.
package engine
