package knowledge

import (
	"bytes"
	"slices"
	"testing"
)

func TestGuessSegment(t *testing.T) {
	b := newTestBase(t, testPack, testPack2)
	tests := []struct {
		message, segment, pack string
		signals                []string
	}{
		{"Добрый день! Наш логистический отдел готовит тендер, пришлите условия и SLA.", "corporate", "vector-test",
			[]string{"логистический отдел", "тендер", "SLA"}},
		{"Здравствуйте, я ИП, торгую на маркетплейсе, везу небольшую партию.", "smb", "vector-test",
			[]string{"ИП", "маркетплейсе", "небольшую партию"}},
		{"Везу товар впервые и не понимаю, с чего начать.", "newcomer", "vector-test",
			[]string{"впервые", "с чего начать"}},
		{"Я никогда раньше не заказывал из-за границы", "newcomer", "vector-test",
			[]string{"никогда раньше не заказывал"}},
		{"Я агент, где моя комиссия за прошлый месяц?", "partner", "pulse-test",
			[]string{"агент", "комиссия"}},
		{"Укусил клещ, мой полис это покрывает?", "individual", "pulse-test",
			[]string{"клещ", "мой полис"}},
		// ё in the message, е in the signal: one letter.
		{"Везём первую партию; это первый раз", "newcomer", "vector-test", []string{"первый раз"}},
		// A phrase outweighs a single word of another segment.
		{"Тендер? Нет, я ИП и это мой магазин", "smb", "vector-test", []string{"ИП", "мой магазин"}},
		{"Здравствуйте, где мой груз?", "", "", []string{}},
		{"", "", "", []string{}},
		{"!!! ... ???", "", "", []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.message, func(t *testing.T) {
			g := b.GuessSegment(tt.message)
			if g.Segment != tt.segment || g.Pack != tt.pack || !slices.Equal(g.Signals, tt.signals) {
				t.Errorf("got %+v, want %s/%s %q", g, tt.pack, tt.segment, tt.signals)
			}
			if (g.Score > 0) != (tt.segment != "") {
				t.Errorf("score %v for segment %q", g.Score, g.Segment)
			}
		})
	}
}

func TestGuessSegmentScores(t *testing.T) {
	b := newTestBase(t)
	one := b.GuessSegment("У нас тендер.")
	two := b.GuessSegment("У нас тендер, пришлите SLA.")
	phrase := b.GuessSegment("Пишет логистический отдел.")
	repeat := b.GuessSegment("Тендер, ещё тендер и снова тендер.")
	if !(two.Score > one.Score && phrase.Score > one.Score && repeat.Score > one.Score && two.Score > repeat.Score) {
		t.Errorf("scores: one %v, two %v, phrase %v, repeat %v", one.Score, two.Score, phrase.Score, repeat.Score)
	}
	if !slices.Equal(repeat.Signals, []string{"Тендер"}) {
		t.Errorf("repeats listed once: %q", repeat.Signals)
	}
	// Nothing loaded: no guess, no panic.
	if g := NewBase().GuessSegment("тендер"); g.Segment != "" || g.Signals == nil {
		t.Errorf("empty base: %+v", g)
	}
}

// TestGuessSegmentEvidence pins what a signal is worth: words two signals of one segment
// share count once, and the words a gap swallowed are no part of the phrase.
func TestGuessSegmentEvidence(t *testing.T) {
	p := bytes.Replace(testPack, []byte(`"signals": ["ип",`), []byte(`"signals": ["ип", "ип|ипшник", "зачем ~2 нужно",`), 1)
	if bytes.Equal(p, testPack) {
		t.Fatal("testdata/pack.json changed: the smb signals were not found")
	}
	b := newTestBase(t, p)
	for _, tt := range []struct {
		message string
		score   float64
	}{
		{"Я ИП.", 1}, // «ип» and «ип|ипшник»: one word, one signal's worth
		{"Зачем мне это нужно?", 1.5},       // two words named, two swallowed by ~2
		{"Я ИП, зачем мне это нужно?", 2.5}, // both
	} {
		if g := b.GuessSegment(tt.message); g.Segment != "smb" || g.Score != tt.score {
			t.Errorf("%q: got %s %v, want smb %v", tt.message, g.Segment, g.Score, tt.score)
		}
	}
}
