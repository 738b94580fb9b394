// Package sfsim is a Salesforce API simulator: an http.Handler that behaves
// like the documented Salesforce REST, OAuth and Bulk API 2.0 surface (see
// ../shared/docs/salesforce-api.md), with deterministic seeding, a test API to
// change the org while a sync runs, quota accounting and fault injection.
// It also plays what admins do to a running integration: deleting a field
// (Org.DeleteField), taking Read on an object away (Org.WithholdRead), and
// users without "API Enabled" or "View Setup and Configuration"
// (Options.APIDisabled, Options.NoViewSetup). The org's own record is the
// Organization object (SELECT Id, Name FROM Organization).
//
// It is faithful to Salesforce's documentation, not to our client: tests,
// benchmarks and the Demo org all run against it on loopback.
package sfsim
