package rules

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unsafe"
)

// A rule's compiled form is what compiling its Spec works out, written down so that an engine
// start reads it instead of compiling: the default packs' rules compiled from their patterns
// at every start were most of a cold start in wasm, and most of that was V8 compiling, on
// first use, the code that compiles patterns and regular expressions (wasm/bench/README.md).
// The form is written beside the rule's Spec, which still holds everything a listing or an
// export needs; it is made by this engine build and read back by it only (a pack's binary
// form carries it, and the pack image's stamp names the build).
//
// A record, in uvarints and length-prefixed strings (a list is its length plus one, 0 for
// nil), by the rule's kind:
//
//	sequence, count: the patterns
//	regex:           program size, then its need (0, or 1, its literals and its ranges)
//	pii:             nothing (the detector and allow come from the Spec)
//
// then the scope bits, and the exceptions, unless_before and unless_after patterns. A
// pattern is its element count times 2, plus 1 for a bag, then a code per field of its
// source: 0 when the field's one element is what derive reads off it (most fields: plain
// words, lemma tokens, prefixes and gaps), else the number of the field's elements and each
// as its kind plus 4 if optional, 8, 16 and 32 for exact words, lemma tokens and prefixes
// present, its gap if a gap, then those lists. Lemma tokens are resolved when read
// (UseCompiledLemmas), so no form is written out.

// AppendCompiled appends the compiled form of rule i of s to b. A function, not a method:
// the engine only reads compiled forms, and a method would be linked into it regardless.
func AppendCompiled(b []byte, s *Set, i int) ([]byte, error) {
	if i < 0 || i >= s.Len() {
		return nil, fmt.Errorf("no rule %d in a set of %d", i, s.Len())
	}
	r := s.rules[i]
	w := &cwriter{b: b}
	var err error
	switch m := r.m.(type) {
	case *sequence:
		err = w.patterns(m.patterns)
	case *count:
		err = w.patterns(m.patterns)
	case *regex:
		w.uint(uint64(m.insts))
		if m.need == nil {
			w.uint(0)
		} else {
			w.uint(1)
			w.list(m.need.lits)
			w.uint(uint64(len(m.need.ranges)) + uint64(btoi(m.need.ranges != nil)))
			for _, x := range m.need.ranges {
				w.uint(uint64(x))
			}
		}
	case *pii:
	default:
		return nil, fmt.Errorf("rule %s: kind %T has no compiled form", r.info.ID, r.m)
	}
	w.uint(uint64(r.f.scope))
	for _, ps := range [][]*Pattern{r.f.except, r.f.before, r.f.after} {
		if e := w.patterns(ps); err == nil {
			err = e
		}
	}
	if err != nil {
		return nil, fmt.Errorf("rule %s: %w", r.info.ID, err)
	}
	return w.b, nil
}

// ReadCompiled builds the set that compiling specs without their examples gives, from each
// rule's compiled form (records[i] is specs[i]'s, as Set.AppendCompiled wrote it). Strings are
// views of the records' memory, which must not change afterwards. A damaged record is an
// error naming its rule; ReadCompiled never panics.
func ReadCompiled(specs []Spec, records [][]byte) (*Set, error) {
	if len(records) != len(specs) {
		return nil, fmt.Errorf("compiled rules: %d records for %d rules", len(records), len(specs))
	}
	if probs := packLimits(specs); len(probs) > 0 {
		return nil, fmt.Errorf("compiled rules: %s: %s", probs[0].Path, probs[0].Problem)
	}
	rules := make([]*rule, len(specs))
	for i := range specs {
		r, err := readRule(&specs[i], records[i])
		if err != nil {
			return nil, fmt.Errorf("compiled rule %d (%s): %w", i, specs[i].ID, err)
		}
		rules[i] = r
	}
	return newSet(rules), nil
}

// readRule reads one rule; what its record does not hold comes from its spec.
func readRule(sp *Spec, rec []byte) (*rule, error) {
	r := &rule{info: RuleInfo{ID: sp.ID, Kind: sp.Kind, Category: sp.Category, Severity: sp.Severity, Message: sp.Message, Why: sp.Why}}
	c := &creader{b: rec}
	switch sp.Kind {
	case "sequence":
		r.m = &sequence{patterns: c.patterns(sp.Patterns, true)}
	case "count":
		if sp.Max < 1 {
			return nil, errors.New("a count rule needs max ≥ 1")
		}
		r.m = &count{patterns: c.patterns(sp.Patterns, true), max: sp.Max}
	case "regex":
		m := &regex{src: sp.Regex, insts: int(c.uint(MaxRegexPack))}
		if c.uint(1) == 1 {
			m.need = &need{lits: c.list()}
			if n := c.count(); n > 0 { // ranges and one, 0 for none
				if n%2 != 1 {
					c.fail("need ranges come in pairs")
				}
				m.need.ranges = make([]rune, n-1)
				for k := range m.need.ranges {
					m.need.ranges[k] = rune(c.uint(0x10FFFF))
				}
			}
		}
		if sp.Regex == "" {
			c.fail("a regex rule without its expression")
		}
		r.m = m
	case "pii":
		m, probs := newPII(sp, "")
		if len(probs) > 0 {
			return nil, errors.New(probs[0].Problem)
		}
		r.m = m
	default:
		return nil, fmt.Errorf("unknown kind %q", sp.Kind)
	}
	switch sp.Anchor {
	case "":
	case "sentence-start":
		r.f.sentenceStart = true
	default:
		return nil, fmt.Errorf("unknown anchor %q", sp.Anchor)
	}
	r.f.scope = uint8(c.uint(255))
	r.f.except = c.patterns(sp.Exceptions, false)
	r.f.before = c.patterns(sp.UnlessBefore, false)
	r.f.after = c.patterns(sp.UnlessAfter, false)
	r.repl = sp.Replacements
	if r.repl == nil {
		r.repl = map[string][]string{} // as compileReplacements gives it
	}
	switch {
	case c.err != nil:
		return nil, c.err
	case len(c.b) > 0:
		return nil, fmt.Errorf("%d bytes left over", len(c.b))
	}
	return r, nil
}

// cwriter appends a compiled form. A word of an element written out is written as where it
// stands in the pattern's source (src), which the reader has in the Spec, when it stands
// there verbatim.
type cwriter struct {
	b   []byte
	src string
}

func (w *cwriter) uint(v uint64) { w.b = binary.AppendUvarint(w.b, v) }

func (w *cwriter) list(ss []string) {
	if ss == nil {
		w.uint(0)
		return
	}
	w.uint(uint64(len(ss)) + 1)
	for _, s := range ss {
		w.word(s)
	}
}

// word writes s as 1 + its offset in src and its length, or as 0 and s itself.
func (w *cwriter) word(s string) {
	if i := strings.Index(w.src, s); s != "" && i >= 0 {
		w.uint(uint64(i) + 1)
		w.uint(uint64(len(s)))
		return
	}
	w.uint(0)
	w.uint(uint64(len(s)))
	w.b = append(w.b, s...)
}

func (w *cwriter) patterns(ps []*Pattern) error {
	w.uint(uint64(len(ps)))
	for _, p := range ps {
		w.src = p.src
		w.uint(uint64(len(p.elems))<<1 | uint64(btoi(p.bag)))
		body, _, err := cutBag(p.src)
		if err != nil {
			return err
		}
		j := 0
		for _, f := range fields(body) {
			if e, ok := derive(f); ok && j < len(p.elems) && sameElem(e, p.elems[j]) {
				w.uint(0)
				j++
				continue
			}
			els, err := parseField(f)
			if err != nil || j+len(els) > len(p.elems) {
				return fmt.Errorf("pattern %q: field %q does not give its elements again (%v)", p.src, f, err)
			}
			w.uint(uint64(len(els)))
			for _, e := range p.elems[j : j+len(els)] {
				w.elem(e)
			}
			j += len(els)
		}
		if j != len(p.elems) {
			return fmt.Errorf("pattern %q: %d elements from its fields, %d compiled", p.src, j, len(p.elems))
		}
	}
	return nil
}

// elem writes an element out in full.
func (w *cwriter) elem(e elem) {
	h := uint64(e.kind) | uint64(btoi(e.optional))<<2 | uint64(btoi(e.exact != nil))<<3 |
		uint64(btoi(e.lemmas != nil))<<4 | uint64(btoi(e.prefix != nil))<<5
	w.uint(h)
	if e.kind == gapElem {
		w.uint(uint64(e.gap))
	}
	for _, l := range [][]string{e.exact, e.lemmas, e.prefix} {
		if l != nil {
			w.list(l)
		}
	}
}

// sameElem reports whether two elements take the same words (forms come from lemmas).
func sameElem(a, b elem) bool {
	return a.kind == b.kind && a.optional == b.optional && a.gap == b.gap &&
		slices.Equal(a.exact, b.exact) && (a.exact == nil) == (b.exact == nil) &&
		slices.Equal(a.lemmas, b.lemmas) && (a.lemmas == nil) == (b.lemmas == nil) &&
		slices.Equal(a.prefix, b.prefix) && (a.prefix == nil) == (b.prefix == nil)
}

// derive reads the one element a pattern field stands for when the field is simple enough
// to read without the text analysis parseField runs: a gap, or alternatives each of which
// is a plain word, a lemma token, a plain prefix or "*". The writer keeps a derived element
// only when it is the very element compiling gave, so reading never differs from compiling.
func derive(f string) (elem, bool) {
	if len(f) == 2 && f[0] == '~' && '1' <= f[1] && f[1] <= '9' {
		return elem{kind: gapElem, gap: int(f[1] - '0')}, true
	}
	body, optional := strings.CutSuffix(f, "?")
	e := elem{kind: wordElem, optional: optional}
	for alt := range strings.SplitSeq(body, "|") {
		switch {
		case plainWord(alt):
			e.exact = append(e.exact, alt)
		case alt == "*":
			e.kind = anyElem
		case len(alt) > 2 && alt[0] == '<' && alt[len(alt)-1] == '>':
			e.lemmas = append(e.lemmas, alt)
		case len(alt) > 1 && alt[len(alt)-1] == '*' && plainWord(alt[:len(alt)-1]):
			e.prefix = append(e.prefix, alt[:len(alt)-1])
		default:
			return elem{}, false
		}
	}
	if e.kind == anyElem {
		e.exact, e.lemmas, e.prefix = nil, nil, nil
	}
	return e, true
}

// creader reads a compiled form; after the first error every read returns zero values.
type creader struct {
	b   []byte
	src string // the source of the pattern being read
	err error
}

func (c *creader) fail(msg string) {
	if c.err == nil {
		c.err = errors.New(msg)
	}
}

// uint reads a number no greater than max.
func (c *creader) uint(max uint64) uint64 {
	if c.err != nil {
		return 0
	}
	v, k := binary.Uvarint(c.b)
	switch {
	case k <= 0:
		c.fail("cut short or damaged")
		return 0
	case v > max:
		c.fail("a number is out of range")
		return 0
	}
	c.b = c.b[k:]
	return v
}

// count reads a count, which can never exceed the bytes left (every item takes one at least).
func (c *creader) count() int { return int(c.uint(uint64(len(c.b)))) }

func (c *creader) list() []string {
	n := c.uint(uint64(len(c.b)) + 1)
	if n == 0 || c.err != nil {
		return nil
	}
	out := make([]string, 0, min(n-1, 256)) // a damaged count claims no memory ahead of its words
	for k := uint64(0); k < n-1 && c.err == nil; k++ {
		out = append(out, c.word())
	}
	return out
}

// word reads a word that cwriter.word wrote.
func (c *creader) word() string {
	if at := c.uint(uint64(len(c.src))); at > 0 {
		k := c.uint(uint64(len(c.src)) - at + 1)
		return c.src[at-1 : at-1+k]
	}
	k := c.uint(uint64(len(c.b)))
	if k > uint64(len(c.b)) {
		c.fail("a word runs past the end")
	}
	if k == 0 || c.err != nil {
		return ""
	}
	s := unsafe.String(&c.b[0], int(k))
	c.b = c.b[k:]
	return s
}

// patterns reads the patterns of srcs, a rule's list; bags only where allowed.
func (c *creader) patterns(srcs []string, bags bool) []*Pattern {
	if n := c.count(); n != len(srcs) {
		c.fail(fmt.Sprintf("%d patterns where the rule has %d", n, len(srcs)))
		return nil
	}
	ps := make([]*Pattern, 0, len(srcs))
	for _, src := range srcs {
		c.src = src
		h := c.uint(maxElems<<1 | 1)
		p := &Pattern{src: src, bag: h&1 == 1, elems: make([]elem, 0, h>>1)}
		if p.bag && !bags {
			c.fail("a bag where only phrases go")
		}
		body, _, err := cutBag(src)
		if err != nil {
			c.fail(err.Error())
		}
		rest := fields(body)
		for c.err == nil && len(p.elems) < cap(p.elems) {
			if len(rest) == 0 {
				c.fail("more elements than the pattern has fields")
				break
			}
			f := rest[0]
			rest = rest[1:]
			n := int(c.uint(uint64(cap(p.elems) - len(p.elems))))
			if n == 0 {
				e, ok := derive(f)
				if !ok {
					c.fail(fmt.Sprintf("the field %q is not one element", f))
				}
				p.elems = append(p.elems, c.resolve(e))
				continue
			}
			for range n {
				p.elems = append(p.elems, c.resolve(c.elem()))
			}
		}
		if c.err == nil && len(rest) > 0 {
			c.fail("fewer elements than the pattern has fields")
		}
		if c.err != nil {
			return nil
		}
		if err := p.finish(); err != nil {
			c.err = err
			return nil
		}
		ps = append(ps, p)
	}
	return ps
}

// elem reads an element written out in full and checks it is one parsing a pattern can give.
func (c *creader) elem() elem {
	h := c.uint(63)
	e := elem{kind: elemKind(h & 3), optional: h&4 != 0}
	if e.kind == gapElem {
		e.gap = int(c.uint(maxGap))
	}
	if h&8 != 0 {
		e.exact = c.list()
	}
	if h&16 != 0 {
		e.lemmas = c.list()
	}
	if h&32 != 0 {
		e.prefix = c.list()
	}
	words := len(e.exact) + len(e.lemmas) + len(e.prefix)
	switch {
	case e.kind > gapElem:
		c.fail("an unknown element kind")
	case e.kind == gapElem && (e.gap < 1 || words > 0 || e.optional):
		c.fail("a gap must be ~1..~9 and hold no words")
	case e.kind == anyElem && words > 0, e.kind == wordElem && words == 0:
		c.fail("an element holds what its kind cannot")
	}
	for _, ws := range [][]string{e.exact, e.prefix} {
		for _, w := range ws {
			if w == "" {
				c.fail("an empty word")
			}
		}
	}
	return e
}

// resolve gives an element the forms of its lemma tokens.
func (c *creader) resolve(e elem) elem {
	if c.err != nil {
		return elem{}
	}
	for _, tok := range e.lemmas {
		forms, err := lemmaForms(tok)
		if err != nil {
			c.err = err
			return elem{}
		}
		e.forms = append(e.forms, forms)
	}
	e.prepare()
	return e
}
