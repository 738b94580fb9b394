package salesforce

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Fields is what a REST record and a Bulk row both offer: named values in
// query order, each either null or text. Text is Salesforce's own literal:
// numbers as sent ("3.0"), booleans "true"/"false", dates and datetimes as
// strings (REST "…T21:03:23.000+0000", Bulk "…T06:25:12.000Z").
type Fields interface {
	Len() int
	Name(i int) string
	IsNull(i int) bool
	Text(i int) string
}

// Value is one field value; Null distinguishes null from empty text.
type Value struct {
	Text string
	Null bool
}

// Record is one REST query row. Parent relationship objects are flattened
// to dotted names ("Owner.Name", "CSM__r.Email"); a null parent appears once
// under its relationship name ("CSM__r") with a null value. "attributes" is
// dropped. Names is shared by the records of a page with the same shape:
// treat it as read-only.
type Record struct {
	Names  []string
	Values []Value
}

func (r Record) Len() int              { return len(r.Values) }
func (r Record) Name(i int) string     { return r.Names[i] }
func (r Record) IsNull(i int) bool     { return r.Values[i].Null }
func (r Record) Text(i int) string     { return r.Values[i].Text }
func (r Record) ID() string            { v, _ := r.Get("Id"); return v.Text }
func (r Record) Index(name string) int { return slices.Index(r.Names, name) }

// Get returns the named value; ok is false when the record lacks the field.
func (r Record) Get(name string) (v Value, ok bool) {
	if i := r.Index(name); i >= 0 {
		return r.Values[i], true
	}
	return Value{}, false
}

// maxRelationshipDepth bounds flattening: SOQL allows five levels of
// child-to-parent relationships.
const maxRelationshipDepth = 8

// recordDecoder flattens JSON records and shares the names slice between
// consecutive records of the same shape.
type recordDecoder struct {
	names  []string // scratch
	shared []string // last shape handed out
}

func (d *recordDecoder) decode(raw []byte) (Record, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	d.names = d.names[:0]
	var values []Value
	if err := d.object(dec, "", &values); err != nil {
		return Record{}, fmt.Errorf("decode record: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return Record{}, errors.New("decode record: data after the record's object")
	}
	if !slices.Equal(d.names, d.shared) {
		d.shared = slices.Clone(d.names)
	}
	return Record{Names: d.shared, Values: values}, nil
}

// object reads one JSON object (its '{' not yet consumed) into names/values.
func (d *recordDecoder) object(dec *json.Decoder, prefix string, values *[]Value) error {
	if err := expectDelim(dec, '{'); err != nil {
		return err
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		key, _ := t.(string)
		if key == "attributes" {
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return err
			}
			continue
		}
		name := prefix + key
		if err := d.value(dec, name, values); err != nil {
			return err
		}
	}
	_, err := dec.Token() // '}'
	return err
}

func (d *recordDecoder) value(dec *json.Decoder, name string, values *[]Value) error {
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return err
	}
	raw = bytes.TrimSpace(raw)
	switch {
	case len(raw) == 0:
		return io.ErrUnexpectedEOF
	case raw[0] == '{' && strings.Count(name, ".") < maxRelationshipDepth:
		sub := json.NewDecoder(bytes.NewReader(raw))
		sub.UseNumber()
		return d.object(sub, name+".", values)
	case raw[0] == '[' || raw[0] == '{':
		// Arrays (child subqueries, multi-valued data) and objects nested
		// deeper than SOQL allows are kept as JSON text.
		var buf bytes.Buffer
		if err := json.Compact(&buf, raw); err != nil {
			return err
		}
		d.add(name, Value{Text: buf.String()}, values)
	case raw[0] == '"':
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return err
		}
		d.add(name, Value{Text: s}, values)
	case string(raw) == "null":
		d.add(name, Value{Null: true}, values)
	default: // number, true, false: keep the literal
		d.add(name, Value{Text: string(raw)}, values)
	}
	return nil
}

func (d *recordDecoder) add(name string, v Value, values *[]Value) {
	d.names = append(d.names, name)
	*values = append(*values, v)
}

func expectDelim(dec *json.Decoder, want json.Delim) error {
	t, err := dec.Token()
	if err != nil {
		return err
	}
	if got, ok := t.(json.Delim); !ok || got != want {
		return errors.New("record is not a JSON object")
	}
	return nil
}
