package build

import (
	"os"
	"path/filepath"
	"strings"
)

// readCorpusWords lists the words of p_t_given_w.intdawg: every word form seen in OpenCorpora's
// annotated corpus, the dictionary's own measure of which words are in common use.
func readCorpusWords(dir string) (map[string]bool, error) {
	b, err := os.ReadFile(filepath.Join(dir, "p_t_given_w.intdawg"))
	if err != nil {
		return nil, err
	}
	d, err := readDAWG(b)
	if err != nil {
		return nil, err
	}
	words := map[string]bool{}
	err = d.walk(func(key []byte) {
		sep := strings.IndexByte(string(key), ':')
		if sep <= 0 {
			return
		}
		if w, ok := decode1251(key[:sep]); ok {
			words[w] = true
		}
	})
	return words, err
}

// readTagPriors sums, per tag, the probabilities P(tag|word) of p_t_given_w.intdawg over the
// corpus's words (values are millionths): how often a tag is the right reading of an ambiguous
// word in OpenCorpora's hand-checked corpus. It orders a word's dictionary readings.
func readTagPriors(dir string) (map[string]float64, error) {
	b, err := os.ReadFile(filepath.Join(dir, "p_t_given_w.intdawg"))
	if err != nil {
		return nil, err
	}
	d, err := readDAWG(b)
	if err != nil {
		return nil, err
	}
	priors := map[string]float64{}
	err = d.walkValues(func(key []byte, v uint32) {
		sep := strings.IndexByte(string(key), ':')
		if sep <= 0 {
			return
		}
		priors[string(key[sep+1:])] += float64(v) / 1e6
	})
	return priors, err
}

// CorpusReadings lists, for each ambiguous word of OpenCorpora's corpus, its most frequent tag
// there (from p_t_given_w.intdawg): the reference the ordering of readings is measured on.
func CorpusReadings(dir string) (map[string]string, error) {
	b, err := os.ReadFile(filepath.Join(dir, "p_t_given_w.intdawg"))
	if err != nil {
		return nil, err
	}
	d, err := readDAWG(b)
	if err != nil {
		return nil, err
	}
	best := map[string]string{}
	prob := map[string]uint32{}
	err = d.walkValues(func(key []byte, v uint32) {
		sep := strings.IndexByte(string(key), ':')
		if sep <= 0 {
			return
		}
		w, ok := decode1251(key[:sep])
		if !ok {
			return
		}
		w = normalize(w)
		if v > prob[w] {
			prob[w], best[w] = v, string(key[sep+1:])
		}
	})
	return best, err
}
