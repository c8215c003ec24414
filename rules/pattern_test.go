package rules

import (
	"slices"
	"strings"
	"testing"
)

func TestPatternFind(t *testing.T) {
	tests := []struct {
		pattern, text string
		want          []string
	}{
		// exact forms
		{"знаю", "Я не знаю, не знаем", []string{"знаю"}},
		{"знаю", "незнаю знающий", []string{}},
		{"знаю|знаем", "Не знаю, не знаем", []string{"знаю", "знаем"}},
		{"ёлки", "ЁЛКИ и елки", []string{"ЁЛКИ", "елки"}},
		// prefix
		{"гарантир*", "Гарантируем, гарантирую, гарантия", []string{"Гарантируем", "гарантирую"}},
		{"гарант*|обещ*", "гарантия и обещание", []string{"гарантия", "обещание"}},
		// any word
		{"не * знаю", "не очень знаю, не знаю", []string{"не очень знаю"}},
		// optional
		{"я? не знаю", "Я не знаю. Не знаю", []string{"Я не знаю", "Не знаю"}},
		{"не знаю точно?", "не знаю точно, не знаю", []string{"не знаю точно", "не знаю"}},
		{"очень|весьма? жаль", "весьма жаль, жаль", []string{"весьма жаль", "жаль"}},
		// gaps
		{"гарантир* ~2 прохождени*", "гарантируем 100% прохождение", []string{"гарантируем 100% прохождение"}},
		{"гарантир* ~2 прохождени*", "гарантируем быстрое и полное прохождение", []string{}},
		{"гарантир* ~2 прохождени*", "гарантируем прохождение", []string{"гарантируем прохождение"}},
		{"не ~1 знаю", "не знаю; не очень знаю", []string{"не знаю", "не очень знаю"}},
		// multi-token literals and symbols
		{"100%", "скидка 100 %!", []string{"100 %"}},
		{"100 %", "на 100% уверены", []string{"100%"}},
		{"кто-то", "кто-то и кто то", []string{"кто-то"}},
		{"то", "кто-то", []string{}},
		// sentence boundaries are not crossed, even by gaps
		{"не ~3 гарантир*", "Это не так. Гарантируем", []string{}},
		{"знаю точно?", "Я знаю. Точно", []string{"знаю"}},
		// non-overlapping, earliest first
		{"да да", "да да да да да", []string{"да да", "да да"}},
		// punctuation in the pattern is ignored
		{"ну, что ж", "Ну что ж", []string{"Ну что ж"}},
	}
	for _, tt := range tests {
		p, err := NewPattern(tt.pattern)
		if err != nil {
			t.Fatalf("NewPattern(%q): %v", tt.pattern, err)
		}
		wantFinds(t, tt.pattern, tt.text, tt.want, p.Find(tt.text))
	}
}

func TestPatternErrors(t *testing.T) {
	tests := []struct{ pattern, want string }{
		{"", "empty pattern"},
		{"  ", "empty pattern"},
		{"~x", `unknown token "~x"`},
		{"a ~ b", `unknown token "~"`},
		{"a ~+2 b", `unknown token "~+2"`},
		{"a ~0 b", `gap "~0" out of range ~1..~9`},
		{"a ~10 b", `gap "~10" out of range ~1..~9`},
		{"~2 a", "gap ~2 must stand between two required words"},
		{"a ~2", "gap ~2 must stand between two required words"},
		{"a? ~2 b", "gap ~2 must stand between two required words"},
		{"a? b?", "needs at least one word that is not optional"},
		{"?", `unknown token "?"`},
		{"a??", `unknown token "a??"`},
		{"a||b", `empty alternative in "a||b"`},
		{"a|", `empty alternative in "a|"`},
		{"гар*нт", `unknown token "гар*нт": a prefix is letters or digits followed by *`},
		{"кто-*", `unknown token "кто-*": a prefix is letters or digits followed by *`},
		{"**", `unknown token "**": a prefix is letters or digits followed by *`},
		{",", `unknown token ",": punctuation is not a word`},
		{"a|,", `unknown token ",": punctuation is not a word`},
		{"a|100%", `"100%" is 2 words; an alternative must be one word`},
		{"100%?", `"100%" is 2 words; an alternative must be one word`},
		{"a b c d e f g h i j k l m n o p q", "too long: 17 words, at most 16"},
	}
	for _, tt := range tests {
		_, err := NewPattern(tt.pattern)
		if err == nil || err.Error() != tt.want {
			t.Errorf("NewPattern(%q) error = %v, want %q", tt.pattern, err, tt.want)
		}
	}
}

func TestPatternString(t *testing.T) {
	p, err := NewPattern("гарантир* ~2 одобрени*")
	if err != nil {
		t.Fatal(err)
	}
	if p.String() != "гарантир* ~2 одобрени*" {
		t.Errorf("String() = %q", p.String())
	}
}

// TestPatternManyGaps makes sure memoisation keeps a gap-heavy pattern cheap: without it
// this pattern explores 10^7 paths per start.
func TestPatternManyGaps(t *testing.T) {
	p, err := NewPattern("а ~9 а ~9 а ~9 а ~9 а ~9 а ~9 а ~9 я")
	if err != nil {
		t.Fatal(err)
	}
	text := ""
	for i := 0; i < 200; i++ {
		text += "а "
	}
	if got := p.Find(text); len(got) != 0 {
		t.Errorf("found %d matches, want none", len(got))
	}
	if got := p.Find(text + "я"); len(got) != 1 {
		t.Errorf("found %d matches, want one", len(got))
	}
}

func TestLemmaPatterns(t *testing.T) {
	tests := []struct {
		pattern, text string
		want          []string
	}{
		{"<гарантировать> <одобрение>", "Мы гарантировали одобрение.", []string{"гарантировали одобрение"}},
		{"<гарантировать> <одобрение>", "Гарантирую одобрения нет", []string{"Гарантирую одобрения"}},
		{"<гарантировать:VERB>", "гарантировать гарантируем гарантированный", []string{"гарантируем"}},
		{"<гарантировать:PRTF>|гарантия", "Гарантированное и гарантия", []string{"Гарантированное", "гарантия"}},
		{"<серый:femn> <схема>", "по серой схеме, серые схемы, серую схему", []string{"серой схеме", "серую схему"}},
		{"<серый:plur>", "серые серый", []string{"серые"}},
		{"<расплатиться> <наличные>", "Расплатитесь наличными на месте", []string{"Расплатитесь наличными"}},
		{"<подъезжать> в <офис>", "Подъезжайте в офис к десяти", []string{"Подъезжайте в офис"}},
		{"<подъезжать:impr> в <офис>", "Подъезжаете в офис? Подъезжайте в офис.", []string{"Подъезжайте в офис"}},
		{"<серый>? <схема>", "схемы и серой схемой", []string{"схемы", "серой схемой"}},
		{"<гарантировать> ~2 <одобрение>", "гарантируем вам быстрое одобрение", []string{"гарантируем вам быстрое одобрение"}},
		{"<черный>", "работать по-чёрному", []string{"чёрному"}},
		{"по <черный:datv>", "работать по-чёрному или по чёрному", []string{"по-чёрному", "по чёрному"}},
		{"по-черному", "работать по-чёрному или по чёрному", []string{"по-чёрному", "по чёрному"}},
		{"по-русски", "по-русски", []string{"по-русски"}},
	}
	for _, tt := range tests {
		p, err := NewPattern(tt.pattern)
		if err != nil {
			t.Fatalf("NewPattern(%q): %v", tt.pattern, err)
		}
		wantFinds(t, tt.pattern, tt.text, tt.want, p.Find(tt.text))
	}
}

func TestLemmaPatternErrors(t *testing.T) {
	tests := []struct{ pattern, want string }{
		{"<гарантируем>", "did you mean <гарантировать>"},
		{"<абырвалг>", "unknown word"},
		{"<серый:datv,plur,masc>", "no form of серый has datv,plur,masc"},
		{"<серый:ga$>", "bad grammeme"},
		{"<серый", "a lemma is written"},
		{"<два слова>", "a lemma is written"},
		{"<>", "a lemma is one word"},
	}
	for _, tt := range tests {
		_, err := NewPattern(tt.pattern)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("NewPattern(%q) = %v, want an error containing %q", tt.pattern, err, tt.want)
		}
	}
	UseMorphology(nil)
	defer func() {
		tm, _ := loadTestMorph("testdata/morph.txt")
		UseMorphology(tm)
	}()
	if _, err := NewPattern("<серый>"); err == nil || !strings.Contains(err.Error(), "morphology") {
		t.Errorf("without a morphology: %v", err)
	}
}

func TestBagPatterns(t *testing.T) {
	tests := []struct {
		pattern, text string
		want          []string
	}{
		{"{<одобрение> <гарантировать>}", "Одобрение мы вам гарантируем.", []string{"Одобрение мы вам гарантируем"}},
		{"{<одобрение> <гарантировать>}", "Гарантируем одобрение!", []string{"Гарантируем одобрение"}},
		{"{<одобрение> <гарантировать>}", "Одобрение, как мы и говорили, гарантируем", []string{}},
		{"{<одобрение> <гарантировать>}", "Одобрение ждём. Гарантируем сроки", []string{}},
		{"{<одобрение> <гарантировать>}", "Одобрение — гарантируем", []string{}},
		{"{риск* никаких|нет}", "Рисков тут никаких, а вот нет риска", []string{"Рисков тут никаких", "нет риска"}},
		{"{да да}", "да и да", []string{"да и да"}},
		{"{да да}", "да", []string{}},
		{"{<гарантировать> <одобрение>}", "одобрение одобрение гарантируем", []string{"одобрение гарантируем"}},
	}
	for _, tt := range tests {
		p, err := NewPattern(tt.pattern)
		if err != nil {
			t.Fatalf("NewPattern(%q): %v", tt.pattern, err)
		}
		for _, find := range []func(string) []Span{p.Find, func(s string) []Span {
			ps, err := NewPatternSet([]string{tt.pattern})
			if err != nil {
				t.Fatal(err)
			}
			var out []Span
			for _, m := range ps.Find(s) {
				out = append(out, m.Span)
			}
			return out
		}} {
			wantFinds(t, tt.pattern, tt.text, tt.want, find(tt.text))
		}
	}
	for _, bad := range []string{"{да", "да}", "{да}", "{да ~2 нет}", "{да нет?}", "{да *}", "{{да нет}}"} {
		if _, err := NewPattern(bad); err == nil {
			t.Errorf("NewPattern(%q) compiled", bad)
		}
	}
	sp := spec("bag", "sequence", "{да нет}")
	sp.Exceptions = []string{"{да нет}"}
	sp.Examples.Flag = []string{"да нет"}
	if _, probs := compileNoExamples([]Spec{sp}); len(probs) != 1 || !strings.Contains(probs[0].Problem, "bag") {
		t.Errorf("a bag in exceptions: %v", probs)
	}
}

// TestReadmePatterns holds the lemma and bag examples of knowledge/packs/README.md true.
func TestReadmePatterns(t *testing.T) {
	tests := []struct {
		pattern    string
		flag, pass []string
	}{
		{"<гарантировать> ~2 <одобрение>", []string{"гарантировали одобрение", "гарантирую вам одобрение"}, []string{"гарантийный срок"}},
		{"<расплатиться> <наличные>", []string{"расплатитесь наличными", "расплатился наличными"}, []string{"расплатитесь картой"}},
		{"<подъезжать:impr> в <офис>", []string{"подъезжайте в офис"}, []string{"подъезжаете в офис?"}},
		{"по <серый> <схема>", []string{"по серой схеме", "по серым схемам"}, []string{"по схеме", "серый контейнер"}},
		{"по <черный>", []string{"по-чёрному", "по чёрному"}, []string{"чёрный список"}},
		{"{<одобрение> <гарантировать>}", []string{"Одобрение мы вам гарантируем", "Гарантируем одобрение"}, []string{"Одобрение, как мы и говорили, гарантируем"}},
		{"{clearance guarante*}", []string{"clearance 100% guaranteed"}, nil},
		{"<серый:ADJF,femn>", []string{"серая", "серой", "серую"}, []string{"серый", "серые"}},
	}
	for _, tt := range tests {
		p, err := NewPattern(tt.pattern)
		if err != nil {
			t.Fatalf("%q: %v", tt.pattern, err)
		}
		for _, s := range tt.flag {
			if len(p.Find(s)) == 0 {
				t.Errorf("%q does not find %q", tt.pattern, s)
			}
		}
		for _, s := range tt.pass {
			if len(p.Find(s)) != 0 {
				t.Errorf("%q finds %q", tt.pattern, s)
			}
		}
	}
}

func TestAsides(t *testing.T) {
	tests := []struct {
		pattern, text string
		want          []string
	}{
		{"я? не знаю", "Я, честно говоря, не знаю.", []string{"Я, честно говоря, не знаю"}},
		{"я? не знаю", "Я не знаю.", []string{"Я не знаю"}},
		{"вы должны были", "Вы, конечно, должны были прислать", []string{"Вы, конечно, должны были"}},
		{"вы должны были", "Вы (как и все) должны были", []string{"Вы (как и все) должны были"}},
		{"вы должны были", "Вы, как я уже не раз писал, должны были", []string{}},
		{"вы должны были", "Вы, да. Должны были", []string{}},
		{"вы должны были", "Вы, кстати должны были", []string{}},
		{"не знаю", "не, знаю", []string{"не, знаю"}},
	}
	for _, tt := range tests {
		p, err := NewPattern(tt.pattern)
		if err != nil {
			t.Fatal(err)
		}
		wantFinds(t, tt.pattern, tt.text, tt.want, p.Find(tt.text))
	}
}

// TestExpandLemmas: a pattern and its expansion find the same matches in the same texts.
func TestExpandLemmas(t *testing.T) {
	texts := []string{
		"Мы гарантировали одобрение. Одобрение мы вам гарантируем!",
		"по серой схеме, серые схемы, по-чёрному, серую схему",
		"Подъезжайте в офис, подъезжаете в офис?",
	}
	for _, src := range []string{
		"<гарантировать> ~2 <одобрение>", "{<одобрение> <гарантировать>}", "<серый:femn>? <схема>",
		"по <черный:datv>|белому", "<подъезжать:impr> в <офис>", "без лемм",
	} {
		exp, err := ExpandLemmas(src)
		if err != nil {
			t.Fatalf("%q: %v", src, err)
		}
		if strings.Contains(exp, "<") {
			t.Errorf("%q expands to %q", src, exp)
		}
		p1, err1 := NewPattern(src)
		p2, err2 := NewPattern(exp)
		if err1 != nil || err2 != nil {
			t.Fatalf("%q / %q: %v %v", src, exp, err1, err2)
		}
		for _, text := range texts {
			if a, b := p1.Find(text), p2.Find(text); !slices.Equal(a, b) {
				t.Errorf("%q finds %v, its expansion %q finds %v", src, a, exp, b)
			}
		}
	}
	if _, err := ExpandLemmas("<абырвалг>"); err == nil {
		t.Error("an unknown lemma expanded")
	}
}

// wantFinds holds the matches a pattern found in text to the words wanted, in order, each
// with offsets that cut exactly its Match out of the text.
func wantFinds(t *testing.T, pattern, text string, want []string, found []Span) {
	t.Helper()
	got := []string{}
	for _, m := range found {
		if cut := slice16(text, m.Start, m.End); cut != m.Match {
			t.Errorf("%q: offsets cut %q, Match %q", pattern, cut, m.Match)
		}
		got = append(got, m.Match)
	}
	if !slices.Equal(got, want) {
		t.Errorf("%q in %q = %q, want %q", pattern, text, got, want)
	}
}
