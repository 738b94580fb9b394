// Package sfsync is the module's root. It embeds FyneApp.toml, the app's
// name, id, version and build, so every build knows them: fyne injects them
// only into binaries it builds itself, and `make package` and `go run`
// build with go. The code lives in cmd, core and ui.
package sfsync

import (
	_ "embed"
	"fmt"

	"fyne.io/fyne/v2"
	"github.com/BurntSushi/toml"
)

//go:embed FyneApp.toml
var fyneAppTOML []byte

// appFile is the part of FyneApp.toml sfsync reads.
type appFile struct {
	Details struct {
		ID, Name, Version string
		Build             int
	}
	Migrations map[string]bool
}

// Metadata is FyneApp.toml's details and migrations as Fyne's app metadata
// (for app.SetMetadata, before the app is created).
func Metadata() (fyne.AppMetadata, error) {
	var f appFile
	if err := toml.Unmarshal(fyneAppTOML, &f); err != nil {
		return fyne.AppMetadata{}, fmt.Errorf("read FyneApp.toml: %w", err)
	}
	return fyne.AppMetadata{ID: f.Details.ID, Name: f.Details.Name, Version: f.Details.Version, Build: f.Details.Build,
		Migrations: f.Migrations, Custom: map[string]string{}}, nil
}
