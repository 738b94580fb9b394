// Package salesforce is sfsync's Salesforce API client: OAuth 2.0 web-server
// flow with PKCE and a loopback redirect, REST (versions, describe, limits,
// query, composite) and Bulk API 2.0 query jobs streamed as records, with typed
// errors, retries, quota tracking and per-operation API call counts.
package salesforce

// APIVersion is the one place the REST/Bulk API version is pinned.
const APIVersion = "62.0"
