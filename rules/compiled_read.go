package rules

import (
	"encoding/binary"
	"errors"
	"fmt"
	"unsafe"
)

// Reading the compiled form compiled.go describes.

// ReadCompiled builds the set that compiling specs without their examples gives, from each
// rule's compiled form (records[i] is specs[i]'s, as AppendCompiled wrote it). Strings are
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
