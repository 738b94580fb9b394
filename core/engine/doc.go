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
//   - A run reads its objects side by side (pipeline.go): every network
//     call on a goroutine of its own, every commit on the worker goroutine,
//     in order per object, whichever object's page arrives first. At most
//     two result pages are held (one committing, one arriving), so memory
//     is flat in rows and objects. Further per-object work is a read queued
//     with the others (sync.go).
//   - First sync per object: everything (queryAll). An object with more
//     than BulkThreshold rows (10,000 by default; its COUNT() from
//     EstimateFirstSync, else its query's totalSize) is read with a Bulk API
//     2.0 job; the others share ONE composite call of REST queries and
//     their next 2,000-row pages. 10,000 rows cost 4 more REST calls, a
//     Bulk job at least 4 (create, status polls, delete) plus one per
//     results page, and a wait for Salesforce to run it: up to the
//     threshold REST is never dearer. Each Bulk results page is committed
//     together with its checkpoint (job id and locator), so a killed
//     process resumes from the last committed page.
//   - Bulk jobs are created together and polled as their state says
//     (salesforce.PollPolicy: the first poll 10 ms after creation, the wait
//     doubling while the state stays, back to 10 ms when it changes, at
//     most 10 s): a job that takes T costs about log2(T/10 ms) polls per
//     state. Results pages hold 20,000 rows (salesforce.DefaultBulkMaxRecords:
//     measured, half the calls of 10,000 at a peak RSS well under 100 MB).
//   - A job still unfinished JobTimeout (30 minutes) after its creation is
//     aborted and the next run starts a new one, with the reason on the
//     status. Salesforce gives a Bulk query at most 2 minutes to run and 10
//     minutes per attempt to fetch its results (Bulk API Developer Guide,
//     "How Bulk Queries Are Processed"): 30 minutes is two such attempts
//     and queueing beyond, and the shortest update frequency, so a hung job
//     (airbytehq/airbyte#17148) delays its object by one period at most,
//     never the others.
//   - One object's failure is reported (Run.ObjectErrors, State.ObjectErrors)
//     while the others sync; the quota guard, Salesforce's daily limit, a
//     session that needs signing in again and cancellation stop the whole
//     run. QUERY_TIMEOUT on a REST query moves the object to a Bulk job; a
//     Bulk job the org refuses (DailyBulkV2QueryJobs spent) falls back to
//     REST pages; a lost job (deleted, failed, aborted, locator expired) is
//     replaced once.
//   - Incremental sync: the same composite call, with "WHERE SystemModstamp
//     >= bookmark"; an object whose change count passes BulkThreshold
//     switches to a Bulk job. Rows are upserted by Id; IsDeleted rows are
//     removed locally. A no-change incremental run costs one call.
//   - Bookmarks: the new bookmark is the server time at which the composite
//     call (or Bulk job) started minus the lookback, written only once the
//     object's data is committed, and never moved backwards.
//   - Quota guard (quota.go): before every call of a run, status polls,
//     retries and page reads included (the client's WithBeforeCall hook),
//     against the threshold and the per-run cap, counting the calls on
//     their way. Usage comes from each answer's Sforce-Limit-Info, else from
//     /limits: at connect, and when the figure is older than five minutes
//     and no header confirmed it (or it would stop the run); calls answered
//     without the header are added to it. The last figure and its time are
//     saved in the store, so a new process shows and guards with it. When
//     paused for quota, the next attempt (every 15 minutes at most) spends
//     one /limits call to see whether usage dropped. REQUEST_LIMIT_EXCEEDED
//     for the daily total pauses; its concurrency variants are retried
//     with backoff (honouring Retry-After) and never taken for the quota.
//   - State changes, the setters included, run on the worker goroutine
//     (between work items or while a run waits), so memory and store agree
//     and events come in order. All waits use Config.Now and Config.After.
//   - Lookups are stored as Ids (OwnerId, CSM__c, …) and resolved from the
//     locally synced User rows, and Queue (Group) rows where a Lead's owner
//     is a Queue, whenever records are shown or exported (core/lookup):
//     queries carry no Owner.* or __r.* columns, and a changed User is
//     current everywhere after the next incremental call. User's Name,
//     Email and Phone are always synced for that. Queues are read after the
//     first sync, on the sweep schedule and when a record names an unknown
//     one (queues.go); a renamed Queue shows its new name after the next
//     sweep.
//   - What SystemModstamp does not track is refreshed on its own schedule
//     (refresh.go; default daily, settable, off with store.Never): selected
//     formula fields are re-read and written in place, and a sweep removes
//     records the org no longer has (hard-deleted, purged from the Recycle
//     Bin, or hidden from the user) and reads by Id those it has that the
//     store lacks (shared again). One read of "SELECT Id[, formulas]" per
//     object serves both; small objects share one composite call, large
//     ones use a Bulk job. The same run re-reads the five describes in one
//     composite call, so added or restored fields reach the field picker.
//   - Nothing is removed before its replacement is committed: a re-read
//     after the selection widened (or a replaced Bulk job) upserts over the
//     stored rows, which stay visible until each is replaced; a failure
//     leaves them as they were, and the run history counts them as re-read.
//     The sweep deletes only after a complete read of the live Ids, only
//     rows stamped before that read's snapshot, and nothing when a row of
//     the read had no usable Id (it is quarantined, as in a sync).
//
// Field rules (what can be selected, the user-lookup rule, the SOQL built
// from a selection, dropping fields deleted in Salesforce) come from
// core/fields over the describes cached in the store; the default
// selection is the Recommended preset of assets/presets.json.
//
// Progress: a first sync is sized up front by the counts EstimateFirstSync
// took or else by each query's totalSize (no call is spent on counting),
// then exactly by each Bulk job's numberRecordsProcessed; an incremental
// run by each query's totalSize. Done never passes Estimated.
//
// Tokens never appear in State, events, errors, logs or the store: the
// refresh token goes to the Secrets store (OS keyring) and the access
// token stays in the client's memory, except for a session made with
// ConnectWithToken, whose access token (there is no refresh token) is kept
// in Secrets under AccessTokenKey so a later process can use it.
package engine
