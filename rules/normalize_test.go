package rules

import (
	"strings"
	"testing"
)

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Ёлки ЁЖИК ёж", "елки ежик еж"},
		{"SLA и KPI", "sla и kpi"},
		{"100\u00a0%", "100 %"},               // NBSP
		{"a\u202fb\u2009c\u3000d", "a b c d"}, // narrow, thin, ideographic spaces
		{"гаран\u00adтируем", "гарантируем"},  // soft hyphen
		{"зна\u200bю\u200d\ufeff", "знаю"},    // zero-width space, joiner, BOM
		{"«Ёлка» “tree” „да“ ‘x’", `"елка" "tree" "да" 'x'`},
		{"а – б — в ‑ г − 1", "а - б - в - г - 1"},
		{"Ну…", "ну..."},
		{"и\u0306од", "йод"}, // decomposed й
		{"И\u0306ОД", "йод"},
		{"е\u0308лка", "елка"}, // decomposed ё
		{"зна\u0301ю", "знаю"}, // stress mark
		{"👍\ufe0f ok", "👍 ok"}, // variation selector
		{"ＡＢＣ１２３％", "abc123%"}, // fullwidth
		{"a\r\nb\u2028c", "a\n\nb\nc"},
		{"\t\u0301x", " x"},
		{"\xffa", "\ufffda"}, // invalid UTF-8
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestNormalizeOffsets checks the map from normalised bytes back to the original: a
// pattern's match must cut the original, in UTF-16 units, exactly where the words are.
func TestNormalizeOffsets(t *testing.T) {
	tests := []struct {
		text, pattern string
		want          []string // original substrings, in order
		start         []int    // UTF-16 starts
	}{
		{"🙂 не знаю 🙂", "не знаю", []string{"не знаю"}, []int{3}},
		{"🙂🙂 ёлки", "елки", []string{"ёлки"}, []int{5}},
		{"Ёлки\u00a0палки", "елки палки", []string{"Ёлки\u00a0палки"}, []int{0}},
		{"мы гаран\u00adтируем", "гарантируем", []string{"гаран\u00adтируем"}, []int{3}},
		{"и\u0306од и\u0306од", "йод", []string{"и\u0306од", "и\u0306од"}, []int{0, 5}},
		{"зна\u0301ю", "знаю", []string{"зна\u0301ю"}, []int{0}},
		{"знаю\u0301", "знаю", []string{"знаю\u0301"}, []int{0}}, // the accent belongs to ю
		{"𝒳 не знаю", "не знаю", []string{"не знаю"}, []int{3}},  // astral letter: 2 units
		{"\xff\xfe не знаю", "не знаю", []string{"не знаю"}, []int{3}},
		{"１００％ точно", "100 %", []string{"１００％"}, []int{0}},
	}
	for _, tt := range tests {
		p, err := NewPattern(tt.pattern)
		if err != nil {
			t.Fatal(err)
		}
		got := p.Find(tt.text)
		if len(got) != len(tt.want) {
			t.Errorf("%q in %q: %d matches %v, want %q", tt.pattern, tt.text, len(got), got, tt.want)
			continue
		}
		for i, m := range got {
			if m.Match != tt.want[i] || m.Start != tt.start[i] {
				t.Errorf("%q in %q: match %d = %q at %d, want %q at %d", tt.pattern, tt.text, i, m.Match, m.Start, tt.want[i], tt.start[i])
			}
			if cut := slice16(tt.text, m.Start, m.End); cut != m.Match {
				t.Errorf("%q in %q: UTF-16 [%d,%d) cuts %q, Match %q", tt.pattern, tt.text, m.Start, m.End, cut, m.Match)
			}
		}
	}
}

// TestOriginMonotonic checks the offset map on a text with every special case at once.
func TestOriginMonotonic(t *testing.T) {
	text := "Ё\u00a0и\u0306\u00ad…🙂«x»—\r\n１\xff" + strings.Repeat("я", 3)
	a := Analyze(text)
	if len(a.at) != len(a.norm) {
		t.Fatalf("map has %d entries for %d bytes", len(a.at), len(a.norm))
	}
	total := len16(text)
	prev := origin{}
	for i, o := range a.at {
		if a.norm[i]&0xC0 == 0x80 {
			continue // continuation bytes carry no origin
		}
		if o.b0 >= o.b1 || o.u0 >= o.u1 || int(o.b1) > len(text) || int(o.u1) > total {
			t.Fatalf("byte %d: bad origin %+v", i, o)
		}
		if o.b0 < prev.b0 || o.u0 < prev.u0 {
			t.Fatalf("byte %d: origin %+v goes back from %+v", i, o, prev)
		}
		prev = o
	}
}
