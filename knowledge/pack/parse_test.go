package pack

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/sufler/sufler/rules"
)

func TestParseTestPack(t *testing.T) {
	p, problems := Parse(testPack)
	if len(problems) > 0 {
		t.Fatalf("problems: %v", problemStrings(problems))
	}
	if p.ID != "vector-test" || p.Version != "0.1.0" || p.Language != "ru" {
		t.Errorf("header = %q %q %q", p.ID, p.Version, p.Language)
	}
	if got := p.SegmentIDs(); !slices.Equal(got, []string{"corporate", "smb", "newcomer"}) {
		t.Errorf("segments = %v", got)
	}
	for _, s := range p.Segments {
		if s.Pack != "vector-test" || s.Title == "" || s.Style == "" || len(s.Signals) == 0 {
			t.Errorf("segment %+v incomplete", s)
		}
	}
	if len(p.Templates) != 6 || len(p.Cases) != 4 || len(p.Specs) != 5 || p.Rules.Len() != 5 {
		t.Fatalf("got %d templates, %d cases, %d specs, %d rules", len(p.Templates), len(p.Cases), len(p.Specs), p.Rules.Len())
	}
	delay := p.Templates[0]
	if delay.ID != "delay-status" || len(delay.Triggers) != 4 || len(delay.Variants) != 3 {
		t.Errorf("delay-status = %+v", delay)
	}
	if !strings.Contains(delay.Variants["smb"].Text, "{{deadline}}") {
		t.Errorf("smb variant lost its placeholder: %q", delay.Variants["smb"].Text)
	}
	// Variables: declared ones win; otherwise the texts' placeholders in order.
	if !slices.Equal(delay.Variables, []string{"customer_name", "order_id", "deadline"}) {
		t.Errorf("declared variables = %v", delay.Variables)
	}
	docs := p.Templates[1]
	if !slices.Equal(docs.Variables, []string{"customer_name"}) {
		t.Errorf("extracted variables = %v", docs.Variables)
	}
	// A variant object keeps its channels; a string is the text.
	corp := docs.Variants["corporate"]
	if corp.Text == "" || !strings.HasPrefix(corp.Email, "{{customer_name}}, добрый день.\n\n") || corp.Messenger != "" {
		t.Errorf("corporate channels = %+v", corp)
	}
	hold := p.Cases[0]
	if hold.ID != "customs-hold" || len(hold.CustomerSays) != 3 || !slices.Equal(hold.Templates, []string{"delay-status", "documents-list"}) {
		t.Errorf("customs-hold = %+v", hold)
	}
	if p.Specs[3].Max != 1 || p.Specs[0].Replacements["corporate"][0] != "Ожидаемый срок выпуска — …" {
		t.Errorf("rule specs not read: %+v %+v", p.Specs[3], p.Specs[0])
	}
	if fs := p.Rules.Check("Гарантируем выпуск завтра.", "corporate"); len(fs) != 1 || fs[0].Rule != "promise-release" {
		t.Errorf("compiled rules do not run: %+v", fs)
	}
	info := p.Info()
	if info.Templates != 6 || info.Cases != 4 || info.Rules != 5 || len(info.Segments) != 3 {
		t.Errorf("info = %+v", info)
	}
}

// TestParseProblems changes one thing in the test pack and expects exactly these problems.
func TestParseProblems(t *testing.T) {
	tests := []struct {
		name   string
		change func(m map[string]any)
		want   []string
	}{
		{"missing pack id", func(m map[string]any) { delete(m, "id") }, []string{"id: missing"}},
		{"bad pack id", func(m map[string]any) { m["id"] = "Vector Test" }, []string{"id: must match [a-z0-9-]+"}},
		{"version not a string", func(m map[string]any) { m["version"] = 1 }, []string{"version: must be a string, not a number"}},
		{"blank title", func(m map[string]any) { m["title"] = "  " }, []string{"title: empty"}},
		{"bad language", func(m map[string]any) { m["language"] = "Russian" }, []string{`language: must be a language code such as "ru"`}},
		{"unknown top-level field", func(m map[string]any) { m["titel"] = "x" }, []string{`titel: unknown field (did you mean "title"?)`}},
		{"no segments", func(m map[string]any) { m["segments"] = []any{} }, []string{"segments: at least one segment is required"}},
		{"segments missing", func(m map[string]any) { delete(m, "segments") }, []string{"segments: at least one segment is required"}},
		{"segments not an array", func(m map[string]any) { m["segments"] = "corporate" }, []string{"segments: must be an array, not a string"}},
		{"duplicate segment", func(m map[string]any) { item(m, "segments", 2)["id"] = "smb" }, []string{
			"segments[2].id: duplicate of segments[1]",
			"templates[0].variants.newcomer: unknown segment (corporate, smb)",
			"templates[1].variants.newcomer: unknown segment (corporate, smb)",
			"templates[2].variants.newcomer: unknown segment (corporate, smb)",
			"templates[3].variants.newcomer: unknown segment (corporate, smb)",
			"templates[4].variants.newcomer: unknown segment (corporate, smb)",
			"templates[5].variants.newcomer: unknown segment (corporate, smb)",
		}},
		{"reserved segment id", func(m map[string]any) {
			item(m, "segments", 0)["id"] = "default"
			for _, x := range m["templates"].([]any) {
				v := x.(map[string]any)["variants"].(map[string]any)
				v["default"] = v["corporate"]
				delete(v, "corporate")
			}
			delete(item(m, "rules", 0)["replacements"].(map[string]any), "corporate")
		}, []string{
			`segments[0].id: "default" is reserved for replacements that fit every segment`,
			"templates[0].variants.default: unknown segment (smb, newcomer)",
			"templates[1].variants.default: unknown segment (smb, newcomer)",
			"templates[2].variants.default: unknown segment (smb, newcomer)",
			"templates[3].variants.default: unknown segment (smb, newcomer)",
			"templates[4].variants.default: unknown segment (smb, newcomer)",
			"templates[5].variants.default: unknown segment (smb, newcomer)",
		}},
		{"bad signal", func(m map[string]any) { item(m, "segments", 0)["signals"] = []any{"тендер ~x"} }, []string{
			`segments[0].signals[0]: unknown token "~x"`,
		}},
		{"missing template id", func(m map[string]any) { delete(item(m, "templates", 0), "id") }, []string{
			"templates[0].id: missing",
			`cases[0].templates[0]: unknown template "delay-status"`,
		}},
		{"duplicate template id", func(m map[string]any) { item(m, "templates", 2)["id"] = "delay-status" }, []string{
			"templates[2].id: duplicate of templates[0]",
			`cases[3].templates[1]: unknown template "payment-invoice"`,
		}},
		{"unknown template field", func(m map[string]any) {
			tp := item(m, "templates", 0)
			tp["trigers"] = tp["triggers"]
			delete(tp, "triggers")
		}, []string{`templates[0].trigers: unknown field (did you mean "triggers"?)`}},
		{"variant for an unknown segment", func(m map[string]any) {
			item(m, "templates", 1)["variants"].(map[string]any)["vip"] = "Текст"
		}, []string{"templates[1].variants.vip: unknown segment (corporate, smb, newcomer)"}},
		{"missing variant", func(m map[string]any) {
			delete(item(m, "templates", 3)["variants"].(map[string]any), "newcomer")
		}, []string{"templates[3].variants: missing segment newcomer"}},
		{"missing two variants", func(m map[string]any) {
			item(m, "templates", 3)["variants"] = map[string]any{"smb": "Текст"}
		}, []string{"templates[3].variants: missing segments corporate, newcomer"}},
		{"empty variant", func(m map[string]any) {
			item(m, "templates", 4)["variants"].(map[string]any)["smb"] = " "
		}, []string{"templates[4].variants.smb: empty"}},
		{"variant of the wrong type", func(m map[string]any) {
			item(m, "templates", 4)["variants"].(map[string]any)["smb"] = []any{"Текст"}
		}, []string{"templates[4].variants.smb: must be a string or an object with text, not an array"}},
		{"variant object without text", func(m map[string]any) {
			item(m, "templates", 1)["variants"].(map[string]any)["corporate"] = map[string]any{"email": "Письмо"}
		}, []string{"templates[1].variants.corporate.text: missing"}},
		{"unknown channel", func(m map[string]any) {
			item(m, "templates", 1)["variants"].(map[string]any)["corporate"].(map[string]any)["sms"] = "СМС"
		}, []string{"templates[1].variants.corporate.sms: unknown field; expected one of: text, email, messenger"}},
		{"variants missing", func(m map[string]any) { delete(item(m, "templates", 5), "variants") }, []string{"templates[5].variants: missing"}},
		{"undeclared variable", func(m map[string]any) {
			item(m, "templates", 0)["variants"].(map[string]any)["smb"] = "{{customer_name}}, заявка {{order_no}} в пути."
		}, []string{
			"templates[0].variants.smb: uses {{order_no}}, which variables does not declare",
		}},
		{"declared variable unused", func(m map[string]any) {
			item(m, "templates", 5)["variables"] = []any{"customer_name", "time", "phone"}
		}, []string{`templates[5].variables[2]: "phone" is not used in any variant`}},
		{"bad variable name", func(m map[string]any) {
			item(m, "templates", 5)["variables"] = []any{"customer_name", "time", "Имя"}
		}, []string{`templates[5].variables[2]: "Имя" is not a variable name ([a-z][a-z0-9_]*)`}},
		{"malformed placeholder", func(m map[string]any) {
			item(m, "templates", 1)["variants"].(map[string]any)["smb"] = "{{Имя}}, пришлите инвойс."
		}, []string{`templates[1].variants.smb: malformed placeholder "{{Имя}}"; write {{name}} with [a-z][a-z0-9_]*`}},
		{"unclosed placeholder", func(m map[string]any) {
			item(m, "templates", 1)["variants"].(map[string]any)["smb"] = "{{customer_name, пришлите инвойс."
		}, []string{`templates[1].variants.smb: malformed placeholder "{{customer_name, пришл…"; write {{name}} with [a-z][a-z0-9_]*`}},
		{"trigger not a string", func(m map[string]any) {
			item(m, "templates", 0)["triggers"] = []any{"где мой груз", 7}
		}, []string{"templates[0].triggers[1]: must be a string, not a number"}},
		{"duplicate trigger", func(m map[string]any) {
			item(m, "templates", 0)["triggers"] = []any{"где мой груз", "почему так долго", "где мой груз"}
		}, []string{"templates[0].triggers[2]: duplicate of templates[0].triggers[0]"}},
		{"templates not an array", func(m map[string]any) { m["templates"] = map[string]any{} }, []string{
			"templates: must be an array, not an object",
			`cases[0].templates[0]: unknown template "delay-status"`,
			`cases[0].templates[1]: unknown template "documents-list"`,
			`cases[1].templates[0]: unknown template "customs-cost"`,
			`cases[2].templates[0]: unknown template "damage-claim"`,
			`cases[3].templates[0]: unknown template "documents-list"`,
			`cases[3].templates[1]: unknown template "payment-invoice"`,
		}},
		{"template not an object", func(m map[string]any) { m["templates"].([]any)[2] = "payment-invoice" }, []string{
			"templates[2]: must be an object, not a string",
			`cases[3].templates[1]: unknown template "payment-invoice"`,
		}},
		{"case links an unknown template", func(m map[string]any) {
			item(m, "cases", 0)["templates"] = []any{"delay-status", "x"}
		}, []string{`cases[0].templates[1]: unknown template "x"`}},
		{"duplicate case id", func(m map[string]any) { item(m, "cases", 3)["id"] = "grey-scheme" }, []string{
			"cases[3].id: duplicate of cases[1]",
		}},
		{"case title missing", func(m map[string]any) { delete(item(m, "cases", 2), "title") }, []string{"cases[2].title: missing"}},
		{"rule regex does not compile", func(m map[string]any) { item(m, "rules", 2)["regex"] = "100(" }, []string{"rules[2].regex: "}},
		{"must-flag example not flagged", func(m map[string]any) {
			item(m, "rules", 0)["examples"].(map[string]any)["flag"] = []any{"Ожидаем выпуск к пятнице."}
		}, []string{"rules[0].examples.flag[0]: not flagged"}},
		{"rule field of the wrong type", func(m map[string]any) { item(m, "rules", 3)["max"] = "1" }, []string{
			"rules[3].max: must be a number, not a string",
		}},
		{"rule max not whole", func(m map[string]any) { item(m, "rules", 3)["max"] = 1.5 }, []string{
			"rules[3].max: must be a whole number from 0 to 1000",
		}},
		{"replacement for an unknown segment", func(m map[string]any) {
			item(m, "rules", 0)["replacements"].(map[string]any)["vip"] = []any{"Текст"}
		}, []string{"rules[0].replacements.vip: unknown segment (corporate, smb, newcomer, or default)"}},
		{"duplicate rule id", func(m map[string]any) { item(m, "rules", 3)["id"] = "grey-scheme" }, []string{
			"rules[3].id: duplicate: the rule at [1] has this id",
		}},
		{"unknown rule field", func(m map[string]any) { item(m, "rules", 1)["pattern"] = []any{"x"} }, []string{
			`rules[1].pattern: unknown field (did you mean "patterns"?)`,
		}},
		// A field reported for its type is not reported again by rules.Compile as missing.
		{"no echo from Compile", func(m map[string]any) {
			item(m, "rules", 0)["patterns"] = "гарантир*"
			item(m, "rules", 4)["detector"] = "iban"
		}, []string{
			"rules[0].patterns: must be an array of strings, not a string",
			"rules[4].detector: ",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := packMap(t)
			tt.change(m)
			p, problems := Parse(encode(t, m))
			got := problemStrings(problems)
			if p != nil {
				t.Errorf("Parse returned a pack despite problems")
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d problems, want %d:\n%s", len(got), len(tt.want), strings.Join(got, "\n"))
			}
			for i := range got {
				// A want ending in ": " leaves the wording to the rules package.
				if got[i] != tt.want[i] && !(strings.HasSuffix(tt.want[i], ": ") && strings.HasPrefix(got[i], tt.want[i])) {
					t.Errorf("problem %d:\n got %s\nwant %s", i, got[i], tt.want[i])
				}
			}
		})
	}
}

// TestParseDocumentProblems covers what is wrong with the document as a whole.
func TestParseDocumentProblems(t *testing.T) {
	tests := []struct {
		name, data string
		want       []string
	}{
		{"empty", "", []string{"empty document; a pack is a JSON object"}},
		{"blank", " \n\t", []string{"empty document; a pack is a JSON object"}},
		{"array", "[]", []string{"a pack must be a JSON object, not an array"}},
		{"string", `"pack"`, []string{"a pack must be a JSON object, not a string"}},
		{"trailing comma", "{\n  \"id\": \"x\",\n}", []string{
			"invalid JSON at line 3, column 1 (byte 15): invalid character '}' looking for beginning of object key string",
		}},
		{"cut short", `{"id": "x", "segments": [`, []string{
			"invalid JSON at line 1, column 26 (byte 25): unexpected end of JSON input",
		}},
		{"offset counts characters, not bytes", "{\"title\": \"Груз\" \"id\": 1}", []string{
			"invalid JSON at line 1, column 18 (byte 21): invalid character '\"' after object key:value pair",
		}},
		{"duplicate key", `{"id": "a", "version": "1", "title": "Т", "id": "b", "segments": [{"id": "s", "title": "С"}]}`, []string{
			"id: duplicate key",
		}},
		{"odd key quoted", `{"id": "a", "version": "1", "title": "Т", "my field": 1, "segments": [{"id": "s", "title": "С"}]}`, []string{
			`["my field"]: unknown field; expected one of: $schema, id, version, title, language, source, signals, segments, templates, cases, rules`,
		}},
		{"nested too deep", strings.Repeat("[", 40) + strings.Repeat("]", 40), []string{
			"JSON nested deeper than 32 levels; a pack needs 5",
		}},
		{"byte order mark is fine", "\xef\xbb\xbf" + `{"id": "a", "version": "1", "title": "Т", "segments": [{"id": "s", "title": "С"}]}`, nil},
		{"invalid UTF-8 in a string", `{"id": "a", "version": "1", "title": "` + "\xff" + `", "segments": [{"id": "s", "title": "С"}]}`, []string{
			"title: not valid UTF-8",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, problems := Parse([]byte(tt.data))
			got := problemStrings(problems)
			if !slices.Equal(got, tt.want) && !(len(got) == 0 && len(tt.want) == 0) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if (p == nil) != (len(tt.want) > 0) {
				t.Errorf("pack = %v with %d problems", p != nil, len(got))
			}
		})
	}
}

// TestParseReportsEverything: problems in different places all come back from one Parse.
func TestParseReportsEverything(t *testing.T) {
	m := packMap(t)
	m["version"] = 2
	item(m, "templates", 0)["variants"].(map[string]any)["vip"] = "Текст"
	item(m, "cases", 1)["templates"] = []any{"nope"}
	item(m, "rules", 2)["regex"] = "("
	_, problems := Parse(encode(t, m))
	got := strings.Join(problemStrings(problems), "\n")
	for _, want := range []string{"version: ", "templates[0].variants.vip: ", "cases[1].templates[0]: ", "rules[2].regex: "} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
}

// TestRuleFieldsMatchSpec keeps the rule keys Parse accepts in step with rules.Spec.
func TestRuleFieldsMatchSpec(t *testing.T) {
	var tags []string
	st := reflect.TypeOf(rules.Spec{})
	for i := 0; i < st.NumField(); i++ {
		tag, _, _ := strings.Cut(st.Field(i).Tag.Get("json"), ",")
		tags = append(tags, tag)
	}
	slices.Sort(tags)
	known := slices.Clone(ruleFields)
	slices.Sort(known)
	if !slices.Equal(tags, known) {
		t.Errorf("rules.Spec has %v, Parse knows %v", tags, known)
	}
}

func TestVariables(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"{{customer_name}}, заявка {{order_id}}; {{customer_name}}", []string{"customer_name", "order_id"}},
		{"без переменных", nil},
		{"{{ bad }} и {{ok}}", []string{"ok"}},
		{"{{unclosed", nil},
	}
	for _, tt := range tests {
		if got := Variables(tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("Variables(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// TestProblemReference: a problem says, besides its path, which pack and entry it is in
// and where in the JSON text, so an editor can jump there and a list can name the entry.
func TestProblemReference(t *testing.T) {
	doc := "{\n  \"id\": \"ref\", \"version\": \"1\", \"title\": \"R\",\n  \"segments\": [{\"id\": \"s\", \"title\": \"S\"}],\n" +
		"  \"templates\": [\n    {\"id\": \"greet\", \"title\": \"G\", \"variants\": {\"s\": \"Привет, {{Имя}}\"}},\n" +
		"    {\"title\": \"No id\", \"variants\": {\"s\": \"Текст\"}, \"trigers\": []}\n  ],\n" +
		"  \"rules\": [{\"id\": \"r1\", \"kind\": \"regex\", \"category\": \"x\", \"severity\": \"error\", \"message\": \"M\", \"why\": \"W\", \"regex\": \"(\", \"examples\": {\"flag\": [\"a\"]}}]\n}"
	_, problems := Parse([]byte(doc))
	want := map[string]Problem{
		"templates[0].variants.s": {Pack: "ref", Kind: "template", ID: "greet", Line: 5, Column: 53},
		"templates[1].id":         {Pack: "ref", Kind: "template", ID: "", Line: 6, Column: 5},
		"templates[1].trigers":    {Pack: "ref", Kind: "template", Line: 6, Column: 63},
		"rules[0].regex":          {Pack: "ref", Kind: "rule", ID: "r1", Line: 8, Column: 118},
	}
	seen := 0
	for _, p := range problems {
		w, ok := want[p.Path]
		if !ok {
			continue
		}
		seen++
		if p.Pack != w.Pack || p.Kind != w.Kind || p.ID != w.ID || p.Line != w.Line || p.Column != w.Column {
			t.Errorf("%s: pack %q kind %q id %q at %d:%d; want %q %q %q at %d:%d (%s)", p.Path,
				p.Pack, p.Kind, p.ID, p.Line, p.Column, w.Pack, w.Kind, w.ID, w.Line, w.Column, p.Problem)
		}
	}
	if seen != len(want) {
		t.Errorf("%d of the %d expected problems; got %v", seen, len(want), problems)
	}
	_, problems = Parse([]byte("{\n  \"id\": \"x\",\n  \"title\": \"T\" \"version\": \"1\"\n}"))
	if len(problems) != 1 || problems[0].Line != 3 || problems[0].Column != 16 {
		t.Errorf("syntax error: %+v; want line 3, column 16", problems)
	}
}

// TestLocate: a problem is located at the value its path points at, or at the object that
// lacks it; keys that need quoting in a path are found too.
func TestLocate(t *testing.T) {
	data := []byte("{\n \"a\": {\n  \"odd.key\": [\n   1,\n   {\"b\": 2}\n  ]\n },\n \"my field\": 3\n}")
	tests := []struct {
		path      string
		line, col int
	}{
		{"a", 2, 7},
		{`a["odd.key"]`, 3, 14},
		{`a["odd.key"][1]`, 5, 4},
		{`a["odd.key"][1].b`, 5, 10},
		{`a["odd.key"][1].missing`, 5, 4}, // a missing field: its object
		{`["my field"]`, 8, 14},
		{"nope", 1, 1},
		{"", 0, 0},
	}
	for _, tt := range tests {
		ps := []Problem{{Path: tt.path}}
		Locate(data, ps)
		if ps[0].Line != tt.line || ps[0].Column != tt.col {
			t.Errorf("Locate(%q) = %d:%d, want %d:%d", tt.path, ps[0].Line, ps[0].Column, tt.line, tt.col)
		}
	}
}
