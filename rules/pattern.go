package rules

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// Pattern is a compiled sequence pattern: words separated by spaces, matched against the
// normalised word tokens of a text. Syntax: "знаю" exact form, "знаю|знаем" alternatives,
// "гарантир*" prefix, "<гарантировать>" every form of a lemma and "<серый:ADJF,femn>" the
// forms with those grammemes (through the Morphology in use), "*" any one word, "очень?"
// optional word, "~3" gap of 0..3 words (~1..~9, only between required words). A pattern
// in braces, "{<одобрение> <гарантировать>}", takes its words in any order within a clause.
// Words are normalised like the text (Ё→е); punctuation is ignored and a plain word that is
// several tokens ("100%") becomes consecutive words. An aside of up to three words between
// commas may stand between two words of a phrase: «я, честно говоря, не знаю». Optional words are taken when
// present, gaps are as short as possible, matches do not overlap and never cross a
// sentence boundary. At most 16 words. A Pattern is safe for concurrent use.
type Pattern struct {
	bag   bool // words in any order within a clause (see bag.go)
	src   string
	elems []elem
	first int // index of the first required element; the ones before it are optional words
	width int // the most tokens a match can span
	lead  int // the most tokens from a match's start to its first required word
}

// Span is one match of a Pattern in the original text.
type Span struct {
	// Start is the UTF-16 code-unit offset of the match in the original text.
	Start int `json:"start"`
	// End is the UTF-16 code-unit offset just past the match.
	End int `json:"end"`
	// Match is the original text of the match.
	Match string `json:"match"`
}

type elemKind uint8

const (
	wordElem elemKind = iota // one token out of exact forms and prefixes
	anyElem                  // any one token
	gapElem                  // 0..gap tokens
)

// Limits keep matching cheap and bounded whatever a pack says.
const (
	maxElems = 16
	maxGap   = 9
)

type elem struct {
	kind     elemKind
	optional bool
	gap      int
	exact    []string // words written out
	// forms are the lemma tokens' forms, each list shared with the lemma's other uses
	// (rules.UseCompiledLemmas): compiling an element copies and hashes none of them.
	forms [][]string
	// lemmas are the tokens forms come from ("<серый:ADJF>"), in the same order: the
	// compiled form of a pack names them instead of writing their forms out (compiled.go).
	lemmas []string
	prefix []string
	// set holds every whole word of an element that takes more than 8, built the first
	// time the element is matched: most elements of a pack are never tried on a given
	// reply, and building a set for each at compile was most of a cold start in wasm.
	set *wordSet
}

// wordSet is an element's whole words as a set, built on first use.
type wordSet struct {
	once sync.Once
	m    map[string]struct{}
}

func (e *elem) matches(w string) bool {
	if e.kind == anyElem {
		return true
	}
	if e.set != nil {
		e.set.once.Do(func() {
			e.set.m = make(map[string]struct{}, e.words())
			e.eachWord(func(w string) { e.set.m[w] = struct{}{} })
		})
		if _, ok := e.set.m[w]; ok {
			return true
		}
	} else {
		for _, x := range e.exact {
			if w == x {
				return true
			}
		}
	}
	for _, p := range e.prefix {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}

// eachWord calls fn with every whole word the element takes: exact, then each lemma's forms.
func (e *elem) eachWord(fn func(w string)) {
	for _, w := range e.exact {
		fn(w)
	}
	for _, fs := range e.forms {
		for _, w := range fs {
			fn(w)
		}
	}
}

// prepare gives an element that takes many words the set matches builds on first use.
func (e *elem) prepare() {
	if len(e.forms) > 0 || len(e.exact) > 8 {
		e.set = &wordSet{}
	}
}

// words counts the whole words the element takes.
func (e *elem) words() int {
	n := len(e.exact)
	for _, fs := range e.forms {
		n += len(fs)
	}
	return n
}

// NewPattern compiles a sequence pattern; the error says which token is wrong and why.
func NewPattern(src string) (*Pattern, error) {
	body, bag, err := cutBag(src)
	if err != nil {
		return nil, err
	}
	fields := fields(body)
	if len(fields) == 0 {
		return nil, errors.New("empty pattern")
	}
	p := &Pattern{src: src, bag: bag}
	for _, f := range fields {
		els, err := parseField(f)
		if err != nil {
			return nil, err
		}
		p.elems = append(p.elems, els...)
	}
	if err := p.finish(); err != nil {
		return nil, err
	}
	return p, nil
}

// finish checks a pattern's elements and works out where a match can start and how far it
// can reach; a pattern read from its compiled form goes through it too, so it holds the
// same invariants as one compiled from its text.
func (p *Pattern) finish() error {
	if len(p.elems) > maxElems {
		return fmt.Errorf("too long: %d words, at most %d", len(p.elems), maxElems)
	}
	p.first = -1
	last := -1
	for i, e := range p.elems {
		if e.kind != gapElem && !e.optional {
			if p.first < 0 {
				p.first = i
			}
			last = i
		}
		if e.kind == gapElem {
			p.width += e.gap
		} else {
			p.width++
		}
	}
	// Asides («я, честно говоря, не знаю») may stand between two words.
	for i := 0; i+1 < len(p.elems); i++ {
		if p.elems[i].kind != gapElem && p.elems[i+1].kind != gapElem {
			p.width += maxAside
		}
	}
	if p.first > 0 {
		p.lead = p.first * (1 + maxAside)
	}
	if p.bag {
		if err := p.checkBag(); err != nil {
			return err
		}
		p.width = 2*bagReach + 1
	}
	if p.first < 0 {
		return errors.New("needs at least one word that is not optional")
	}
	for i, e := range p.elems {
		if e.kind == gapElem && (i < p.first || i > last) {
			return fmt.Errorf("gap ~%d must stand between two required words", e.gap)
		}
	}
	return nil
}

// parseField compiles one space-separated field into one or more elements.
func parseField(f string) ([]elem, error) {
	if f[0] == '~' {
		n, err := strconv.Atoi(f[1:])
		if err != nil || f[1] == '+' || f[1] == '-' {
			return nil, fmt.Errorf("unknown token %q", f)
		}
		if n < 1 || n > maxGap {
			return nil, fmt.Errorf("gap %q out of range ~1..~%d", f, maxGap)
		}
		return []elem{{kind: gapElem, gap: n}}, nil
	}
	body, optional := strings.CutSuffix(f, "?")
	if body == "" || strings.ContainsAny(body, "?~") {
		return nil, fmt.Errorf("unknown token %q", f)
	}
	if !optional && !strings.ContainsAny(body, "|*<") {
		// A plain word may be several tokens: "100%" is 100 then %, punctuation goes.
		ws := Words(body)
		if len(ws) == 0 {
			return nil, fmt.Errorf("unknown token %q: punctuation is not a word", f)
		}
		els := make([]elem, len(ws))
		for i, w := range ws {
			els[i] = elem{kind: wordElem, exact: []string{w}}
		}
		return els, nil
	}
	e := elem{kind: wordElem, optional: optional}
	for _, alt := range strings.Split(body, "|") {
		switch {
		case plainWord(alt): // most alternatives: a lemma's forms written out
			e.exact = append(e.exact, alt)
		case alt == "":
			return nil, fmt.Errorf("empty alternative in %q", f)
		case alt == "*":
			e.kind = anyElem
		case alt[0] == '<':
			forms, err := lemmaForms(alt)
			if err != nil {
				return nil, err
			}
			e.forms = append(e.forms, forms) // shared: never modified
			e.lemmas = append(e.lemmas, alt)
		case strings.Contains(alt, "*"):
			stem := Normalize(alt[:len(alt)-1])
			if ws := Words(stem); len(ws) != 1 || ws[0] != stem || !strings.HasSuffix(alt, "*") {
				return nil, fmt.Errorf("unknown token %q: a prefix is letters or digits followed by *", alt)
			}
			e.prefix = append(e.prefix, stem)
		default:
			ws := Words(alt)
			if len(ws) != 1 {
				if len(ws) == 0 {
					return nil, fmt.Errorf("unknown token %q: punctuation is not a word", alt)
				}
				return nil, fmt.Errorf("%q is %d words; an alternative must be one word", alt, len(ws))
			}
			e.exact = append(e.exact, ws[0])
		}
	}
	if e.kind == anyElem {
		e.exact, e.forms, e.lemmas, e.prefix = nil, nil, nil, nil
	}
	e.prepare()
	return []elem{e}, nil
}

// fields is strings.Fields(s) without its per-rune Unicode test for basic Russian letters:
// a default pack's patterns run to thousands of words, and strings.Fields falls back to
// unicode.IsSpace for every rune of any string that is not pure ASCII.
func fields(s string) []string {
	n := 0
	in := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case (c == 0xD0 || c == 0xD1) && i+1 < len(s) && s[i+1]&0xC0 == 0x80:
			i++ // U+0400–U+047F: no space there
			n, in = n+btoi(!in), true
		case c >= utf8.RuneSelf:
			return strings.Fields(s) // other scripts and Unicode spaces: the general rule
		case asciiSpace(c):
			in = false
		default:
			n, in = n+btoi(!in), true
		}
	}
	out := make([]string, 0, n)
	start := -1
	for i := 0; i < len(s); i++ {
		if asciiSpace(s[i]) {
			if start >= 0 {
				out = append(out, s[start:i])
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

// asciiSpace is unicode.IsSpace for a byte below utf8.RuneSelf.
func asciiSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// String returns the pattern as written.
func (p *Pattern) String() string { return p.src }

// Find returns the non-overlapping matches of p in text, in text order.
func (p *Pattern) Find(text string) []Span {
	t := Analyze(text)
	defer t.Release()
	return p.FindIn(t)
}

// FindIn is Find over an already analysed text.
func (p *Pattern) FindIn(t *Text) []Span {
	ms := p.appendMatches(t, nil)
	out := make([]Span, len(ms))
	for i, m := range ms {
		out[i].Start, out[i].End, out[i].Match = t.original(m)
	}
	return out
}

// appendMatches appends the non-overlapping matches of p to dst, earliest first.
// Optional words are taken when present, gaps are as short as possible.
func (p *Pattern) appendMatches(t *Text, dst []span) []span {
	return p.appendFrom(t, p.candidates(t), dst)
}

// appendAnchored is appendMatches for a pattern of a set, whose anchor positions the
// set's index has found already (slot is the pattern's slot in the set).
func (p *Pattern) appendAnchored(t *Text, slot int32, dst []span) []span {
	if p.elems[p.first].kind == anyElem {
		return p.appendFrom(t, p.allStarts(t), dst)
	}
	pos := t.anchorsOf(slot)
	if len(pos) == 0 {
		return dst
	}
	return p.appendFrom(t, p.expand(t, pos), dst)
}

func (p *Pattern) appendFrom(t *Text, starts []int32, dst []span) []span {
	if p.bag {
		return p.appendBags(t, starts, dst)
	}
	next := 0
	for _, s := range starts {
		if int(s) < next {
			continue
		}
		if end, ok := p.matchAt(t, int(s), query{mode: qFirst}); ok {
			dst = append(dst, span{t.tokens[s].start, t.tokens[end-1].end})
			next = end
		}
	}
	return dst
}

// candidates lists the token positions where a match may start, ascending: every
// occurrence of the first required word, moved back by the optional words before it.
func (p *Pattern) candidates(t *Text) []int32 {
	anchor := &p.elems[p.first]
	if anchor.kind == anyElem {
		return p.allStarts(t)
	}
	sorted := t.sortedTokens()
	pos := t.found[:0]
	anchor.eachWord(func(w string) {
		pos = append(pos, t.wordRange(sorted, w, false)...)
	})
	for _, w := range anchor.prefix {
		pos = append(pos, t.wordRange(sorted, w, true)...)
	}
	t.found = pos
	return p.expand(t, sortUnique(pos))
}

func (p *Pattern) allStarts(t *Text) []int32 {
	starts := grow(t.starts, len(t.tokens))
	for i := range starts {
		starts[i] = int32(i)
	}
	t.starts = starts
	return starts
}

// expand turns ascending anchor positions into ascending, distinct start positions.
func (p *Pattern) expand(t *Text, pos []int32) []int32 {
	starts := t.starts[:0]
	for _, k := range pos {
		for s := max(0, k-int32(p.lead)); s <= k; s++ {
			// Further back than the optional words reach only past an aside.
			if s < k-int32(p.first) && !t.asideBetween(s, k) {
				continue
			}
			starts = append(starts, s)
		}
	}
	if p.lead > 0 || len(starts) > 1 {
		starts = sortUnique(starts)
	}
	t.starts = starts
	return starts
}

func sortUnique(s []int32) []int32 {
	if len(s) < 2 {
		return s
	}
	if len(s) > 32 {
		slices.Sort(s)
	} else {
		// Candidate lists are short and nearly sorted: insertion sort is the cheapest.
		for i := 1; i < len(s); i++ {
			for j := i; j > 0 && s[j] < s[j-1]; j-- {
				s[j], s[j-1] = s[j-1], s[j]
			}
		}
	}
	out := s[:1]
	for _, v := range s[1:] {
		if v != out[len(out)-1] {
			out = append(out, v)
		}
	}
	return out
}
