package rules

import (
	"encoding/json"
	"testing"
	"unicode/utf16"
	"unicode/utf8"
)

// fuzzSet holds rules of every kind, filters and anchor included.
func fuzzSet(t testing.TB) *Set {
	specs := benchSpecs()
	dots := spec("dots", "regex")
	dots.Regex = `\.{2,}|!{2,}`
	dots.Anchor = "sentence-start"
	anyWord := spec("any", "sequence", "не * ~2 знаю|знаем точно?")
	anyWord.Exceptions = []string{"не * знаю"}
	return mustSet(t, append(specs, dots, anyWord)...)
}

func FuzzCheck(f *testing.F) {
	for _, s := range []string{
		"Я не знаю, но мы гарантируем 100% прохождение таможни 🙂",
		"Паспорт 45 06 123456, СНИЛС 112-233-445 95, +7 (916) 123-45-67, 4111 1111 1111 1111",
		"гаран\u00adтируем и\u0306од зна\u0301ю ЁЖ\u00a0…!!",
		"\xff\xfe\xc0 не знаю\r\n\u2028ну. Ну… так",
		"🙂🙂🙂 ~ | % № 8 800 555 35 35 номер 4506 № 123456",
		"",
	} {
		f.Add(s, "smb")
	}
	set := fuzzSet(f)
	f.Fuzz(func(t *testing.T, text, segment string) {
		fs := set.Check(text, segment)
		units := utf16.Encode([]rune(text))
		for i, x := range fs {
			if x.Start < 0 || x.Start >= x.End || x.End > len(units) {
				t.Fatalf("finding %+v out of bounds (text has %d units)", x, len(units))
			}
			if got := utf16.Encode([]rune(x.Match)); !equal16(got, units[x.Start:x.End]) {
				t.Fatalf("finding %s [%d,%d): UTF-16 slice %q != Match %q", x.Rule, x.Start, x.End,
					string(utf16.Decode(units[x.Start:x.End])), x.Match)
			}
			if x.Replacements == nil {
				t.Fatalf("finding %s: nil replacements", x.Rule)
			}
			if i > 0 {
				p := fs[i-1]
				if p.Start > x.Start || p.Start == x.Start && (p.End > x.End || p.End == x.End && p.Rule >= x.Rule) {
					t.Fatalf("findings out of order or repeated: %+v then %+v", p, x)
				}
			}
		}
	})
}

func equal16(a, b []uint16) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func FuzzCompile(f *testing.F) {
	for _, s := range []string{
		`[{"id":"a","kind":"sequence","category":"x","severity":"error","message":"m","why":"w","patterns":["не ~2 знаю|уверен?"],"examples":{"flag":["не знаю"],"pass":["знаю"]}}]`,
		`[{"id":"b","kind":"regex","category":"x","severity":"hint","message":"m","why":"w","regex":"(a+)+$","anchor":"sentence-start","examples":{"flag":["aaa"]}}]`,
		`[{"id":"c","kind":"count","category":"x","severity":"warning","message":"m","why":"w","patterns":["*"],"max":1,"exceptions":["* *"],"unless_before":["~1"],"examples":{"flag":["a b"]}}]`,
		`[{"id":"d","kind":"pii","detector":"phone","allow":["8 800","+7 495 111 22 33"],"category":"pii","severity":"error","message":"m","why":"w","replacements":{"":[""]},"examples":{"flag":["+7 916 123 45 67"]}}]`,
		`[{"kind":"foo"},{},{"id":"A"}]`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var specs []Spec
		if json.Unmarshal(data, &specs) != nil {
			return
		}
		set, probs := Compile(specs)
		if set == nil {
			t.Fatal("nil set")
		}
		if set.Len() > len(specs) {
			t.Fatalf("%d rules from %d specs", set.Len(), len(specs))
		}
		for _, p := range probs {
			if p.Path == "" || p.Path[0] != '[' || p.Problem == "" {
				t.Fatalf("problem without a path or text: %+v", p)
			}
		}
		if len(probs) == 0 && set.Len() != len(specs) {
			t.Fatalf("no problems but %d of %d rules", set.Len(), len(specs))
		}
		for _, s := range specs {
			for _, text := range append(s.Examples.Flag, s.Examples.Pass...) {
				set.Check(text, "default")
			}
		}
	})
}

// FuzzPattern compiles any pattern — lemmas, grammemes, bags, gaps — and runs it, with
// the scope filters and the replacement fitting of a rule, over any text: no panic, hits
// in order, inside the text, cut at UTF-16 offsets that slice to their Match.
func FuzzPattern(f *testing.F) {
	for _, s := range [][2]string{
		{"<гарантировать> ~2 <одобрение>", "Мы гарантировали вам одобрение, «гарантируем одобрение»."},
		{"{<одобрение> <гарантировать>}", "Одобрение мы вам не гарантируем. Пишете, что гарантировали одобрение?"},
		{"<серый:ADJF,femn>|сер* <схема>?", "по-серому, по серой схеме — не наш путь"},
		{"по <черный:datv>", "по-чёрному\nпо чёрному"},
		{"{да нет} ~3", "да нет да"},
		{"<:>|<a:b,,c>|<<>>", "«„“»\"\" ..."},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, pattern, text string) {
		p, err := NewPattern(pattern)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("an error without a message")
			}
			return
		}
		units := utf16.Encode([]rune(text))
		prev := -1
		for _, m := range p.Find(text) {
			if m.Start < 0 || m.Start >= m.End || m.End > len(units) || m.Start < prev {
				t.Fatalf("%q in %q: span %+v out of bounds or order", pattern, text, m)
			}
			if !equal16(utf16.Encode([]rune(m.Match)), units[m.Start:m.End]) {
				t.Fatalf("%q in %q: offsets do not cut %q", pattern, text, m.Match)
			}
			prev = m.End
		}
		sp := spec("fuzz", "sequence", pattern)
		sp.Replacements = map[string][]string{"default": {"законный вариант", "на номер", ""}}
		set, probs := compileNoExamples([]Spec{sp})
		if len(probs) > 0 {
			return // a bag refused as an exception, say
		}
		for _, fd := range set.Check(text, "") {
			for _, r := range fd.Replacements {
				Apply(text, fd, r)
			}
		}
	})
}

// FuzzFit checks any text against lemma rules whose replacements the real dictionary
// inflects: no panic, and every fitted replacement pastes over its finding.
func FuzzFit(f *testing.F) {
	for _, s := range []string{
		"Работаем по серой схеме, без серых схем, о серых схемах.",
		"Я, честно говоря, не знаю. Позвоним вам на 8 916 123-45-67.",
		"«Серые схемы» — не наш путь. Пишете, что серый вариант можно?",
		"СЕРОЙ СХЕМОЙ 🙂 серой\u00adсхеме сер\u0301ой схеме",
		"Скидка слетела, данные подтянутся. По КБМ у вас класс 5, из КБМ, КБМ слетел.",
	} {
		f.Add(s)
	}
	prev := currentMorphology()
	UseMorphology(Dictionary())
	f.Cleanup(func() { UseMorphology(prev) })
	grey := spec("grey", "sequence", "<серый> <схема>|<вариант>|<путь>", "я? не знаю")
	grey.Replacements = map[string][]string{"default": {"законный вариант", "Официальная схема", "по закону", "на номер из профиля", ""}}
	phone := spec("phone", "pii")
	phone.Detector = "phone"
	phone.Replacements = grey.Replacements
	// verbs agree with the hit's verb; an abbreviation takes its case from a preposition
	glitch := spec("glitch", "sequence", "<слететь>|<подтянуться>", "кбм")
	glitch.Replacements = map[string][]string{"default": {"перестал действовать", "поступил и обработан", "готов", "проверю", "скидка за безаварийность"}}
	set := mustSet(f, grey, phone, glitch)
	f.Fuzz(func(t *testing.T, text string) {
		for _, fd := range set.Check(text, "") {
			if len(fd.Replacements) != 5 {
				t.Fatalf("%d replacements", len(fd.Replacements))
			}
			for _, r := range fd.Replacements {
				if !utf8.ValidString(r) {
					t.Fatalf("replacement %q is not UTF-8", r)
				}
				Apply(text, fd, r)
			}
		}
	})
}
