// Package lookup shows stored records as a person reads them: the columns
// of an object's field selection, labelled as the field picker labels them,
// with every lookup resolved from the locally synced rows — a User Id
// (OwnerId, CSM__c …) to the User's Name, Email or Phone, and a Queue owner
// (a Group Id, prefix 00G, on Lead.OwnerId) to the Queue's name.
//
// Salesforce does not move a record's SystemModstamp when the User it points
// to changes (docs/salesforce-api.md §6 and §9), so sfsync never stores
// Owner.Name-style values: it stores the Id and resolves it here whenever a
// record is shown, searched, sorted or exported. The Records view, the
// record page, the CSV export and `sfsync explain` all read cells through
// this package, so they agree on every cell.
//
// An Id that cannot be resolved reads as the Id itself, never a blank, and
// Reason says why. The package reads the store only; it never calls
// Salesforce and never writes.
package lookup
