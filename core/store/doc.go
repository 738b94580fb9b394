// Package store is sfsync's local database: one bbolt file in the user's data
// directory holding the Salesforce source settings, the describe cache, the
// synced records (one bucket per object, keyed by Salesforce Id), bookmarks,
// Bulk checkpoints and the run history.
//
// A page of records is committed in one transaction together with the
// checkpoint or bookmark that follows it, so a run killed at any point resumes
// from the last committed page. Tokens are never stored here: the settings
// types have no field for them (the refresh token lives in the OS keyring).
package store
