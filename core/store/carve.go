package store

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
)

// The file's tree may be unreadable where its JSON values are not: bbolt
// writes each commit's new pages, the root among them, wherever there is
// room, often at the end, so a file cut short loses the root while older
// pages keep whole copies of the settings and describes (a value is stored
// in one piece, overflow pages being contiguous). carve finds them by
// scanning the raw bytes for how their JSON starts.
var (
	settingsStart = []byte(`{"loginHost":`) // SourceSettings' first field
	describeStart = []byte(`{"name":"`)     // salesforce.SObjectDescribe's first field
)

// carve fills what salvage could not read from the tree: the newest
// settings (by UpdatedAt) and a describe per object name.
func carve(path string, s *salvaged) {
	f, err := os.Open(path)
	if err != nil {
		return
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return
	}
	if s.settings == nil {
		var newest SourceSettings
		scanFor(f, info.Size(), settingsStart, func(v []byte) {
			var set SourceSettings
			if json.Unmarshal(v, &set) == nil && (s.settings == nil || set.UpdatedAt.After(newest.UpdatedAt)) {
				newest, s.settings = set, v
			}
		})
	}
	if len(s.schema) > 0 {
		return
	}
	scanFor(f, info.Size(), describeStart, func(v []byte) {
		var d struct {
			Name   string            `json:"name"`
			Fields []json.RawMessage `json:"fields"`
		}
		if json.Unmarshal(v, &d) == nil && d.Name != "" && len(d.Fields) > 0 {
			s.schema[d.Name] = v
		}
	})
}

// scanFor calls found with every JSON value in the file that starts with
// marker, reading the file in chunks that overlap by the marker's length.
func scanFor(f io.ReaderAt, size int64, marker []byte, found func(v []byte)) {
	const chunk = 8 << 20
	buf := make([]byte, chunk+len(marker))
	for base := int64(0); base < size; base += chunk {
		n, _ := f.ReadAt(buf, base)
		b := buf[:n]
		for i := 0; ; {
			j := bytes.Index(b[i:], marker)
			if j < 0 {
				break
			}
			off := base + int64(i+j)
			var v json.RawMessage
			if json.NewDecoder(io.NewSectionReader(f, off, size-off)).Decode(&v) == nil {
				found(bytes.Clone(v))
			}
			i += j + 1
		}
	}
}
