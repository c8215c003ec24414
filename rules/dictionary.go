package rules

import (
	"strings"
	"sync"
	"sync/atomic"

	"github.com/sufler/sufler/rules/morph"
)

// The engine's morphology is rules/morph: OpenCorpora's dictionary, embedded and decoded
// on first use, so a start that compiles no lemma pattern and fits no noun phrase never
// pays for it. Tests may swap it with UseMorphology.
func init() { UseMorphology(Dictionary()) }

// Dictionary returns the embedded Russian dictionary as a Morphology, readings cached.
func Dictionary() Morphology { return theDictionary }

var theDictionary = newCached(dictionary{})

// dictionary adapts rules/morph to Morphology. Parse keeps the dictionary's own readings:
// a guess from an ending is no ground for inflecting a replacement.
type dictionary struct{}

func (dictionary) Parse(word string) []Form {
	var out []Form
	for _, p := range morph.Analyze(word) {
		if p.Known {
			out = append(out, Form{Word: p.Word, Lemma: p.Lemma, Tags: tagNames(p.Tag)})
		}
	}
	return out
}

// cached remembers the readings of the words replacements meet: a pack's vocabulary is
// small and comes back in every reply, and a lookup costs far more in wasm than natively.
// maxParsed bounds it against a stream of junk.
type cached struct {
	Morphology
	parsed sync.Map
	count  atomic.Int64
}

const maxParsed = 50000

func newCached(m Morphology) *cached { return &cached{Morphology: m} }

func (c *cached) Parse(word string) []Form {
	if v, ok := c.parsed.Load(word); ok {
		return v.([]Form)
	}
	out := c.Morphology.Parse(word)
	if c.count.Add(1) <= maxParsed {
		c.parsed.Store(strings.Clone(word), out) // word may alias a reused buffer
	}
	return out
}

func (dictionary) Forms(lemma string) []Form {
	fs := morph.Forms(lemma)
	out := make([]Form, len(fs))
	for i, f := range fs {
		out[i] = Form{Word: f.Word, Lemma: morph.Normalize(lemma), Tags: tagNames(f.Tag)}
	}
	return out
}

// tagNames spells a tag's grammemes, cached: a dictionary has a few hundred distinct tags.
func tagNames(t morph.Tag) []string {
	if v, ok := tagCache.Load(t); ok {
		return v.([]string)
	}
	gs := t.Grammemes()
	names := make([]string, len(gs))
	for i, g := range gs {
		names[i] = g.String()
	}
	tagCache.Store(t, names)
	return names
}

var tagCache sync.Map
