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
// Field rules (what can be selected, the user-lookup rule, the SOQL built
// from a selection, dropping fields deleted in Salesforce) come from
// core/fields over the describes cached in the store; the default
// selection is the Recommended preset of assets/presets.json.
//
// Progress: a first sync is sized up front by one composite of COUNT()
// queries (or the counts EstimateFirstSync took), then exactly by each
// Bulk job's numberRecordsProcessed; an incremental run by each query's
// totalSize. Done never passes Estimated.
//
// Tokens never appear in State, events, errors, logs or the store: the
// refresh token goes to the Secrets store (OS keyring) and the access
// token stays in the client's memory, except for a session made with
// ConnectWithToken, whose access token (there is no refresh token) is kept
// in Secrets under AccessTokenKey so a later process can use it.
package engine
