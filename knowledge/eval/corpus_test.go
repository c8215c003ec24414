package eval

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/sufler/sufler/knowledge/packs"
)

// Targets of the corpus (issue 13): it only grows.
const (
	minReplies, minViolations, minClean, minMessages = 300, 150, 150, 100
	// minShare is the least share of violations, clean replies and messages each default
	// pack must hold, so neither pack's figures rest on a handful of items.
	minShare = 0.4
)

// packJSON is what the corpus test reads of a pack: ids, categories and the texts the
// corpus must not copy.
type packJSON struct {
	ID       string
	Segments []struct{ ID string }
	Rules    []struct {
		ID       string
		Category string
		Examples struct{ Flag, Pass []string }
	}
	Templates []struct {
		ID       string
		Triggers []string
	}
	Cases []struct {
		ID           string
		CustomerSays []string `json:"customer_says"`
	}
}

func (p *packJSON) hasCategory(c string) bool {
	for _, r := range p.Rules {
		if r.Category == c {
			return true
		}
	}
	return false
}

func defaultPacks(t *testing.T) map[string]*packJSON {
	t.Helper()
	out := map[string]*packJSON{}
	for _, data := range packs.Default() {
		p := &packJSON{}
		if err := json.Unmarshal(data, p); err != nil {
			t.Fatal(err)
		}
		out[p.ID] = p
	}
	return out
}

func loadCorpus(t *testing.T) *Corpus {
	t.Helper()
	c, err := Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestCorpusSize(t *testing.T) {
	c := loadCorpus(t)
	count := map[string]map[string]int{} // kind -> pack -> n
	add := func(kind, pack string) {
		if count[kind] == nil {
			count[kind] = map[string]int{}
		}
		count[kind][pack]++
		count[kind][""]++
	}
	for _, r := range c.Replies {
		if r.Clean() {
			add("clean", r.Pack)
		} else {
			add("violation", r.Pack)
		}
	}
	for _, m := range c.Messages {
		add("message", m.Pack)
	}
	if n := len(c.Replies); n < minReplies {
		t.Errorf("%d replies, want at least %d", n, minReplies)
	}
	for kind, min := range map[string]int{"violation": minViolations, "clean": minClean, "message": minMessages} {
		if n := count[kind][""]; n < min {
			t.Errorf("%d %s items, want at least %d", n, kind, min)
		}
		for id := range defaultPacks(t) {
			if n := count[kind][id]; float64(n) < minShare*float64(count[kind][""]) {
				t.Errorf("pack %s has %d of %d %s items, want at least %.0f%%", id, n, count[kind][""], kind, 100*minShare)
			}
		}
	}
}

func TestCorpusSpans(t *testing.T) { checkSpans(t, loadCorpus(t)) }

// checkSpans checks that every marked span sits where it says and names a category of
// the reply's pack.
func checkSpans(t *testing.T, c *Corpus) {
	ps := defaultPacks(t)
	for _, r := range c.Replies {
		p := ps[r.Pack]
		if p == nil {
			t.Errorf("%s: %s: no default pack %q", r.Line, r.ID, r.Pack)
			continue
		}
		units := utf16.Encode([]rune(r.Text))
		for _, sp := range r.Spans {
			if sp.End > len(units) || string(utf16.Decode(units[sp.Start:sp.End])) != sp.Text {
				t.Errorf("%s: %s: span %q is not at UTF-16 [%d, %d)", r.Line, r.ID, sp.Text, sp.Start, sp.End)
			}
			if !p.hasCategory(sp.Category) {
				t.Errorf("%s: %s: category %q is none of pack %s's rule categories", r.Line, r.ID, sp.Category, r.Pack)
			}
		}
	}
}

func TestCorpusMessages(t *testing.T) { checkMessages(t, loadCorpus(t)) }

// checkMessages checks that every message names a segment and templates or cases its
// pack has.
func checkMessages(t *testing.T, c *Corpus) {
	ps := defaultPacks(t)
	for _, m := range c.Messages {
		p := ps[m.Pack]
		if p == nil {
			t.Errorf("%s: %s: no default pack %q", m.Line, m.ID, m.Pack)
			continue
		}
		ids := map[string]bool{}
		for _, x := range p.Templates {
			ids[x.ID] = true
		}
		for _, x := range p.Cases {
			ids[x.ID] = true
		}
		if !slices.ContainsFunc(p.Segments, func(s struct{ ID string }) bool { return s.ID == m.Segment }) {
			t.Errorf("%s: %s: pack %s has no segment %q", m.Line, m.ID, m.Pack, m.Segment)
		}
		for _, id := range m.Expect {
			if !ids[id] {
				t.Errorf("%s: %s: pack %s has no template or case %q", m.Line, m.ID, m.Pack, id)
			}
		}
	}
}

// TestCorpusIsFresh refuses an item that repeats, as normalised text, a rule example, a
// template trigger, a case phrasing or a pack paraphrase test of any default pack, or
// another item of the corpus.
func TestCorpusIsFresh(t *testing.T) { checkFresh(t, loadCorpus(t)) }

// checkFresh refuses an item of the corpora that repeats a pack's text or an earlier
// item of any of them.
func checkFresh(t *testing.T, corpora ...*Corpus) {
	seen := map[string]string{}
	for _, p := range defaultPacks(t) {
		for _, r := range p.Rules {
			for _, s := range append(slices.Clone(r.Examples.Flag), r.Examples.Pass...) {
				seen[norm(s)] = "rule " + r.ID + " of " + p.ID
			}
		}
		for _, x := range p.Templates {
			for _, s := range x.Triggers {
				seen[norm(s)] = "template " + x.ID + " of " + p.ID
			}
		}
		for _, x := range p.Cases {
			for _, s := range x.CustomerSays {
				seen[norm(s)] = "case " + x.ID + " of " + p.ID
			}
		}
	}
	files, _ := filepath.Glob("../packs/testdata/paraphrases-*.json")
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var items []struct{ Context string }
		if err := json.Unmarshal(data, &items); err != nil {
			t.Fatal(err)
		}
		for _, it := range items {
			seen[norm(it.Context)] = filepath.Base(f)
		}
	}
	check := func(line, id, text string) {
		k := norm(text)
		if where, ok := seen[k]; ok {
			t.Errorf("%s: %s repeats %s: %q", line, id, where, text)
		}
		seen[k] = "corpus item " + id
	}
	for _, c := range corpora {
		for _, r := range c.Replies {
			check(r.Line, r.ID, r.Text)
		}
		for _, m := range c.Messages {
			check(m.Line, m.ID, m.Text)
		}
	}
}

// norm compares texts as the engine would read them: case, ё, spacing and the closing
// punctuation do not make a text new.
func norm(s string) string {
	s = strings.ReplaceAll(strings.ToLower(s), "ё", "е")
	return strings.TrimRight(strings.Join(strings.Fields(s), " "), ".!?…")
}
