// Package export writes one synced object from the local store as CSV, for
// the CLI's `sfsync export` and the desktop app's Export button.
//
// Choices (documented for users in the CLI help):
//   - Columns: Id, then the object's selected fields in the stored
//     selection's order. Always-synced bookkeeping columns (IsDeleted,
//     SystemModstamp) are left out unless asked for.
//   - Lookups are resolved locally, as the Records view shows them (core/lookup):
//     a selected field that references User or Group (OwnerId, CSM__c, a
//     Lead's Queue owner) becomes the relationship's Name column (Owner.Name,
//     CSM__r.Name), and dotted fields (Owner.Email) read the synced User row.
//     An Id the store cannot resolve keeps its raw value, so nothing is lost.
//   - Header: API names by default (stable for scripts and re-imports, and
//     unique); labels as the field picker shows them on request.
//   - RFC 4180: CRLF after each record, fields quoted when they hold a comma,
//     quote, CR, LF or leading/trailing space, quotes doubled, values written
//     byte for byte (embedded newlines are not rewritten). Optional UTF-8 BOM
//     for spreadsheet programs.
//   - Formulas are neutralised (OWASP CSV Injection, ASVS 5.0 V1.2.10): a
//     value that a spreadsheet would run as a formula, starting with =, +,
//     -, @, TAB, CR, LF or NUL, gets a leading apostrophe, which the
//     spreadsheet does not show. Plain numbers (-12.5) are left as they are,
//     so amounts stay numbers. Options.Raw writes values unchanged, for
//     files that only programs read.
//   - Files are written atomically (temporary file in the same directory,
//     fsync, rename) with mode 0600: a crash never leaves half a file under
//     the final name, and org data is not readable by other local users.
//   - Streaming: rows go from one read transaction straight to the writer,
//     so memory does not grow with the number of rows; only the lookup
//     resolver grows, with the org's User and Queue count.
package export
