package build

import (
	"os"
	"path/filepath"
	"strings"
)

// readCorpusWords lists the words of p_t_given_w.intdawg: every word form seen in OpenCorpora's
// annotated corpus, the dictionary's own measure of which words are in common use.
func readCorpusWords(dir string) (map[string]bool, error) {
	words := map[string]bool{}
	err := walkCorpus(dir, func(word []byte, _ string, _ uint32) {
		if w, ok := decode1251(word); ok {
			words[w] = true
		}
	})
	return words, err
}

// readTagPriors sums, per tag, the probabilities P(tag|word) of p_t_given_w.intdawg over the
// corpus's words (values are millionths): how often a tag is the right reading of an ambiguous
// word in OpenCorpora's hand-checked corpus. It orders a word's dictionary readings.
func readTagPriors(dir string) (map[string]float64, error) {
	priors := map[string]float64{}
	err := walkCorpus(dir, func(_ []byte, tag string, v uint32) {
		priors[tag] += float64(v) / 1e6
	})
	return priors, err
}

// CorpusReadings lists, for each ambiguous word of OpenCorpora's corpus, its most frequent tag
// there (from p_t_given_w.intdawg): the reference the ordering of readings is measured on.
func CorpusReadings(dir string) (map[string]string, error) {
	best := map[string]string{}
	prob := map[string]uint32{}
	err := walkCorpus(dir, func(word []byte, tag string, v uint32) {
		w, ok := decode1251(word)
		if !ok {
			return
		}
		w = normalize(w)
		if v > prob[w] {
			prob[w], best[w] = v, tag
		}
	})
	return best, err
}

// walkCorpus calls fn with each entry of p_t_given_w.intdawg: a word form as the file spells
// it (cp1251), one of its tags, and P(tag|word) in millionths.
func walkCorpus(dir string, fn func(word []byte, tag string, v uint32)) error {
	b, err := os.ReadFile(filepath.Join(dir, "p_t_given_w.intdawg"))
	if err != nil {
		return err
	}
	d, err := readDAWG(b)
	if err != nil {
		return err
	}
	return d.walkValues(func(key []byte, v uint32) {
		if sep := strings.IndexByte(string(key), ':'); sep > 0 {
			fn(key[:sep], string(key[sep+1:]), v)
		}
	})
}
