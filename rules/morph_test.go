package rules

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

// testMorph is a dictionary read from testdata/morph.txt: a handful of lemmas, enough to
// drive lemma patterns and agreement in tests without the engine's real dictionary.
type testMorph struct {
	byWord, byLemma map[string][]Form
}

func loadTestMorph(path string) (*testMorph, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	m := &testMorph{byWord: map[string][]Form{}, byLemma: map[string][]Form{}}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' {
			continue
		}
		fs := strings.Fields(line)
		form := Form{Word: fs[0], Lemma: fs[1], Tags: strings.Split(fs[2], ",")}
		m.byWord[form.Word] = append(m.byWord[form.Word], form)
		m.byLemma[form.Lemma] = append(m.byLemma[form.Lemma], form)
	}
	return m, sc.Err()
}

func (m *testMorph) Parse(word string) []Form { return m.byWord[strings.ReplaceAll(word, "ё", "е")] }
func (m *testMorph) Forms(lemma string) []Form {
	return m.byLemma[strings.ReplaceAll(lemma, "ё", "е")]
}

func TestMain(m *testing.M) {
	tm, err := loadTestMorph("testdata/morph.txt")
	if err != nil {
		panic(err)
	}
	UseMorphology(tm)
	os.Exit(m.Run())
}
