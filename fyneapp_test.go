package sfsync

import (
	"os"
	"regexp"
	"testing"
)

// TestMetadataIsFyneAppTOML: the embedded metadata is the file's (About
// shows this version; fyneDo must stay migrated for Fyne's thread checks).
func TestMetadataIsFyneAppTOML(t *testing.T) {
	m, err := Metadata()
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile("FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	version := regexp.MustCompile(`(?m)^Version = "([^"]+)"`).FindSubmatch(raw)
	if version == nil || m.Version != string(version[1]) || m.ID != "io.github.sfsync" || m.Build < 1 || !m.Migrations["fyneDo"] {
		t.Fatalf("metadata %+v, file version %q", m, version)
	}
}
