package morph

import (
	"testing"
	"unicode/utf8"
)

// FuzzAnalyze: any input, no panic; every reading can inflect and list its forms; the work per
// word is bounded (readings and forms counted, not timed).
func FuzzAnalyze(f *testing.F) {
	for _, c := range analyzeCases {
		f.Add(c.word)
	}
	for _, s := range []string{"", "-", "по-", "кое-кто-нибудь", "а-б-в-г-д", "\xff", "ёЁё", "1-й", "x-ка", "ь", "ъ-то", "йййййййй"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ps := Analyze(s)
		if len(ps) > 200 {
			t.Fatalf("%d readings for %q", len(ps), s)
		}
		for _, p := range ps {
			if !utf8.ValidString(p.Lemma) && utf8.ValidString(s) {
				t.Fatalf("invalid lemma %q for %q", p.Lemma, s)
			}
			forms := p.Forms()
			if len(forms) == 0 || len(forms) > 1000 {
				t.Fatalf("%d forms for %q", len(forms), s)
			}
			p.Inflect(Gent, Plur)
			p.Inflect(PRTF, Pssv)
		}
		Lemmas(s)
		Inflect(s, Datv)
		Forms(s)
	})
}

// FuzzLoad: damaged dictionaries (checksum fixed, so the structure checks run) are refused or,
// if accepted, analyse without panicking.
func FuzzLoad(f *testing.F) {
	f.Add(uint32(20), byte(1), uint16(0))
	f.Add(uint32(len(embedded)/2), byte(0x80), uint16(3))
	f.Add(uint32(len(embedded)-40), byte(0xff), uint16(100))
	f.Fuzz(func(t *testing.T, at uint32, x byte, cut uint16) {
		b := append([]byte(nil), embedded[:len(embedded)-32]...)
		b[int(at)%len(b)] ^= x
		if int(cut) < len(b)-10 {
			b = b[:len(b)-int(cut)]
		}
		d, err := Load(resign(append(b, make([]byte, 32)...)))
		if err != nil {
			return
		}
		for _, w := range []string{"гарантировали", "серой", "загуглить", "по-чёрному", "какой-нибудь"} {
			for _, p := range d.Analyze(w) {
				p.Forms()
				p.Inflect(Gent)
			}
		}
	})
}
