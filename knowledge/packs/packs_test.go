package packs_test

// These tests hold every embedded pack to the standard a shipped pack must meet: it parses
// cleanly, it is big enough to be useful, its templates pass its own rules, and customers'
// words — the pack's own and paraphrases it has never seen — find the right answer.

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/sufler/sufler/knowledge"
	"github.com/sufler/sufler/knowledge/pack"
	"github.com/sufler/sufler/knowledge/packs"
	"github.com/sufler/sufler/rules"
)

// Minimums for a shipped pack.
const (
	minTemplates  = 40
	minCases      = 15
	minSays       = 3
	minRules      = 60
	minExamples   = 2
	minParaphrase = 25
	topN          = 3
)

// loaded is every default pack, parsed one by one and loaded together into one Base, as the
// engine loads them at start.
type loaded struct {
	packs []*pack.Pack
	base  *knowledge.Base
	err   error
}

var (
	loadOnce sync.Once
	all      loaded
)

// load parses and loads the default packs once for the whole test binary: indexing them is
// the slow part, and every test reads the same packs.
func load(t *testing.T) loaded {
	t.Helper()
	loadOnce.Do(func() {
		data := packs.Default()
		if len(data) == 0 {
			all.err = fmt.Errorf("packs.Default() returned no packs")
			return
		}
		all.base = knowledge.NewBase()
		for i, d := range data {
			p, problems := pack.Parse(d)
			if len(problems) > 0 {
				all.err = fmt.Errorf("pack %d does not parse:\n%s", i, joinProblems(problems))
				return
			}
			if _, problems, err := all.base.Put(d); err != nil {
				all.err = fmt.Errorf("pack %s does not load: %v\n%s", p.ID, err, joinProblems(problems))
				return
			}
			all.packs = append(all.packs, p)
		}
	})
	if all.err != nil {
		t.Fatal(all.err)
	}
	return all
}

func joinProblems(ps []pack.Problem) string {
	var b strings.Builder
	for _, p := range ps {
		fmt.Fprintf(&b, "  %s\n", p)
	}
	return b.String()
}

// (a) Every embedded pack parses with zero problems (Parse compiles the rules and runs every
// rule example) and passes Lint, and all of them load side by side.
func TestPacksParseAndLint(t *testing.T) {
	l := load(t)
	for _, p := range l.packs {
		if problems := pack.Lint(p); len(problems) > 0 {
			t.Errorf("pack %s: Lint:\n%s", p.ID, joinProblems(problems))
		}
	}
	if got, want := len(l.base.Packs()), len(l.packs); got != want {
		t.Errorf("Base holds %d packs, want %d", got, want)
	}
}

// (b) Sizes and sources: enough templates, cases and rules to be useful, rules that say
// which texts they flag and which they leave alone, and a source on every item.
func TestPackContent(t *testing.T) {
	for _, p := range load(t).packs {
		t.Run(p.ID, func(t *testing.T) {
			if n := len(p.Templates); n < minTemplates {
				t.Errorf("%d templates, want at least %d", n, minTemplates)
			}
			if n := len(p.Cases); n < minCases {
				t.Errorf("%d cases, want at least %d", n, minCases)
			}
			if n := len(p.Specs); n < minRules {
				t.Errorf("%d rules, want at least %d", n, minRules)
			}
			if p.Source == "" {
				t.Errorf("pack has no source")
			}
			for _, s := range p.Segments {
				if s.Source == "" || s.Style == "" || len(s.Signals) == 0 {
					t.Errorf("segment %s: needs source, style and signals", s.ID)
				}
			}
			for _, tm := range p.Templates {
				if tm.Source == "" {
					t.Errorf("template %s: no source", tm.ID)
				}
				if len(tm.Triggers) < 2 {
					t.Errorf("template %s: %d triggers, want several", tm.ID, len(tm.Triggers))
				}
			}
			for _, c := range p.Cases {
				if c.Source == "" {
					t.Errorf("case %s: no source", c.ID)
				}
				if len(c.CustomerSays) < minSays {
					t.Errorf("case %s: %d customer phrasings, want at least %d", c.ID, len(c.CustomerSays), minSays)
				}
				if len(c.Templates) == 0 {
					t.Errorf("case %s: links no template", c.ID)
				}
			}
			for _, r := range p.Specs {
				if r.Source == "" {
					t.Errorf("rule %s: no source", r.ID)
				}
				if len(r.Examples.Flag) < minExamples || len(r.Examples.Pass) < minExamples {
					t.Errorf("rule %s: %d flag and %d pass examples, want at least %d of each",
						r.ID, len(r.Examples.Flag), len(r.Examples.Pass), minExamples)
				}
				if len(r.Replacements) == 0 && r.Kind != "pii" {
					t.Errorf("rule %s: no replacements", r.ID)
				}
			}
			// The rules compile on their own too, examples included, and the set keeps them all.
			set, problems := rules.Compile(p.Specs)
			for _, pr := range problems {
				t.Errorf("rules%s: %s", pr.Path, pr.Problem)
			}
			if set != nil && set.Len() != len(p.Specs) {
				t.Errorf("compiled %d rules of %d", set.Len(), len(p.Specs))
			}
		})
	}
}

// (b) Every rule flags its flag examples by itself — not by some other rule of the pack —
// so each example documents the rule it sits in.
func TestRuleExamplesFlagTheirOwnRule(t *testing.T) {
	for _, p := range load(t).packs {
		seg := p.Segments[0].ID
		for _, r := range p.Specs {
			for _, ex := range r.Examples.Flag {
				if !hasRule(p.Rules.Check(ex, seg), r.ID) {
					t.Errorf("%s: rule %s does not flag its example %q", p.ID, r.ID, ex)
				}
			}
			for _, ex := range r.Examples.Pass {
				if hasRule(p.Rules.Check(ex, seg), r.ID) {
					t.Errorf("%s: rule %s flags its pass example %q", p.ID, r.ID, ex)
				}
			}
		}
	}
}

func hasRule(fs []rules.Finding, id string) bool {
	for _, f := range fs {
		if f.Rule == id {
			return true
		}
	}
	return false
}

// (c) A pack passes its own rules: no template text, in any channel, draws an error or a
// warning from the pack it ships in, for the segment it is written for.
func TestTemplatesPassOwnRules(t *testing.T) {
	for _, p := range load(t).packs {
		for _, tm := range p.Templates {
			for _, s := range p.Segments {
				v := tm.Variants[s.ID]
				for _, ch := range []struct{ name, text string }{{"text", v.Text}, {"email", v.Email}, {"messenger", v.Messenger}} {
					if ch.text == "" {
						continue
					}
					for _, f := range p.Rules.Check(ch.text, s.ID) {
						if f.Severity == "error" || f.Severity == "warning" {
							t.Errorf("%s: template %s, segment %s, %s: rule %s (%s) at «%s»: %s",
								p.ID, tm.ID, s.ID, ch.name, f.Rule, f.Severity, f.Match, f.Message)
						}
					}
				}
			}
		}
	}
}

// wantHit reports whether one of the top suggestions is an expected id, and checks that
// every template suggestion carries the requested segment's wording of that template.
func wantHit(t *testing.T, p *pack.Pack, sugs []knowledge.Suggestion, segment string, expect map[string]bool) bool {
	t.Helper()
	hit := false
	for _, s := range sugs {
		if s.Pack != p.ID {
			t.Errorf("segment %s (pack %s) got a suggestion from pack %s: %s", segment, p.ID, s.Pack, s.ID)
			continue
		}
		if s.Kind == pack.KindTemplate {
			tm := findTemplate(p, s.ID)
			if tm == nil {
				t.Errorf("suggested template %s is not in pack %s", s.ID, p.ID)
				continue
			}
			if want := tm.Variants[segment].Text; s.Text != want {
				t.Errorf("template %s for segment %s: text is not that segment's variant:\n got %q\nwant %q", s.ID, segment, s.Text, want)
			}
		}
		if expect[s.ID] {
			hit = true
		}
	}
	return hit
}

func findTemplate(p *pack.Pack, id string) *pack.Template {
	for i := range p.Templates {
		if p.Templates[i].ID == id {
			return &p.Templates[i]
		}
	}
	return nil
}

func ids(sugs []knowledge.Suggestion) []string {
	out := make([]string, len(sugs))
	for i, s := range sugs {
		out[i] = fmt.Sprintf("%s %s (%.3f)", s.Kind, s.ID, s.Score)
	}
	return out
}

// (d) Relevance on the pack's own words: every customer phrasing of a case, given as the
// customer's message, brings the case or one of its linked templates into the top 3 for
// every segment of the pack, and templates come in that segment's wording.
func TestCasePhrasingsFindTheirCase(t *testing.T) {
	l := load(t)
	for _, p := range l.packs {
		for _, c := range p.Cases {
			expect := map[string]bool{c.ID: true}
			for _, id := range c.Templates {
				expect[id] = true
			}
			for _, says := range c.CustomerSays {
				for _, s := range p.Segments {
					sugs, err := l.base.Suggest("", says, s.ID, topN)
					if err != nil {
						t.Fatalf("Suggest(%q, %s): %v", says, s.ID, err)
					}
					if !wantHit(t, p, sugs, s.ID, expect) {
						t.Errorf("%s: case %s, segment %s: %q finds neither the case nor its templates in the top %d: %v",
							p.ID, c.ID, s.ID, says, topN, ids(sugs))
					}
				}
			}
		}
	}
}

// paraphrase is one customer message a pack has never seen and what it should find.
type paraphrase struct {
	Context string   `json:"context"`
	Segment string   `json:"segment"`
	Expect  []string `json:"expect"`
}

// (e) Relevance on unseen words: each pack has testdata/paraphrases-<pack id>.json with
// customer messages written apart from the pack; every one must find an expected template
// or case in the top 3 for its segment, in that segment's wording.
func TestParaphrases(t *testing.T) {
	l := load(t)
	files, err := filepath.Glob(filepath.Join("testdata", "paraphrases-*.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		id := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(f), "paraphrases-"), ".json")
		if !slices.ContainsFunc(l.packs, func(p *pack.Pack) bool { return p.ID == id }) {
			t.Errorf("%s: no embedded pack %q to test", f, id)
		}
	}
	for _, p := range l.packs {
		t.Run(p.ID, func(t *testing.T) {
			name := filepath.Join("testdata", "paraphrases-"+p.ID+".json")
			data, err := os.ReadFile(name)
			if err != nil {
				t.Fatalf("every pack needs %s: %v", name, err)
			}
			var ps []paraphrase
			if err := json.Unmarshal(data, &ps); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if len(ps) < minParaphrase {
				t.Errorf("%s: %d paraphrases, want at least %d", name, len(ps), minParaphrase)
			}
			seen := packPhrasings(p)
			segs := map[string]bool{}
			for _, s := range p.Segments {
				segs[s.ID] = true
			}
			hits := 0
			for i, x := range ps {
				if !segs[x.Segment] {
					t.Errorf("%s[%d]: segment %q is not one of pack %s", name, i, x.Segment, p.ID)
					continue
				}
				if seen[norm(x.Context)] {
					t.Errorf("%s[%d]: %q is copied from the pack; paraphrases must be new words", name, i, x.Context)
				}
				expect := map[string]bool{}
				for _, id := range x.Expect {
					if !hasEntry(p, id) {
						t.Errorf("%s[%d]: expects %q, which is no template or case of pack %s", name, i, id, p.ID)
					}
					expect[id] = true
				}
				sugs, err := l.base.Suggest("", x.Context, x.Segment, topN)
				if err != nil {
					t.Fatalf("Suggest: %v", err)
				}
				if wantHit(t, p, sugs, x.Segment, expect) {
					hits++
				} else {
					t.Errorf("%s[%d] (%s): %q: none of %v in the top %d: %v", name, i, x.Segment, x.Context, x.Expect, topN, ids(sugs))
				}
			}
			t.Logf("%s: top-%d hit rate %d/%d", p.ID, topN, hits, len(ps))
		})
	}
}

// packPhrasings collects the customer words a pack already holds, normalised.
func packPhrasings(p *pack.Pack) map[string]bool {
	out := map[string]bool{}
	for _, tm := range p.Templates {
		for _, s := range tm.Triggers {
			out[norm(s)] = true
		}
	}
	for _, c := range p.Cases {
		for _, s := range c.CustomerSays {
			out[norm(s)] = true
		}
	}
	return out
}

func norm(s string) string { return strings.Join(rules.Words(s), " ") }

func hasEntry(p *pack.Pack, id string) bool {
	if findTemplate(p, id) != nil {
		return true
	}
	for _, c := range p.Cases {
		if c.ID == id {
			return true
		}
	}
	return false
}

// (f) The hard near-misses of the ПРОВЕ ГРУПП pack: each pair shares words, and only the
// first of each pair breaks the rule.
func TestProveNearMisses(t *testing.T) {
	l := load(t)
	tests := []struct {
		rule, flag, match, pass string
	}{
		{"promise-guarantee", "Гарантируем одобрение таможни.", "Гарантируем одобрение", "Гарантийный срок на оборудование — 12 месяцев."},
		{"promise-guarantee", "Гарантированный выпуск за сутки.", "Гарантированный выпуск", "Гарантийное письмо пришлю сегодня."},
		{"disrespect-blame", "Вы должны были прислать инвойс вчера.", "Вы должны были", "Вы должны получить уведомление сегодня."},
		{"bureau-dannyi", "Данный вопрос решим сегодня.", "Данный", "Пришлите данные паспорта на e-mail."},
		{"slang-colloquial", "Ну типа всё готово.", "типа", "Подпишем типовой договор."},
		{"promise-zero-risk", "Риски нулевые.", "Риски нулевые", "Нулевых рисков не бывает, но мы их снизим."},
		{"legal-grey-scheme", "Есть серая схема, выйдет дешевле.", "серая схема", "Мы не работаем по серым схемам."},
		{"pii-messenger-passport", "Скиньте фото паспорта в вотсап.", "паспорта в вотсап", "Пожалуйста, не присылайте паспорт в мессенджер."},
		{"pressure-deadline-sale", "Успейте оформить до пятницы!", "Успейте", "Не торопитесь, посмотрите условия спокойно."},
	}
	for _, seg := range []string{"corporate", "smb", "newcomer"} {
		for _, tc := range tests {
			fs, err := l.base.Check(tc.flag, seg)
			if err != nil {
				t.Fatalf("Check(%s): %v", seg, err)
			}
			found := false
			for _, f := range fs {
				if f.Rule == tc.rule {
					found = true
					if f.Match != tc.match {
						t.Errorf("%s on %q: match %q, want %q", tc.rule, tc.flag, f.Match, tc.match)
					}
					if len(f.Replacements) == 0 {
						t.Errorf("%s on %q for %s: no replacements", tc.rule, tc.flag, seg)
					}
				}
			}
			if !found {
				t.Errorf("%s: %q not flagged for %s; findings %v", tc.rule, tc.flag, seg, fs)
			}
			fs, err = l.base.Check(tc.pass, seg)
			if err != nil {
				t.Fatal(err)
			}
			if hasRule(fs, tc.rule) {
				t.Errorf("%s: near miss %q flagged for %s", tc.rule, tc.pass, seg)
			}
		}
	}
}

// Every rule of the ПРОВЕ ГРУПП pack speaks to each of its segments in their own words,
// with a default for replies written without a segment.
func TestProveReplacementsPerSegment(t *testing.T) {
	for _, p := range load(t).packs {
		if p.ID != "prove-customs" {
			continue
		}
		for _, r := range p.Specs {
			for _, key := range []string{"default", "corporate", "smb", "newcomer"} {
				if len(r.Replacements[key]) == 0 {
					t.Errorf("rule %s: no replacement for %s", r.ID, key)
				}
			}
		}
		return
	}
	t.Fatal("pack prove-customs is not embedded")
}

// The complete example in README.md is a pack a company would copy: it must parse and
// pass Lint as printed.
func TestReadmeExamplePack(t *testing.T) {
	data, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(data), "## A complete small pack")
	if !ok {
		t.Fatal("README.md has no «A complete small pack» section")
	}
	_, rest, ok = strings.Cut(rest, "```json\n")
	if !ok {
		t.Fatal("the example section has no json block")
	}
	block, _, _ := strings.Cut(rest, "```")
	p, problems := pack.Parse([]byte(block))
	if len(problems) > 0 {
		t.Fatalf("README example pack does not parse:\n%s", joinProblems(problems))
	}
	if problems := pack.Lint(p); len(problems) > 0 {
		t.Errorf("README example pack fails Lint:\n%s", joinProblems(problems))
	}
	if len(p.Segments) < 2 || len(p.Templates) == 0 || len(p.Cases) == 0 || len(p.Specs) == 0 {
		t.Errorf("README example should show every part of a pack, got %d segments, %d templates, %d cases, %d rules",
			len(p.Segments), len(p.Templates), len(p.Cases), len(p.Specs))
	}
}

// pack.schema.json describes every rule field rules.Spec reads, and no other: editors
// that validate against it must not reject a field the engine takes, nor accept a typo.
func TestSchemaRuleFieldsMatchSpec(t *testing.T) {
	data, err := os.ReadFile("pack.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var schema struct {
		Schema string `json:"$schema"`
		Defs   map[string]struct {
			Properties map[string]json.RawMessage `json:"properties"`
			Required   []string                   `json:"required"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(data, &schema); err != nil {
		t.Fatalf("pack.schema.json: %v", err)
	}
	if schema.Schema != "https://json-schema.org/draft/2020-12/schema" {
		t.Errorf("$schema = %q, want draft 2020-12", schema.Schema)
	}
	inSchema := map[string]bool{}
	for k := range schema.Defs["rule"].Properties {
		inSchema[k] = true
	}
	inSpec := map[string]bool{}
	st := reflect.TypeOf(rules.Spec{})
	for i := 0; i < st.NumField(); i++ {
		name, _, _ := strings.Cut(st.Field(i).Tag.Get("json"), ",")
		inSpec[name] = true
		if !inSchema[name] {
			t.Errorf("rules.Spec field %q is missing from $defs.rule.properties", name)
		}
	}
	for k := range inSchema {
		if !inSpec[k] {
			t.Errorf("$defs.rule.properties has %q, which rules.Spec does not read", k)
		}
	}
	for _, req := range []string{"id", "kind", "category", "severity", "message", "why", "examples"} {
		if !slices.Contains(schema.Defs["rule"].Required, req) {
			t.Errorf("$defs.rule.required lacks %q", req)
		}
	}
}
