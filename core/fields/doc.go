// Package fields decides which Salesforce fields sfsync syncs: the catalog
// built from describe results (what can be selected, and why not), field
// selections and their differences, data presets, the user-lookup rule from
// Crossbeam's help pages, and the SOQL built from a selection.
//
// SOQL is assembled only from names found in the describe results: nothing a
// user types ever reaches a query.
package fields
