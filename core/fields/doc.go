// Package fields decides which Salesforce fields sfsync syncs, and is the
// one home of the field rules every face and the engine use: the synced
// objects (Objects) and their always-synced fields (Id, IsDeleted,
// SystemModstamp; WithoutForced), the catalog built from describe results
// (what can be selected, and why not) and loaded from the store
// (LoadCatalog), field selections and their differences, data presets, the
// user-lookup rule from Crossbeam's help pages, and the SOQL built from a
// selection (lookups as their Id fields: core/lookup resolves them locally).
//
// SOQL is assembled only from names found in the describe results: nothing a
// user types ever reaches a query. It reads the store but never writes it,
// and decides nothing about when or how records are synced (the engine's).
package fields
