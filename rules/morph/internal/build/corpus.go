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
