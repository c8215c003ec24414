package morph

import (
	"runtime"
	"testing"
)

// A support reply's words: dictionary words, guesses, hyphenated words, Latin and numbers.
var benchWords = []string{
	"Здравствуйте", "мы", "гарантируем", "одобрение", "вашей", "заявки", "в", "течение", "трех", "дней",
	"расплатитесь", "наличными", "подъезжайте", "в", "офис", "понятия", "не", "имею", "по-чёрному",
	"какой-нибудь", "загуглите", "кэшбэк", "clearance", "100", "сожалению", "груз", "придёт", "позже",
	"уточню", "информацию", "перезвоню", "вам", "серой", "схеме", "прощения", "поздно", "курсе",
}

// BenchmarkAnalyze: words seen before, as when a reply is checked again (the cache answers).
func BenchmarkAnalyze(b *testing.B) {
	d := Default()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		d.Analyze(benchWords[i%len(benchWords)])
	}
}

// BenchmarkAnalyzeUncached: every word analysed afresh.
func BenchmarkAnalyzeUncached(b *testing.B) {
	d := Default()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		d.analyze(Normalize(benchWords[i%len(benchWords)]))
	}
}

func BenchmarkLemmas(b *testing.B) {
	d := Default()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		d.Lemmas(benchWords[i%len(benchWords)])
	}
}

func BenchmarkInflect(b *testing.B) {
	d := Default()
	b.ReportAllocs()
	for b.Loop() {
		d.Inflect("серый", Gent, Femn)
		d.Inflect("гарантировать", PRTF, Pssv, Past, Femn, Sing, Nomn)
	}
}

// BenchmarkLoadEmbedded is the engine's start-up cost: Default's trusted decoding.
func BenchmarkLoadEmbedded(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		d := &Dict{}
		if err := d.decode(embedded, true); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoad is the start-up cost: decoding and checking the embedded dictionary. heap-B is
// the memory the decoded dictionary holds (the embedded bytes themselves are not counted).
func BenchmarkLoad(b *testing.B) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	d, err := Load(embedded)
	if err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(d)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(embedded); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc), "heap-B")
	b.ReportMetric(float64(len(embedded)), "dict-B")
}
