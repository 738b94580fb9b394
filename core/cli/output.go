package cli

import (
	"encoding/json"
	"io"
)

// jsonOK is --json's document for a command that succeeded.
type jsonOK struct {
	Status int `json:"status"` // always 0
	Result any `json:"result"`
}

// jsonError is --json's document for a command that failed; Status and
// ExitCode are the exit code.
type jsonError struct {
	Status   int    `json:"status"`
	Name     string `json:"name"` // UsageError, CommandFailed, AlreadyRunning, KeyringUnavailable
	Message  string `json:"message"`
	ExitCode int    `json:"exitCode"`
}

func writeJSON(w io.Writer, v any) {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
}

// out prints a command's result: as the JSON document with --json, else
// with text. Text-only output (progress, notes) goes through g.say.
func (g *global) out(result any, text func(w io.Writer)) {
	if g.json {
		writeJSON(g.io.Out, jsonOK{Result: result})
		return
	}
	text(g.io.Out)
}

// say is where a command's running commentary goes: stdout, or nowhere
// with --json (stdout then carries only the JSON document).
func (g *global) say() io.Writer {
	if g.json {
		return io.Discard
	}
	return g.io.Out
}
