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
//
//   - First sync per object: one Bulk API 2.0 queryAll job, User first. Each
//     results page is committed together with its checkpoint (job id and
//     locator), so a killed process resumes from the last committed page.
//
//   - Incremental sync: ONE composite call holding a queryAll
//     "WHERE SystemModstamp >= bookmark" for all five objects; an object whose
//     change count is large switches to a Bulk job. Rows are upserted by Id;
//     IsDeleted rows are removed locally.
//
//   - Bookmarks: the new bookmark is the server time at which the run (or
//     Bulk job) started minus the lookback, written only once the object's
//     data is committed, and never moved backwards.
//
//   - Quota guard: before and during every run, from the Sforce-Limit-Info
//     usage the client tracks (no extra /limits call on ordinary runs). When
//     paused for quota, the next attempt spends one /limits call to see
//     whether usage dropped.
//
//   - Lookups are stored as Ids (OwnerId, CSM__c, …) and resolved from the
//     locally synced User rows, and Queue (Group) rows where a Lead's owner
//     is a Queue, whenever records are shown or exported (core/lookup):
//     queries carry no Owner.* or __r.* columns, and a changed User is
//     current everywhere after the next incremental call. User's Name,
//     Email and Phone are always synced for that. Queues are read after the
//     first sync, on the sweep schedule and when a record names an unknown
//     one (queues.go); a renamed Queue shows its new name after the next
//     sweep.
//
//   - What SystemModstamp does not track is refreshed on its own schedule
//     (refresh.go; default daily, settable, off with store.Never): selected
//     formula fields are re-read and written in place, and a sweep removes
//     records the org no longer has (hard-deleted, purged from the Recycle
//     Bin, or hidden from the user). One read of "SELECT Id[, formulas]"
//     per object serves both; small objects share one composite call, large
//     ones use a Bulk job. The same run re-reads the five describes in one
//     composite call, so added or restored fields reach the field picker.
//
//   - Nothing is removed before its replacement is committed: a re-read
//     after the selection widened (or a replaced Bulk job) upserts over the
//     stored rows, which stay visible until each is replaced; a failure
//     leaves them as they were, and the run history counts them as re-read.
//     The sweep deletes only after a complete read of the live Ids, only
//     rows stamped before that read's snapshot.
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
