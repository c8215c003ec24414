package index

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/sufler/sufler/rules/morph"
)

func TestAnalyzer(t *testing.T) {
	text, rootA := analyzers()
	tests := []struct {
		in, terms, roots string
	}{
		// Words become lemmas: a verb's forms meet (задержали, задержать), a noun's too;
		// verb and noun of one root meet only in the root field.
		{"Задержали груз", "задержать@0 груз@19", "задер@0 груз@19"},
		{"Задержка груза", "задержка@0 груз@17", "задер@0 груз@17"},
		// Function words go (мой, вы: pronouns); negation and question words stay.
		{"Где ваш груз? Не вы", "где@0 груз@14 не@24", "где@0 груз@14 не@24"},
		// ё is е; a stress mark and a soft hyphen stay inside the word.
		{"Счёт, счет, СЧЁТ", "счет@0 счет@10 счет@20", "счет@0 счет@10 счет@20"},
		{"гру\u0301з до\u00adставка", "груз@0 доставка@11", "груз@0 доста@11"},
		// Digits are kept whole; punctuation and % are not words.
		{"на 100% и 4111-1111", "100@5 4111@13 1111@18", "100@5 4111@13 1111@18"},
		{"SLA и KPI, e-mail", "sla@0 kpi@7 e@12 mail@14", "sla@0 kpi@7 e@12 mail@14"},
		// A word with readings of two lemmas is indexed under both, at one position.
		{"стекло", "стекло@0 стечь@0", "стекл@0 стечь@0"},
		{"", "", ""},
		{"… — !", "", ""},
	}
	for _, tt := range tests {
		if got := render(text.Analyze([]byte(tt.in))); got != tt.terms {
			t.Errorf("text %q: %s, want %s", tt.in, got, tt.terms)
		}
		if got := render(rootA.Analyze([]byte(tt.in))); got != tt.roots {
			t.Errorf("root %q: %s, want %s", tt.in, got, tt.roots)
		}
	}
}

func render(ts analysis.TokenStream) string {
	var out []string
	for _, t := range ts {
		out = append(out, fmt.Sprintf("%s@%d", t.Term, t.Start))
	}
	return strings.Join(out, " ")
}

// TestWordForms: the forms a customer or an agent writes give the query term of the
// dictionary form, so a message finds a template in any form of its words.
func TestWordForms(t *testing.T) {
	tests := []struct {
		lemma string
		forms []string
	}{
		{"груз", []string{"груз", "груза", "грузу", "грузом", "грузе", "грузы", "грузов", "грузами"}},
		{"выплата", []string{"выплата", "выплаты", "выплату", "выплатой", "выплат", "выплатами"}},
		{"сказать", []string{"скажете", "сказали", "скажу", "сказав", "сказано"}},
		{"снять", []string{"сняли", "сняла", "снимут", "снятые"}},
		{"ждать", []string{"жду", "ждём", "ждали", "ждите"}},
		{"таможенный", []string{"таможенное", "таможенного", "таможенным", "таможенных"}},
		{"страховка", []string{"страховку", "страховки", "страховкой", "страховок"}},
		{"полис", []string{"полисы", "полисам", "полисом"}},
		{"оплачивать", []string{"оплачивать", "оплачиваю", "оплачивали"}},
		// Unknown words keep their Snowball stem, the same in every form.
		{"рефконтейнер", []string{"рефконтейнер", "рефконтейнера", "рефконтейнеру", "рефконтейнером"}},
	}
	for _, tt := range tests {
		for _, f := range tt.forms {
			q := Analyse(f, MaxQueryTerms, false)
			if len(q.stems) != 1 || q.stems[0] != tt.lemma {
				t.Errorf("%q: query terms %q, want [%s]", f, q.stems, tt.lemma)
			}
		}
	}
}

// TestFunctionWords: words that say nothing about a topic are not terms, whatever their
// form; negation and question words are, in every sentence.
func TestFunctionWords(t *testing.T) {
	for _, w := range []string{"и", "что", "это", "вы", "вам", "вашего", "мне", "они", "в", "на", "по", "бы", "же", "ли", "вот", "все", "всё", "этот", "который", "будет", "был", "для", "после"} {
		if q := Analyse(w, MaxQueryTerms, false); !q.Empty() {
			t.Errorf("%q: terms %q, want none", w, q.stems)
		}
	}
	// Negative pronouns are negation, by their lemma.
	for w, want := range map[string]string{"никого": "никто", "ничего": "ничто", "никогда": "никогда"} {
		if q := Analyse(w, MaxQueryTerms, false); len(q.stems) != 1 || q.stems[0] != want {
			t.Errorf("%q: terms %q, want [%s]", w, q.stems, want)
		}
	}
	for _, w := range []string{"не", "нет", "ни", "когда", "где", "почему", "сколько", "как", "можно", "сегодня", "знаете", "точно"} {
		if q := Analyse(w, MaxQueryTerms, false); len(q.stems) != 1 {
			t.Errorf("%q: terms %q, want one", w, q.stems)
		}
	}
}

// TestMarksMatchAnalyzer: marking fragments without analysing every word marks exactly the
// words whose analysed root is a query root.
func TestMarksMatchAnalyzer(t *testing.T) {
	text, _ := analyzers()
	p := parseTestPack(t)
	var texts []string
	for _, tp := range p.Templates {
		texts = append(texts, tp.Title, tp.Situation)
		texts = append(texts, tp.Triggers...)
		for _, v := range tp.Variants {
			texts = append(texts, v.Texts()...)
		}
	}
	for _, c := range p.Cases {
		texts = append(texts, c.Situation, c.Title)
		texts = append(texts, c.Do...)
		texts = append(texts, c.CustomerSays...)
	}
	for _, query := range []string{"задержали груз", "счёт оплата", "документы растаможка", "повреждённый товар фото", "перезвоните клиенту", "ждать неделю"} {
		q := Analyse(query, MaxQueryTerms, false)
		for _, s := range texts {
			var want [][2]int
			for _, tk := range text.Analyze([]byte(s)) {
				span := [2]int{tk.Start, tk.End}
				if q.rootSet[root(string(tk.Term))] && (len(want) == 0 || want[len(want)-1] != span) {
					want = append(want, span)
				}
			}
			got, _ := q.marks(s)
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("%q in %q: marks %v, analyzer %v", query, s, got, want)
			}
		}
	}
}

// FuzzRuneAt: the inline decoding and encoding agree with unicode/utf8 on any bytes.
func FuzzRuneAt(f *testing.F) {
	for _, s := range []string{"Ёжик в тумане", "a\xd0", "\xd0\x41", "\xd1\xbf\xd2\x80", "🙂й", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for i := 0; i < len(s); {
			r, n := runeAt(s, i)
			rb, nb := runeAt([]byte(s), i)
			wr, wn := utf8.DecodeRuneInString(s[i:])
			if r != wr || n != wn || rb != wr || nb != wn {
				t.Fatalf("runeAt(%q, %d) = %U/%d (bytes %U/%d), utf8 %U/%d", s, i, r, n, rb, nb, wr, wn)
			}
			if got, want := appendRune(nil, r), utf8.AppendRune(nil, r); string(got) != string(want) {
				t.Fatalf("appendRune(%U) = %q, want %q", r, got, want)
			}
			i += n
		}
	})
}

// TestReadingOrder: what a word becomes does not depend on the order morph lists its
// readings in (a corpus prior that moves when the dictionary is retuned): every rotation
// and the reverse of the readings give the same terms.
func TestReadingOrder(t *testing.T) {
	words := []string{"полисом", "все", "что", "ничего", "знаете", "точно", "спасибо", "стекло", "мой", "для", "надо", "есть",
		"политика", "статью", "воду", "первого", "сняли", "груза", "таможенное", "можно", "сегодня", "никого", "и", "на"}
	for _, w := range words {
		ps := morph.Analyze(w)
		want := fromReadings(w, ps)
		for k := range len(ps) + 1 {
			var order []morph.Parse
			if k == len(ps) {
				order = slices.Clone(ps)
				slices.Reverse(order)
			} else {
				order = append(slices.Clone(ps[k:]), ps[:k]...)
			}
			if got := fromReadings(w, order); !reflect.DeepEqual(got, want) {
				t.Errorf("%q, readings in another order: %+v, want %+v", w, got, want)
			}
		}
	}
}
