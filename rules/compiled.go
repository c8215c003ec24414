package rules

import (
	"encoding/binary"
	"fmt"
	"slices"
	"strings"
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
