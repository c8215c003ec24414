package knowledge

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/ru"
	"github.com/blevesearch/bleve/v2/registry"
)

func TestAnalyzer(t *testing.T) {
	text, rootA := analyzers()
	tests := []struct {
		in, terms, roots string
	}{
		{"Задержали груз", "задержа@0 груз@19", "задер@0 груз@19"},
		{"Задержка груза", "задержк@0 груз@17", "задер@0 груз@17"},
		// Stop words go (не, вы, где, мой), as in bleve's ru analyzer.
		{"Где мой груз? Не вы", "груз@14", "груз@14"},
		// ё is е; a stress mark and a soft hyphen stay inside the word.
		{"Счёт, счет, СЧЁТ", "счет@0 счет@10 счет@20", "счет@0 счет@10 счет@20"},
		{"гру\u0301з до\u00adставка", "груз@0 доставк@11", "груз@0 доста@11"},
		// Digits are kept whole and unstemmed; punctuation and % are not words.
		{"на 100% и 4111-1111", "100@5 4111@13 1111@18", "100@5 4111@13 1111@18"},
		{"SLA и KPI, e-mail", "sla@0 kpi@7 e@12 mail@14", "sla@0 kpi@7 e@12 mail@14"},
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

// TestAnalyzerMatchesBleveRu: on ordinary Russian prose the one-pass analyzer gives the
// terms of bleve's own ru analyzer (which it replaces for speed).
func TestAnalyzerMatchesBleveRu(t *testing.T) {
	bleveRu, err := registry.NewCache().AnalyzerNamed(ru.AnalyzerName)
	if err != nil {
		t.Fatal(err)
	}
	text, _ := analyzers()
	p, _ := Parse(testPack)
	var texts []string
	for _, tp := range p.Templates {
		texts = append(texts, tp.Title, tp.Situation)
		for _, v := range tp.Variants {
			texts = append(texts, v.Text)
		}
	}
	for _, c := range p.Cases {
		texts = append(texts, c.Situation)
		texts = append(texts, c.Do...)
	}
	for _, s := range texts {
		s = strings.NewReplacer("ё", "е", "Ё", "Е").Replace(s) // bleve's ru does not fold ё
		want := render(bleveRu.Analyze([]byte(s)))
		if got := render(text.Analyze([]byte(s))); got != want {
			t.Errorf("%q:\n got %s\nwant %s", s, got, want)
		}
	}
}

// TestMarksMatchAnalyzer: marking fragments without stemming every word marks exactly the
// words whose analysed root is a query root.
func TestMarksMatchAnalyzer(t *testing.T) {
	text, _ := analyzers()
	p, _ := Parse(testPack)
	var texts []string
	for _, tp := range p.Templates {
		texts = append(texts, tp.Title, tp.Situation)
		texts = append(texts, tp.Triggers...)
		for _, v := range tp.Variants {
			texts = append(texts, v.texts()...)
		}
	}
	for _, c := range p.Cases {
		texts = append(texts, c.Situation, c.Title)
		texts = append(texts, c.Do...)
		texts = append(texts, c.CustomerSays...)
	}
	for _, query := range []string{"задержали груз", "счёт оплата", "документы растаможка", "повреждённый товар фото", "перезвоните клиенту", "ждать неделю"} {
		q := analyse(query, maxQueryTerms, false)
		for _, s := range texts {
			var want [][2]int
			for _, tk := range text.Analyze([]byte(s)) {
				if q.rootSet[root(string(tk.Term))] {
					want = append(want, [2]int{tk.Start, tk.End})
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
