package rules

import (
	"slices"
	"testing"
)

// valid returns a rule that compiles cleanly, examples included.
func valid(id string) Spec {
	return Spec{
		ID: id, Kind: "sequence", Category: "promise", Severity: "error",
		Message: "Не обещайте того, что решает таможня", Why: "Политика, §7",
		Patterns: []string{"гарантир* ~2 одобрени*|прохождени*"},
		Examples: Examples{Flag: []string{"Гарантируем прохождение"}, Pass: []string{"Гарантийный срок"}},
	}
}

func TestCompileValid(t *testing.T) {
	a, b := valid("a"), valid("b")
	b.Kind, b.Patterns, b.Regex = "regex", nil, `100\s*%`
	b.Examples = Examples{Flag: []string{"на 100 %"}, Pass: []string{"на 99%"}}
	set, probs := Compile([]Spec{a, b})
	if len(probs) > 0 {
		t.Fatalf("problems: %v", probs)
	}
	if set.Len() != 2 {
		t.Fatalf("Len() = %d", set.Len())
	}
	ids := []string{}
	for _, r := range set.Rules() {
		ids = append(ids, r.ID+"/"+r.Kind)
	}
	if !slices.Equal(ids, []string{"a/sequence", "b/regex"}) {
		t.Errorf("Rules() = %v", ids)
	}
	if got := set.Categories(); !slices.Equal(got, []string{"promise"}) {
		t.Errorf("Categories() = %v", got)
	}
}

func TestCompileProblems(t *testing.T) {
	tests := []struct {
		name   string
		change func(s *Spec)
		want   []string
	}{
		{"missing id", func(s *Spec) { s.ID = "" }, []string{"[1].id: missing"}},
		{"bad id", func(s *Spec) { s.ID = "Bad Id" }, []string{`[1].id: "Bad Id": use lowercase latin letters, digits and hyphens`}},
		{"duplicate id", func(s *Spec) { s.ID = "a" }, []string{"[1].id: duplicate: the rule at [0] has this id"}},
		{"unknown kind", func(s *Spec) { s.Kind = "foo" }, []string{`[1].kind: unknown kind "foo" (sequence, regex, count, pii)`}},
		{"missing kind", func(s *Spec) { s.Kind = "" }, []string{`[1].kind: missing (sequence, regex, count, pii)`}},
		{"missing category", func(s *Spec) { s.Category = "" }, []string{"[1].category: missing"}},
		{"bad category", func(s *Spec) { s.Category = "Обещания" }, []string{`[1].category: "Обещания": use a lowercase id such as promise or pii`}},
		{"bad severity", func(s *Spec) { s.Severity = "fatal" }, []string{"[1].severity: must be error, warning or hint"}},
		{"missing severity", func(s *Spec) { s.Severity = "" }, []string{"[1].severity: must be error, warning or hint"}},
		{"missing message", func(s *Spec) { s.Message = " " }, []string{"[1].message: missing: say in one sentence what is wrong"}},
		{"missing why", func(s *Spec) { s.Why = "" }, []string{"[1].why: missing: name the policy behind the rule"}},
		{"bad pattern", func(s *Spec) { s.Patterns = []string{"гарантир*", "a ~x b"} }, []string{`[1].patterns[1]: unknown token "~x"`}},
		{"no patterns", func(s *Spec) { s.Patterns = nil }, []string{"[1].patterns: missing: give at least one pattern"}},
		{"bad regex", func(s *Spec) { s.Kind, s.Patterns, s.Regex = "regex", nil, "гарант(" },
			[]string{"[1].regex: error parsing regexp: missing closing ): `гарант(`"}},
		{"regex missing", func(s *Spec) { s.Kind, s.Patterns = "regex", nil }, []string{"[1].regex: missing"}},
		{"regex \\b", func(s *Spec) { s.Kind, s.Patterns, s.Regex = "regex", nil, `\bгарант` },
			[]string{`[1].regex: \b and \B are ASCII-only in Go and never fire next to Cyrillic; use a sequence rule`}},
		{"regex capital", func(s *Spec) { s.Kind, s.Patterns, s.Regex = "regex", nil, `Гарант` },
			[]string{`[1].regex: "Г" never occurs in normalised text (lowercase, ё→е, plain quotes and dashes); write "г"`}},
		{"regex ё", func(s *Spec) { s.Kind, s.Patterns, s.Regex = "regex", nil, `ещё` },
			[]string{`[1].regex: "ё" never occurs in normalised text (lowercase, ё→е, plain quotes and dashes); write "е"`}},
		{"regex empty match", func(s *Spec) { s.Kind, s.Patterns, s.Regex = "regex", nil, `x*` }, []string{"[1].regex: matches the empty string"}},
		{"regex on a sequence", func(s *Spec) { s.Regex = "x" }, []string{"[1].regex: only regex rules take regex"}},
		{"patterns on a regex", func(s *Spec) { s.Kind, s.Regex = "regex", "гарант" }, []string{"[1].patterns: only sequence and count rules take patterns"}},
		{"count without max", func(s *Spec) { s.Kind = "count" }, []string{"[1].max: missing: a count rule needs max ≥ 1, the occurrences a reply may hold"}},
		{"negative max", func(s *Spec) { s.Kind, s.Max = "count", -1 }, []string{"[1].max: -1: must be at least 1"}},
		{"max on a sequence", func(s *Spec) { s.Max = 2 }, []string{"[1].max: only count rules take max"}},
		{"unknown detector", func(s *Spec) { s.Kind, s.Patterns, s.Detector = "pii", nil, "email" },
			[]string{`[1].detector: unknown detector "email" (passport, snils, inn, card, phone)`}},
		{"missing detector", func(s *Spec) { s.Kind, s.Patterns = "pii", nil }, []string{`[1].detector: missing (passport, snils, inn, card, phone)`}},
		{"detector on a sequence", func(s *Spec) { s.Detector = "card" }, []string{"[1].detector: only pii rules take detector"}},
		{"allow on a card", func(s *Spec) { s.Kind, s.Patterns, s.Detector, s.Allow = "pii", nil, "card", []string{"88005553535"} },
			[]string{"[1].allow: only the phone detector takes allow"}},
		{"bad allow", func(s *Spec) {
			s.Kind, s.Patterns, s.Detector, s.Allow = "pii", nil, "phone", []string{"8 800 555-35-35", "555-35-35"}
		},
			[]string{`[1].allow[1]: "555-35-35" is not a Russian phone number (10 digits, or 11 starting with 7 or 8)`}},
		{"bad anchor", func(s *Spec) { s.Anchor = "line-start" }, []string{`[1].anchor: unknown anchor "line-start" (sentence-start)`}},
		{"bad exception", func(s *Spec) { s.Exceptions = []string{"ok", "~2 ok"} }, []string{"[1].exceptions[1]: gap ~2 must stand between two required words"}},
		{"bad unless_before", func(s *Spec) { s.UnlessBefore = []string{"a||b"} }, []string{`[1].unless_before[0]: empty alternative in "a||b"`}},
		{"bad unless_after", func(s *Spec) { s.UnlessAfter = []string{""} }, []string{"[1].unless_after[0]: empty pattern"}},
		{"blank replacement", func(s *Spec) {
			s.Replacements = map[string][]string{"default": {"Сделаем всё возможное", " "}}
		},
			[]string{`[1].replacements.default[1]: only spaces; use "" to mean "remove the words"`}},
		{"empty replacement removes the words", func(s *Spec) {
			s.Replacements = map[string][]string{"default": {""}}
		}, nil},
		{"advice in brackets", func(s *Spec) {
			s.Replacements = map[string][]string{"default": {"(уберите слово)"}}
		},
			[]string{`[1].replacements.default[0]: advice in brackets would be pasted into the reply; put advice in "message" and use "" to mean "remove the words"`}},
		{"duplicate replacement", func(s *Spec) { s.Replacements = map[string][]string{"smb": {"а", "б", "а"}} },
			[]string{"[1].replacements.smb[2]: duplicate of [0]"}},
		{"empty replacement list", func(s *Spec) { s.Replacements = map[string][]string{"default": {}} }, []string{"[1].replacements.default: empty list"}},
		{"empty segment id", func(s *Spec) { s.Replacements = map[string][]string{"": {"а"}} },
			[]string{`[1].replacements: empty segment id; use "default" or a segment id`}},
		{"no flag examples", func(s *Spec) { s.Examples.Flag = nil }, []string{"[1].examples.flag: missing: give at least one text the rule must flag"}},
		{"blank example", func(s *Spec) { s.Examples.Pass = []string{"ok", ""} }, []string{"[1].examples.pass[1]: empty"}},
		{"flag example not flagged", func(s *Spec) {
			s.Examples.Flag = []string{"Гарантируем прохождение", "Обещаем выпуск"}
		},
			[]string{"[1].examples.flag[1]: not flagged"}},
		{"pass example flagged", func(s *Spec) {
			s.Examples.Pass = []string{"Гарантируем одобрение и гарантирую прохождение"}
		},
			[]string{"[1].examples.pass[0]: flagged «Гарантируем одобрение», «гарантирую прохождение»"}},
		{"several at once", func(s *Spec) { s.ID, s.Severity, s.Why = "", "low", "" },
			[]string{"[1].id: missing", "[1].severity: must be error, warning or hint", "[1].why: missing: name the policy behind the rule"}},
	}
	for _, tt := range tests {
		b := valid("b")
		tt.change(&b)
		set, probs := Compile([]Spec{valid("a"), b, valid("c")})
		got := []string{}
		for _, p := range probs {
			got = append(got, p.Path+": "+p.Problem)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
		// A bad rule is left out; the good ones stay usable.
		if want := 3 - min(len(tt.want), 1); set.Len() != want {
			t.Errorf("%s: set has %d rules, want %d", tt.name, set.Len(), want)
		}
	}
}

func TestCompileCountExamples(t *testing.T) {
	s := valid("apology")
	s.Kind, s.Category, s.Max = "count", "apology", 1
	s.Patterns = []string{"извините|простите", "приносим извинения"}
	s.Examples = Examples{
		Flag: []string{"Извините за ожидание. Приносим извинения."},
		Pass: []string{"Извините за ожидание.", "Простите, что так вышло"},
	}
	if _, probs := Compile([]Spec{s}); len(probs) > 0 {
		t.Fatalf("problems: %v", probs)
	}
	s.Examples.Flag = append(s.Examples.Flag, "Извините.")
	_, probs := Compile([]Spec{s})
	if len(probs) != 1 || probs[0].String() != "[0].examples.flag[1]: not flagged" {
		t.Errorf("problems = %v", probs)
	}
}

func TestCompileEmpty(t *testing.T) {
	set, probs := Compile(nil)
	if len(probs) != 0 || set.Len() != 0 {
		t.Fatalf("Compile(nil) = %d rules, %v", set.Len(), probs)
	}
	if fs := set.Check("Гарантируем", ""); fs == nil || len(fs) != 0 {
		t.Errorf("empty set: Check = %#v, want an empty non-nil slice", fs)
	}
	var none *Set
	if none.Len() != 0 || len(none.Check("x", "")) != 0 || len(none.Rules()) != 0 || len(none.Categories()) != 0 {
		t.Error("a nil set must act empty")
	}
}
