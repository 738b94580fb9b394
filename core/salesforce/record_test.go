package salesforce

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
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
	f.Add([]byte(`{"attributes":{"type":"Account"},"Id":"001","Owner":{"Name":"Ann"},"CSM__r":null,"N":3.0}`), "Acme, \"Inc\"", "Zürich\n東京")
	f.Add([]byte(`{"a":[1,{"b":2}],"c":{"d":{"e":null}}}`), "", "\x00")
	f.Add([]byte(`not json`), "x", "y")
	f.Fuzz(func(t *testing.T, raw []byte, a, b string) {
		var d recordDecoder
		_, _ = d.decode(raw)
		in, err := json.Marshal(map[string]any{"A": a, "B": b, "attributes": map[string]string{"type": "X"}})
		if err != nil {
			return
		}
		r, err := d.decode(in)
		if err != nil {
			t.Fatalf("decode %s: %v", in, err)
		}
		if !utf8.ValidString(a) || !utf8.ValidString(b) {
			return // json.Marshal replaced invalid bytes
		}
		if va, _ := r.Get("A"); va.Text != a || va.Null {
			t.Fatalf("A = %+v, want %q", va, a)
		}
		if vb, _ := r.Get("B"); vb.Text != b || r.Len() != 2 {
			t.Fatalf("B = %+v, want %q (%d fields)", vb, b, r.Len())
		}
	})
}
