package salesforce

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestRecordFlattening(t *testing.T) {
	page := queryPage{Records: jsonRaws{
		`{"attributes":{"type":"Account","url":"/services/data/v62.0/sobjects/Account/001A"},"Id":"001A","Name":"Acme",
		  "AnnualRevenue":3.0,"NumberOfEmployees":12,"IsDeleted":false,"Description":null,
		  "Owner":{"attributes":{"type":"User","url":"/x"},"Name":"Ann Lee","Email":"ann@x.com"},
		  "CSM__r":{"attributes":{"type":"User"},"Name":"Bo","Manager":{"attributes":{},"Name":"Cy"}},
		  "Tags":["a", "b"]}`,
		`{"attributes":{"type":"Account"},"Id":"001B","Name":"B","AnnualRevenue":null,"NumberOfEmployees":1,"IsDeleted":true,"Description":"d",
		  "Owner":{"attributes":{"type":"User"},"Name":"Dee","Email":null},"CSM__r":null,"Tags":[]}`,
	}.raw()}
	res, err := page.result()
	if err != nil {
		t.Fatal(err)
	}
	a, b := res.Records[0], res.Records[1]
	wantA := []string{"Id", "Name", "AnnualRevenue", "NumberOfEmployees", "IsDeleted", "Description",
		"Owner.Name", "Owner.Email", "CSM__r.Name", "CSM__r.Manager.Name", "Tags"}
	if !slices.Equal(a.Names, wantA) {
		t.Fatalf("names %q", a.Names)
	}
	checks := []struct {
		r    Record
		name string
		want Value
	}{
		{a, "AnnualRevenue", Value{Text: "3.0"}},
		{a, "NumberOfEmployees", Value{Text: "12"}},
		{a, "IsDeleted", Value{Text: "false"}},
		{a, "Description", Value{Null: true}},
		{a, "Owner.Email", Value{Text: "ann@x.com"}},
		{a, "CSM__r.Manager.Name", Value{Text: "Cy"}},
		{a, "Tags", Value{Text: `["a","b"]`}},
		{b, "CSM__r", Value{Null: true}},
		{b, "Owner.Email", Value{Null: true}},
		{b, "IsDeleted", Value{Text: "true"}},
	}
	for _, c := range checks {
		if got, ok := c.r.Get(c.name); !ok || got != c.want {
			t.Errorf("%s %s = %+v, %v; want %+v", c.r.ID(), c.name, got, ok, c.want)
		}
	}
	if _, ok := a.Get("attributes"); ok {
		t.Error("attributes kept")
	}
	var f Fields = a
	if f.Len() != len(wantA) || f.Name(1) != "Name" || f.Text(1) != "Acme" || !f.IsNull(5) {
		t.Error("Fields view")
	}
}

func TestRecordsShareNames(t *testing.T) {
	page := queryPage{Records: jsonRaw(`{"Id":"1","Name":"a"}|{"Id":"2","Name":"b"}|{"Id":"3"}`).split()}
	res, err := page.result()
	if err != nil {
		t.Fatal(err)
	}
	r := res.Records
	if &r[0].Names[0] != &r[1].Names[0] {
		t.Error("same-shape records do not share names")
	}
	if !slices.Equal(r[2].Names, []string{"Id"}) || !slices.Equal(r[0].Names, []string{"Id", "Name"}) {
		t.Errorf("names %q %q", r[0].Names, r[2].Names)
	}
	bad := queryPage{Records: jsonRaw(`[1]`).split()}
	if _, err := bad.result(); err == nil {
		t.Error("non-object record accepted")
	}
}

// jsonRaw helps write record fixtures.
type jsonRaw string

func (s jsonRaw) split() []json.RawMessage {
	var out []json.RawMessage
	for _, p := range strings.Split(string(s), "|") {
		out = append(out, json.RawMessage(p))
	}
	return out
}

type jsonRaws []jsonRaw

func (s jsonRaws) raw() []json.RawMessage {
	out := make([]json.RawMessage, len(s))
	for i, r := range s {
		out[i] = json.RawMessage(r)
	}
	return out
}

// FuzzRecordDecode: decoding never panics, and a flat object of string
// fields built from the fuzz input comes back value for value.
func FuzzRecordDecode(f *testing.F) {
	f.Add([]byte(`{"attributes":{"type":"Account"},"Id":"001","Owner":{"Name":"Ann"},"CSM__r":null,"N":3.0}`))
	f.Add([]byte(`{"a":[1,{"b":2}],"c":{"d":{"e":null}},"n":9.9213206E7,"t":true}`))
	f.Add([]byte(`{"a":{"b":{"c":{"d":{"e":{"f":{"g":{"h":{"i":{"j":1}}}}}}}}}}`))
	f.Add([]byte(`not json`))
	f.Add([]byte(`{"a":1} trailing`))
	f.Add([]byte(`{"s":"Zürich\n東京 \"q\""}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		var d recordDecoder
		got, err := d.decode(raw)
		var top map[string]any
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.UseNumber()
		werr := dec.Decode(&top)
		if werr == nil && dec.More() || werr == nil && !json.Valid(raw) {
			werr = errors.New("trailing data")
		}
		switch {
		case werr != nil || top == nil:
			if err == nil {
				t.Fatalf("decoded %q although it is not one JSON object (%v)", raw, werr)
			}
			return
		case err != nil:
			t.Fatalf("decode %q: %v, but encoding/json reads it", raw, err)
		}
		if hasRepeatedKey(raw) {
			return // no single meaning (RFC 8259 §4); Salesforce never sends one
		}
		want := map[string]Value{}
		flattenRef(want, "", top, 0)
		have := map[string]Value{}
		for i, n := range got.Names {
			have[n] = got.Values[i]
		}
		if len(have) != len(want) {
			t.Fatalf("%q: fields %v, encoding/json gives %v", raw, have, want)
		}
		for n, w := range want {
			h, ok := have[n]
			if !ok || h.Null != w.Null || !sameJSONText(h.Text, w.Text) {
				t.Fatalf("%q: %s = %+v, encoding/json gives %+v", raw, n, h, w)
			}
		}
	})
}

// hasRepeatedKey reports whether any object in valid JSON repeats a name.
func hasRepeatedKey(raw []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(raw))
	type frame struct {
		obj  bool
		keys map[string]bool
		key  bool // the next string token in an object is a key
	}
	var stack []frame
	for {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		top := len(stack) - 1
		switch v := tok.(type) {
		case json.Delim:
			switch v {
			case '{', '[':
				if top >= 0 && stack[top].obj {
					stack[top].key = true
				}
				stack = append(stack, frame{obj: v == '{', keys: map[string]bool{}, key: v == '{'})
			default:
				stack = stack[:top]
			}
			continue
		case string:
			if top >= 0 && stack[top].obj && stack[top].key {
				if stack[top].keys[v] {
					return true
				}
				stack[top].keys[v] = true
				stack[top].key = false
				continue
			}
		}
		if top >= 0 && stack[top].obj {
			stack[top].key = true
		}
	}
}

// flattenRef is the reference flattening, from encoding/json's own reading:
// "attributes" dropped, nested objects to dotted names down to
// maxRelationshipDepth, deeper objects and arrays kept as JSON text.
func flattenRef(out map[string]Value, prefix string, obj map[string]any, depth int) {
	for k, v := range obj {
		if k == "attributes" {
			continue
		}
		name := prefix + k
		switch x := v.(type) {
		case nil:
			out[name] = Value{Null: true}
		case string:
			out[name] = Value{Text: x}
		case json.Number:
			out[name] = Value{Text: x.String()}
		case bool:
			out[name] = Value{Text: strconv.FormatBool(x)}
		case map[string]any:
			if strings.Count(name, ".") < maxRelationshipDepth {
				flattenRef(out, name+".", x, depth+1)
				continue
			}
			b, _ := json.Marshal(x)
			out[name] = Value{Text: string(b)}
		default:
			b, _ := json.Marshal(x)
			out[name] = Value{Text: string(b)}
		}
	}
}

// sameJSONText compares two texts as JSON values when both are objects or
// arrays (key order and spacing aside), else byte for byte.
func sameJSONText(a, b string) bool {
	if a == b {
		return true
	}
	if !strings.HasPrefix(a, "{") && !strings.HasPrefix(a, "[") {
		return false
	}
	var x, y any
	da, db := json.NewDecoder(strings.NewReader(a)), json.NewDecoder(strings.NewReader(b))
	da.UseNumber()
	db.UseNumber()
	return da.Decode(&x) == nil && db.Decode(&y) == nil && reflect.DeepEqual(x, y)
}
