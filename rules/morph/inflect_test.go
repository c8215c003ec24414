package morph

import (
	"strings"
	"testing"
)

func TestInflect(t *testing.T) {
	cases := []struct {
		word, want, out string
	}{
		{"серый", "gent,femn", "серой"},
		{"серый", "plur,datv", "серым"},
		{"схема", "datv", "схеме"},
		{"схемами", "datv", "схемам"}, // a plural keeps its number
		{"схема", "plur,ablt", "схемами"},
		{"гарантировать", "past,plur", "гарантировали"},
		{"гарантировать", "1per,plur,pres", "гарантируем"},
		{"гарантировать", "PRTF,pssv,past,femn,sing,nomn", "гарантированная"},
		{"гарантировать", "PRTF,actv,pres,plur,nomn", "гарантирующие"},
		{"гарантировать", "GRND,perf", "гарантировав"},
		{"гарантировать", "GRND,impf", "гарантируя"},
		{"прислать", "impr,plur", "пришлите"},
		{"прислать", "PRTS,pssv,neut,sing", "прислано"},
		{"знать", "1per,sing,pres", "знаю"},
		{"клиент", "plur,gent", "клиентов"},
		{"номер", "plur,nomn", "номера"},
		{"ребенок", "plur,nomn", "дети"},
		{"человек", "plur,gent", "людей"},
		{"хороший", "COMP", "лучше"},
		{"идти", "past,masc,sing", "шел"},
		{"оплатить", "PRTS,pssv,neut,sing", "оплачено"},
		{"гарантировали", "INFN", "гарантировать"},
		{"серой", "masc,nomn", "серый"},
		{"какой-нибудь", "plur,datv", "каким-нибудь"},
		{"интернет-магазин", "plur,ablt", "интернет-магазинами"},
		{"загуглить", "past,femn", "загуглила"}, // a guess inflects too
		{"кэшбэк", "gent,sing", "кэшбэка"},
	}
	for _, c := range cases {
		want, err := ParseTag(c.want)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := Inflect(c.word, want.Grammemes()...)
		if !ok || got != c.out {
			t.Errorf("Inflect(%q, %s) = %q, %v; want %q", c.word, c.want, got, ok, c.out)
		}
	}
}

func TestInflectImpossible(t *testing.T) {
	if got, ok := Inflect("схема", PRTF); ok {
		t.Errorf("a noun has no participle, got %q", got)
	}
	if got, ok := Inflect("clearance", Gent); ok {
		t.Errorf("a Latin word has no cases, got %q", got)
	}
	if got, ok := Inflect("", Gent); ok {
		t.Errorf("empty word inflected to %q", got)
	}
	// A word with no paradigm is its own form when it already has the grammemes.
	if got, ok := Inflect("по-чёрному", ADVB); !ok || got != "по-черному" {
		t.Errorf("Inflect(по-чёрному, ADVB) = %q, %v", got, ok)
	}
}

func TestForms(t *testing.T) {
	forms := Forms("схема")
	if !hasForm(forms, "схемами", "NOUN,plur,ablt") || !hasForm(forms, "схеме", "NOUN,sing,datv") {
		t.Errorf("Forms(схема) lacks схемами/схеме: %v", forms)
	}
	verb := Forms("гарантировать")
	for _, f := range []struct{ word, tag string }{
		{"гарантировать", "INFN"},
		{"гарантировали", "VERB,past,plur"},
		{"гарантированный", "PRTF,pssv,past"},
		{"гарантировано", "PRTS,pssv,neut"},
		{"гарантируя", "GRND,impf"},
	} {
		if !hasForm(verb, f.word, f.tag) {
			t.Errorf("Forms(гарантировать) lacks %s %s", f.word, f.tag)
		}
	}
	if len(Forms("Схема")) != len(forms) || len(Forms("СХЕМА")) == 0 {
		t.Error("Forms should normalise its argument")
	}
	if f := Forms("схеме"); len(f) != 0 {
		t.Errorf("Forms of a non-lemma should be empty, got %d forms", len(f))
	}
	// Every form of every reading analyses back to the same lemma.
	for _, p := range Analyze("гарантировали") {
		for _, f := range p.Forms() {
			if !contains(Lemmas(f.Word), p.Lemma) {
				t.Errorf("%q (a form of %s) does not analyse back to it: %v", f.Word, p.Lemma, Lemmas(f.Word))
			}
		}
	}
	hy := Analyze("какой-нибудь")[0].Forms()
	for _, f := range hy {
		if !strings.HasSuffix(f.Word, "-нибудь") {
			t.Errorf("form %q of какой-нибудь lost its particle", f.Word)
		}
	}
}

func hasForm(forms []Form, word, tag string) bool {
	want, _ := ParseTag(tag)
	for _, f := range forms {
		if f.Word == word && f.Tag.Contains(want) {
			return true
		}
	}
	return false
}
