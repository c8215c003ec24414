package build

import (
	"os"
	"regexp"
	"sort"
	"strings"
)

var cyrWord = regexp.MustCompile(`\p{Cyrillic}+(?:-\p{Cyrillic}+)*`)

// WriteVocabulary collects the Russian words of files (the seeds, the default packs): the
// vocabulary support replies use, whose lexemes the engine keeps whatever their frequency.
func WriteVocabulary(out string, files []string) error {
	set := map[string]bool{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		for _, w := range cyrWord.FindAllString(string(b), -1) {
			set[normalize(w)] = true
		}
	}
	words := make([]string, 0, len(set))
	for w := range set {
		words = append(words, w)
	}
	sort.Strings(words)
	return os.WriteFile(out, []byte(strings.Join(words, "\n")+"\n"), 0o644)
}

func normalize(w string) string {
	return strings.ReplaceAll(strings.ToLower(w), "ё", "е")
}
