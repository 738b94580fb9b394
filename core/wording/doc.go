// Package wording is every sentence that both of sfsync's faces, the window
// and the command line, say about the same fact: the first sync's estimate,
// a run's summary and its line in the history, API usage and the quota
// pauses, field-selection changes, and errors with what to do next. The
// faces call it instead of wording a fact themselves, so they never tell it
// two ways.
//
// Rules it keeps: counts take the right plural ("1 API call", "2 API
// calls") and thousands separators; only figures that are known are said
// (an unknown quota is called unknown, never "0 of 0"); a share is never
// shown above 100 % (more calls than remain is said in words). Where the
// faces differ only in how the person acts (a button or a flag), the
// sentence takes a Face.
//
// It formats, it decides nothing: it must not import the engine, the store's
// writers or any UI toolkit, so the engine can call it too.
package wording
