// Package assets embeds the files sfsync ships: the application icon and the
// field preset definitions.
package assets

import _ "embed"

//go:embed icon.png
var iconPNG []byte

// IconPNG returns the application icon as PNG bytes.
func IconPNG() []byte { return iconPNG }
