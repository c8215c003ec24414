package morph

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/sufler/sufler/rules/morph/internal/build"
)

// guessAccuracy runs the guesser on forms of the dictionary's own lexemes (every step-th
// stem) and reports how often a guess has the right lemma and tag: at all, and first.
func guessAccuracy(d *Dict, step int) (n, any, first, lemmaAny, lemmaFirst int) {
	for i := range d.stems.len() {
		if i%step != 0 {
			continue
		}
		{
			stem, payload := d.stems.entry(i)
			r := reader{b: payload}
			for k := r.uvarint(); k > 0; k-- {
				p := int32(r.uvarint())
				lemma := d.formWord(p, 0, stem)
				if pos := d.formTag(p, 0).POS(); pos != NOUN && pos != ADJF && pos != INFN && pos != ADVB {
					continue
				}
				for f := range int32(d.paraLen(p)) {
					if d.formPrefix(p, f) != 0 {
						continue
					}
					w, tag := d.formWord(p, f, stem), d.formTag(p, f)
					n++
					gs := d.guess(w)
					for j, g := range gs {
						if g.Lemma == lemma {
							lemmaAny++
							if j == 0 {
								lemmaFirst++
							}
							break
						}
					}
					for j, g := range gs {
						if g.Lemma == lemma && g.Tag == tag {
							any++
							if j == 0 {
								first++
							}
							break
						}
					}
				}
			}
		}
	}
	return
}

// TestGuessAccuracy measures the guesser on the dictionary's own nouns, adjectives, verbs and
// adverbs (words it learnt from, so an upper bound; DESIGN.md has the figures). The floors
// catch a generator change that breaks guessing.
func TestGuessAccuracy(t *testing.T) {
	step := 7
	if testing.Short() {
		step = 41
	}
	n, any, first, la, lf := guessAccuracy(Default(), step)
	r := func(k int) float64 { return float64(k) / float64(n) }
	t.Logf("guesser on %d dictionary forms: right reading among guesses %.3f, first %.3f; right lemma among guesses %.3f, first %.3f", n, r(any), r(first), r(la), r(lf))
	if r(la) < 0.75 || r(lf) < 0.70 || r(any) < 0.58 {
		t.Errorf("guesser accuracy fell below its floor (lemma any 0.75, first 0.70; reading any 0.58)")
	}
}

// TestDictionaryRoundTrip: every form of (a sample of) the kept lexemes analyses back, as a
// dictionary reading, to its lemma and tag.
func TestDictionaryRoundTrip(t *testing.T) {
	d := Default()
	step := 9
	if testing.Short() {
		step = 29
	}
	n, bad := 0, 0
	for i := range d.stems.len() {
		if i%step != 0 {
			continue
		}
		{
			stem, payload := d.stems.entry(i)
			r := reader{b: payload}
			for k := r.uvarint(); k > 0; k-- {
				p := int32(r.uvarint())
				lemma := d.formWord(p, 0, stem)
				for f := range int32(d.paraLen(p)) {
					w, tag := d.formWord(p, f, stem), d.formTag(p, f)
					if len(w) > MaxWordLen {
						continue
					}
					n++
					ok := false
					for _, a := range d.Analyze(w) {
						ok = ok || a.Known && a.Lemma == lemma && a.Tag == tag
					}
					if !ok {
						if bad++; bad <= 10 {
							t.Errorf("%q (%s of %s) does not analyse back: %s", w, tag, lemma, describe(d.Analyze(w)))
						}
					}
				}
			}
		}
	}
	t.Logf("%d forms checked, %d failed", n, bad)
}

// TestReadingOrder measures how often the first reading has the tag OpenCorpora's corpus finds
// most often for the word (only where the source is installed: the reference comes from it).
func TestReadingOrder(t *testing.T) {
	src := filepath.Join("internal", "gen", "node_modules", "az", "dicts")
	if _, err := os.Stat(src); err != nil || runtime.GOOS == "js" {
		t.Skip("source not installed")
	}
	best, err := build.CorpusReadings(src)
	if err != nil {
		t.Fatal(err)
	}
	n, right := 0, 0
	for w, tag := range best {
		want, err := ParseTag(tag)
		if err != nil {
			continue
		}
		ps := Default().Analyze(w)
		if len(ps) < 2 || !ps[0].Known {
			continue
		}
		n++
		if ps[0].Tag == want {
			right++
		}
	}
	t.Logf("first reading is the corpus's most frequent one for %d of %d ambiguous words (%.3f)", right, n, float64(right)/float64(n))
	// Dictionary order alone gives 0.573; the tag priors 0.667.
	if float64(right) < 0.62*float64(n) {
		t.Error("reading order fell below its floor (0.62)")
	}
}
