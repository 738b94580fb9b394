package assets

import _ "embed" // for go:embed

//go:embed presets.json
var presetsJSON []byte

// PresetsJSON returns the field preset definitions (parse them with
// fields.ParsePresets). The slice is shared: do not modify it.
func PresetsJSON() []byte { return presetsJSON }
