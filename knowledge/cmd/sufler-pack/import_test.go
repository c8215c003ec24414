package main

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/sufler/sufler/knowledge/pack"
)

var update = flag.Bool("update", false, "rewrite the import goldens in testdata/import/*.golden")

// importCases are the fixtures of testdata/import, in each helpdesk's documented shape.
var importCases = []struct {
	format string
	files  []string
}{
	{"zendesk", []string{"zendesk.json"}},
	{"freshdesk", []string{"freshdesk-folders.json", "freshdesk-responses.json"}},
	{"zammad", []string{"zammad.json"}},
	{"helpscout", []string{"helpscout.json"}},
	{"chatwoot", []string{"chatwoot.json"}},
	{"intercom", []string{"intercom.json"}},
	{"csv", []string{"macros.csv"}},
}

func fixtures(files []string) []string {
	var out []string
	for _, f := range files {
		out = append(out, filepath.Join("testdata", "import", f))
	}
	return out
}

// TestImportGolden imports each fixture into a new pack, checked against the test pack's
// rules, and compares the pack and the report with testdata/import/<format>.golden.
func TestImportGolden(t *testing.T) {
	for _, tc := range importCases {
		t.Run(tc.format, func(t *testing.T) {
			args := append([]string{"import", "-format", tc.format, "-id", "team-" + tc.format, "-title", "Макросы " + tc.format, "-rules", pack1}, fixtures(tc.files)...)
			code, out, report := runCmd(t, "", args...)
			if code > 1 {
				t.Fatalf("exit %d: %s", code, report)
			}
			// The pack is valid: it parses, and it passes its own rules.
			p, problems := pack.Parse([]byte(out))
			if len(problems) > 0 {
				t.Fatalf("invalid pack: %v\n%s", problems, out)
			}
			for _, pr := range pack.Lint(p) {
				if strings.Contains(pr.Problem, "breaks rule") {
					t.Errorf("the pack breaks its own rule: %s", pr)
				}
			}
			if (code == 1) != strings.Contains(report, "not mapped") && (code == 1) != strings.Contains(report, "breaks rule") {
				t.Errorf("exit %d does not say what the report says:\n%s", code, report)
			}
			golden := filepath.Join("testdata", "import", tc.format+".golden")
			got := txtar.Format(&txtar.Archive{
				Comment: []byte("sufler-pack " + strings.Join(args, " ") + "\n"),
				Files:   []txtar.File{{Name: "pack.json", Data: []byte(out)}, {Name: "report", Data: []byte(report)}},
			})
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -run TestImportGolden -update)", err)
			}
			if string(got) != string(want) {
				t.Errorf("%s differs; got:\n%s", golden, got)
			}
		})
	}
}

// TestImportInto merges macros into a full pack: its segments each get the text, the
// result passes validate with lint, and a second import replaces rather than duplicates.
func TestImportInto(t *testing.T) {
	dir := t.TempDir()
	dst := filepath.Join(dir, "pack.json")
	data, _ := os.ReadFile(pack1)
	os.WriteFile(dst, data, 0o644)
	for round := 0; round < 2; round++ {
		code, _, report := runCmd(t, "", append([]string{"import", "-format", "zendesk", "-into", dst, "-o", dst}, fixtures([]string{"zendesk.json"})...)...)
		if code != 1 || !strings.Contains(report, "zendesk-360002 «Срок выпуска»: breaks rule promise-release (error, pack vector-test) at «гарантируем выпуск»") {
			t.Fatalf("round %d: exit %d\n%s", round, code, report)
		}
	}
	if code, out, _ := runCmd(t, "", "validate", dst); code != 0 {
		t.Fatalf("merged pack fails validate:\n%s", out)
	}
	merged, _ := os.ReadFile(dst)
	p, _ := pack.Parse(merged)
	if len(p.Templates) != 7 || p.Templates[6].ID != "zendesk-360001" {
		t.Fatalf("templates: %d, last %q", len(p.Templates), p.Templates[len(p.Templates)-1].ID)
	}
	for _, s := range p.Segments {
		if v := p.Templates[6].Variants[s.ID].Text; !strings.HasPrefix(v, "{{customer_name}}, добрый день!") {
			t.Errorf("segment %s: %q", s.ID, v)
		}
	}
	// The author's own bytes stay as they were: the first template is unchanged.
	if !strings.Contains(string(merged), `"triggers": ["где мой груз", "почему так долго"`) {
		t.Error("merging reformatted the existing templates")
	}

	// -keep-breaking keeps the macro that breaks a rule, and the pack then fails lint.
	code, out, _ := runCmd(t, "", append([]string{"import", "-format", "zendesk", "-into", pack1, "-keep-breaking"}, fixtures([]string{"zendesk.json"})...)...)
	if code != 1 || !strings.Contains(out, `"zendesk-360002"`) {
		t.Errorf("-keep-breaking: exit %d", code)
	}
	// -map maps what the tables do not know.
	_, out, report := runCmd(t, "", "import", "-format", "zendesk", "-id", "m", "-title", "M", "-keep-breaking",
		"-map", "ticket.ticket_field_360099=order_id", "-map", "dc.signature=agent_name", fixtures([]string{"zendesk.json"})[0])
	if strings.Contains(report, "not mapped") || !strings.Contains(out, "Номер отслеживания: {{order_id}}. {{agent_name}}") {
		t.Errorf("-map:\n%s\n%s", report, out)
	}
}

func TestImportErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(body), 0o644)
		return p
	}
	dst := write("out.json", "previous")
	tests := []struct {
		args []string
		code int
		says string
	}{
		{[]string{"-format", "zendesk", "-id", "x", "-title", "X", write("bad.json", "{")}, 2, "bad.json: not valid JSON"},
		{[]string{"-format", "zendesk", "-id", "x", "-title", "X", write("other.json", `{"tickets": []}`)}, 2, "not a Zendesk macros export"},
		{[]string{"-format", "csv", "-id", "x", "-title", "X", write("a.csv", "name,body\nx,y\n")}, 2, `needs "title" and "text"`},
		{[]string{"-format", "csv", "-id", "x", "-title", "X", write("b.csv", "title,text\nx,\n")}, 2, "b.csv:2: empty text"},
		{[]string{"-format", "helpscout", "-id", "x", "-title", "X", write("hs.json", `[{"id": 1, "name": "a", "preview": "…"}]`)}, 2, "has only a preview"},
		{[]string{"-format", "chatwoot", "-id", "x", "-title", "X", write("cw.json", `[]`)}, 2, "no chatwoot macros"},
		{[]string{"-format", "jira", "-id", "x", "-title", "X", "f"}, 2, "usage"},
		{[]string{"-format", "csv", fixtures([]string{"macros.csv"})[0]}, 2, "needs -id and -title"},
		{[]string{"-format", "csv", "-id", "Bad_ID", "-title", "X", "-o", dst, fixtures([]string{"macros.csv"})[0]}, 2, "must match"},
		{[]string{"-format", "csv", "-into", write("broken.json", `{"id": "x"}`), "-o", dst, fixtures([]string{"macros.csv"})[0]}, 1, "not a valid pack"},
		{[]string{"-format", "csv", "-id", "x", "-title", "X", "-map", "a=B", fixtures([]string{"macros.csv"})[0]}, 2, "want placeholder=variable"},
	}
	for _, tt := range tests {
		code, _, errOut := runCmd(t, "", append([]string{"import"}, tt.args...)...)
		if code != tt.code || !strings.Contains(errOut, tt.says) {
			t.Errorf("%v: exit %d %q, want %d %q", tt.args, code, errOut, tt.code, tt.says)
		}
	}
	if b, _ := os.ReadFile(dst); string(b) != "previous" {
		t.Errorf("a failed import touched -o: %q", b)
	}
}

func TestHTMLToText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<p>Раз</p><p>Два</p>", "Раз\n\nДва"},
		{"a<br>b<br/>c", "a\nb\nc"},
		{"<ul><li>один</li><li>два</li></ul>", "— один\n— два"},
		{"<div>&laquo;да&raquo;&nbsp;&amp; нет</div>", "«да» & нет"},
		{"<p>Hi <attribute key=\"user.name\" default=\"there\"/>!</p>", "Hi {{user.name}}!"},
		{"<style>p{color:red}</style><!-- x --><p>text\n  wrapped</p>", "text wrapped"},
	}
	for _, tt := range tests {
		if got := htmlToText(tt.in); got != tt.want {
			t.Errorf("htmlToText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzImportText(f *testing.F) {
	f.Add("<p>{{ticket.requester.name}}, #{user.firstname} {%customer.firstName,fallback=x%}</p>{% if a %}b{% endif %}")
	f.Add("{{{x}}} }} {{ {{a}")
	f.Fuzz(func(t *testing.T, s string) {
		for _, format := range []string{"zendesk", "zammad", "helpscout", "intercom"} {
			m := &mapper{format: format}
			text := m.convert("t", htmlToText(s))
			if strings.TrimSpace(text) == "" {
				continue // import leaves such a macro out
			}
			// Whatever came in, the text goes into a pack that parses.
			tj, _ := json.Marshal(text)
			doc := `{"id":"f","version":"1","title":"F","segments":[{"id":"s","title":"S"}],"templates":[{"id":"t","title":"T","variants":{"s":` + string(tj) + `}}]}`
			if _, problems := pack.Parse([]byte(doc)); len(problems) > 0 {
				t.Fatalf("%s: %q → %q: %v", format, s, text, problems)
			}
		}
	})
}

// TestImportStrayBraces: a macro with braces that are not placeholders still imports, and a
// macro with no text left is left out, instead of failing the whole import.
func TestImportStrayBraces(t *testing.T) {
	dir := t.TempDir()
	csvPath := filepath.Join(dir, "m.csv")
	os.WriteFile(csvPath, []byte("title,text\nСкобки,\"Код {{{customer_name}}} и {{ без конца\"\nПусто,{% if x %}{% endif %}\n"), 0o644)
	code, out, report := runCmd(t, "", "import", "-format", "csv", "-id", "b", "-title", "B", csvPath)
	if code > 1 {
		t.Fatalf("exit %d: %s", code, report)
	}
	p, problems := pack.Parse([]byte(out))
	if len(problems) > 0 || len(p.Templates) != 1 {
		t.Fatalf("%v\n%s", problems, out)
	}
	if got := p.Templates[0].Variants["b"].Text; got != "Код { {{customer_name}} } и { без конца" {
		t.Errorf("text %q", got)
	}
	if !strings.Contains(report, "stray {{ or }} made single") || !strings.Contains(report, "no text left after conversion; left out") {
		t.Errorf("report:\n%s", report)
	}
}
