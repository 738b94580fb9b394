// Package sfsim is a Salesforce API simulator: an http.Handler that behaves
// like the documented Salesforce REST, OAuth and Bulk API 2.0 surface (see
// ../shared/docs/salesforce-api.md), with deterministic seeding, a test API to
// change the org while a sync runs, quota accounting and fault injection.
//
// It plays what real orgs do, each behaviour citing its source where it is
// implemented, switchable from Go and from the loopback admin API under
// /_sim/ (cmd/sfsim lists the routes):
//
//   - Schema: Account, Contact, Lead, Opportunity, User, Organization, Group
//     (queues, Id prefix 00G) and UserPermissionAccess. Lead.OwnerId is
//     polymorphic (Group or User): Owner.Name of a queue-owned Lead is the
//     queue's name, Owner.Email null (SeedConfig.Queues, QueueLeadShare;
//     Org.CreateQueue). User has no IsDeleted, as in real orgs.
//   - Admins at work: Org.DeleteField and Org.RestoreField (a field deleted
//     or hidden by field-level security, and given back), Org.AddField (a
//     custom field added at runtime), Org.WithholdRead, and users without
//     "API Enabled", "View Setup and Configuration" or "View All Users"
//     (Options.APIDisabled, NoViewSetup, NoViewAllUsers; Org.SetViewAllUsers,
//     ShareUsers), which UserPermissionAccess reports.
//   - Records: Org.Create, Update, Delete (an Account's delete cascades to its
//     Contacts and Opportunities), Undelete, HardDelete (a purge, logged for
//     the getDeleted resource), Merge (losers get MasterRecordId, children
//     move to the master), TouchMany (many rows share one SystemModstamp),
//     CreateLate and UpdateLate (a transaction that commits after its
//     SystemModstamp), HideRecord (sharing hides a record: absent from
//     queries, 404 on GET).
//   - Wire: every API version 31.0-62.0, record GET (sobjects/X/Id),
//     getDeleted (sobjects/X/deleted), REST numbers in Salesforce's Java
//     double form (9.9213206E7; Org.SetPlainJSONNumbers to turn it off), the
//     /limits body with per-app sub-limits, token responses with a new
//     instance_url (Server.SetInstanceURL), Sforce-Limit-Info that a gateway
//     may strip (Options.NoLimitHeader), DailyBulkV2QueryJobs refusals.
//   - Faults (Server.InjectFault, table-driven in fault.go, optionally per
//     sObject): 5xx as JSON or as HTML maintenance pages, 429, slow,
//     reset and truncated responses, expired sessions, revoked refresh
//     tokens, the daily and the concurrency REQUEST_LIMIT_EXCEEDED,
//     QUERY_TIMEOUT (also inside a composite sub-response), Bulk jobs that
//     fail or stay UploadComplete/InProgress.
//
// The org's own record is the Organization object (SELECT Id, Name FROM
// Organization). Org.Snapshot is the org's truth, whatever the signed-in
// user may see; simtest compares a client's copy with it.
//
// It is faithful to Salesforce's documentation, not to our client: tests,
// benchmarks and the Demo org all run against it on loopback. The real
// Salesforce CLI runs against cmd/sfsim in cmd/sfsim's tests.
package sfsim
